package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowDescriptionsTest {
    private static final MediaConnectArns ARNS = new MediaConnectArns("us-east-1", "111122223333");

    private static FlowConfig example(String name) {
        return FlowConfigs.read(Path.of("..", "examples", name + ".json"));
    }

    @Test
    void writesTheResponseLayoutWithTransportNested() {
        FlowDescription d = FlowDescription.of(example("srt-listener-password"), ARNS, "1-abc", Status.STANDBY,
                "127.0.0.1", "127.0.0.1");

        JsonNode flow = FlowDescriptions.toJson(d, Spelling.WIRE);

        assertThat(flow.get("flowArn").asText())
                .isEqualTo("arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:srt-listener-password");
        assertThat(flow.get("status").asText()).isEqualTo("STANDBY");
        assertThat(flow.get("entitlements").isArray()).isTrue();
        JsonNode source = flow.get("source");
        assertThat(source.get("sourceArn").asText()).endsWith(":source:1-abc:remote-encoder");
        assertThat(source.get("ingestIp").asText()).isEqualTo("127.0.0.1");
        assertThat(source.get("ingestPort").asInt()).isEqualTo(5200);
        assertThat(source.get("whitelistCidr").asText()).isEqualTo("127.0.0.0/8");
        assertThat(source.has("protocol")).isFalse();
        assertThat(source.get("transport").get("protocol").asText()).isEqualTo("srt-listener");
        assertThat(source.get("transport").get("minLatency").asInt()).isEqualTo(200);
        assertThat(source.get("decryption").get("keyType").asText()).isEqualTo("srt-password");
        assertThat(flow.get("sources")).hasSize(1);
        assertThat(flow.get("sources").get(0)).isEqualTo(source);
        JsonNode output = flow.get("outputs").get(0);
        assertThat(output.get("outputArn").asText()).endsWith(":output:1-abc:srt-pull");
        assertThat(output.get("listenerAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(output.get("port").asInt()).isEqualTo(6200);
        assertThat(output.get("transport").get("cidrAllowList")).hasSize(2);
        assertThat(output.has("cidrAllowList")).isFalse();
        assertThat(flow.get("outputs").get(1).get("transport").get("smoothingLatency").asInt()).isZero();
        assertThat(flow.get("sourceFailoverConfig").get("state").asText()).isEqualTo("DISABLED");
    }

    @Test
    void writesPascalCaseAndEntitlementsWithTheirArns() {
        FlowDescription d = FlowDescription.of(example("entitlement-originator"), ARNS, "1-xyz", Status.ACTIVE,
                "192.0.2.10", "192.0.2.10");

        JsonNode flow = FlowDescriptions.toJson(d, Spelling.SDK);

        JsonNode entitlement = flow.get("Entitlements").get(0);
        assertThat(entitlement.get("EntitlementArn").asText())
                .isEqualTo("arn:aws:mediaconnect:us-east-1:111122223333:entitlement:1-xyz:partner");
        assertThat(entitlement.get("Subscribers").get(0).asText()).isEqualTo("444455556666");
        assertThat(entitlement.get("EntitlementStatus").asText()).isEqualTo("ENABLED");
        assertThat(flow.get("Outputs").get(0).has("ListenerAddress")).isFalse();
    }

    @Test
    void anEntitledSourceHasNoTransport() {
        FlowDescription d = FlowDescription.of(example("entitlement-subscriber"), ARNS, "1-s", Status.STANDBY,
                "127.0.0.1", "127.0.0.1");

        JsonNode source = FlowDescriptions.toJson(d.sources().getFirst(), Spelling.WIRE);

        assertThat(source.has("transport")).isFalse();
        assertThat(source.has("ingestIp")).isFalse();
        assertThat(source.get("entitlementArn").asText()).contains(":entitlement:");
    }

    @Test
    void arnsRefuseWhatTheModelPatternsWouldRefuse() {
        assertThatThrownBy(() -> new MediaConnectArns("us-east-1", "1234")).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> ARNS.flow("bad id", "f")).hasMessageContaining("[a-zA-Z0-9-]+");
    }
}
