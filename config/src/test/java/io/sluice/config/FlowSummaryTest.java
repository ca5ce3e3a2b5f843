package io.sluice.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FlowSummaryTest {
    private static FlowConfig example(String name) {
        return FlowConfigs.read(Path.of("..", "examples", name + ".json"));
    }

    @Test
    void namesSourceProtocolPortAndOutputsByProtocol() {
        assertThat(FlowSummary.of(example("rtp-fanout"))).isEqualTo("rtp-fanout: source rtp on port 5000 -> 50 outputs (50 rtp)");
        assertThat(FlowSummary.of(example("rtp-fec"))).isEqualTo("rtp-fec: source rtp-fec on port 5100 -> 3 outputs (1 rtp, 2 rtp-fec)");
        assertThat(FlowSummary.of(example("srt-caller")))
                .isEqualTo("srt-caller: source srt-caller to 127.0.0.1:5300 -> 2 outputs (1 rtp, 1 srt-caller)");
        assertThat(FlowSummary.of(example("merge")))
                .isEqualTo("merge: sources (MERGE) rtp on port 5600 + rtp on port 5610 -> 1 output (1 rtp)");
        assertThat(FlowSummary.of(example("entitlement-originator"))).endsWith("-> 1 output (1 rtp), 1 entitlement");
    }

    @Test
    void listsEverySecretWithItsPathAndKind() {
        assertThat(SecretReference.of(example("rist"))).containsExactly(
                new SecretReference("Outputs[1].Encryption.SecretArn",
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:rist-psk",
                        SecretReference.Kind.RIST_PASSPHRASE, Algorithm.AES256),
                new SecretReference("Outputs[1].SluiceExtensions.SrpPasswordSecretArn",
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:rist-srp-password",
                        SecretReference.Kind.SRP_PASSWORD, null));
        assertThat(SecretReference.of(example("srt-listener-password"))).extracting(SecretReference::kind)
                .containsExactly(SecretReference.Kind.SRT_PASSPHRASE, SecretReference.Kind.SRT_PASSPHRASE);
        assertThat(SecretReference.of(example("entitlement-subscriber"))).singleElement()
                .extracting(SecretReference::kind).isEqualTo(SecretReference.Kind.STATIC_KEY_HEX);
        assertThat(SecretReference.of(example("rtp-fanout"))).isEmpty();
    }
}
