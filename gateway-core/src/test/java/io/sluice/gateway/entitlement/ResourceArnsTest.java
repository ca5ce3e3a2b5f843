package io.sluice.gateway.entitlement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceArnsTest {
    @Test
    void deterministicArnsDependOnlyOnTheNamesAndMatchTheModelsPattern() {
        ResourceArns one = ResourceArns.deterministic("eu-west-1", "111122223333");
        ResourceArns two = ResourceArns.deterministic("eu-west-1", "111122223333");
        String arn = one.arn(ResourceArns.Type.ENTITLEMENT, "entitlement-originator", "partner");
        assertThat(arn).isEqualTo(two.arn(ResourceArns.Type.ENTITLEMENT, "entitlement-originator", "partner"));
        // the convention of examples/entitlement-subscriber.json, documented in docs/api.md
        assertThat(arn).isEqualTo("arn:aws:mediaconnect:eu-west-1:111122223333:entitlement:1-entitlement-originator:partner");
        assertThat(one.arn(ResourceArns.Type.OUTPUT, "Studio1", "out")).endsWith(":output:2-Studio1:out");
        // an underscore may end an ARN but not sit in its ID: then the ID is hashed
        String hashed = one.arn(ResourceArns.Type.ENTITLEMENT, "studio_1", "partner");
        assertThat(hashed).isEqualTo("arn:aws:mediaconnect:eu-west-1:111122223333:entitlement:1-"
                + sha256Hex("entitlement:studio_1:partner").substring(0, 16) + "-"
                + sha256Hex("entitlement:studio_1:partner").substring(16, 28) + ":partner");
    }

    @Test
    void randomArnsDifferAndParseBack() {
        ResourceArns arns = ResourceArns.random("us-east-1", ResourceArns.DEFAULT_ACCOUNT);
        String a = arns.arn(ResourceArns.Type.FLOW, "Show", "Show");
        assertThat(a).isNotEqualTo(arns.arn(ResourceArns.Type.FLOW, "Show", "Show"));
        assertThat(a).matches("arn:aws:mediaconnect:[a-z0-9-]+:[0-9]{12}:flow:[a-zA-Z0-9-]+:[a-zA-Z0-9_-]+");
        ResourceArns.Parsed parsed = ResourceArns.parse(a);
        assertThat(parsed.type()).isEqualTo(ResourceArns.Type.FLOW);
        assertThat(parsed.name()).isEqualTo("Show");
        assertThat(parsed.account()).isEqualTo("000000000000");
        assertThat(ResourceArns.parse("start")).isNull();
    }

    @Test
    void refusesNamesThatCannotEndAnArn() {
        ResourceArns arns = ResourceArns.random("us-east-1", ResourceArns.DEFAULT_ACCOUNT);
        assertThatThrownBy(() -> arns.arn(ResourceArns.Type.OUTPUT, "f", "to playout"))
                .hasMessageContaining("\"to playout\" must be 1-128 characters of A-Z a-z 0-9 _ -");
        assertThatThrownBy(() -> ResourceArns.random("us-east-1", "12345")).hasMessageContaining("not 12 digits");
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
