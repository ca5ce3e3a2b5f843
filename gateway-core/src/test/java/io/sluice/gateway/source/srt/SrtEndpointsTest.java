package io.sluice.gateway.source.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.testing.SecretFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrtEndpointsTest {
    private static final String FLOW = """
            {
              "Name": "srt-flow",
              "Source": {
                "Name": "contribution", "Protocol": "srt-listener", "IngestPort": 9000, "MinLatency": 250,
                "StreamId": "feed1", "WhitelistCidr": "127.0.0.0/24",
                "Decryption": {"KeyType": "srt-password", "Algorithm": "aes256",
                               "SecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-pass",
                               "RoleArn": "arn:aws:iam::111122223333:role/sluice"}
              },
              "Outputs": [
                {"Name": "to-cdn", "Protocol": "srt-caller", "Destination": "127.0.0.1", "Port": 9100, "MinLatency": 400,
                 "Encryption": {"KeyType": "srt-password", "Algorithm": "aes192",
                                "SecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-pass",
                               "RoleArn": "arn:aws:iam::111122223333:role/sluice"}},
                {"Name": "pull", "Protocol": "srt-listener", "Port": 9200, "CidrAllowList": ["127.0.0.2/32", "10.0.0.0/8", "2001:db8::/32"]}
              ]
            }""";

    @Test
    void mapsLatencyStreamIdAllowListAndThePassphraseFromTheSecret(@TempDir Path secrets) throws Exception {
        SecretFiles.write(secrets, "srt-pass", "correct-horse-battery\n");
        SecretResolver resolver = SecretResolver.directory(secrets);
        FlowConfig flow = FlowConfigs.read(FLOW);

        SrtEndpoint source = SrtEndpoints.ofSource(flow.sources().getFirst(), resolver);
        assertThat(source.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 9000));
        assertThat(source.settings().latencyMs()).isEqualTo(250);
        assertThat(source.settings().streamId()).isEqualTo("feed1");
        assertThat(source.settings().passphrase()).asString().isEqualTo("correct-horse-battery");
        assertThat(source.settings().keyLengthBytes()).isEqualTo(32);
        assertThat(source.allowList().allows(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(source.allowList().allows(InetAddress.getByName("127.1.0.2"))).isFalse();
        assertThat(source.toString()).doesNotContain("correct-horse-battery");

        SrtEndpoint caller = SrtEndpoints.ofOutput(flow.outputs().get(0), resolver);
        assertThat(caller.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 9100));
        assertThat(caller.settings().latencyMs()).isEqualTo(400);
        assertThat(caller.settings().keyLengthBytes()).isEqualTo(24);

        SrtEndpoint listener = SrtEndpoints.ofOutput(flow.outputs().get(1), resolver);
        assertThat(listener.settings().encrypted()).isFalse();
        assertThat(listener.allowList().allows(InetAddress.getByName("10.9.8.7"))).isTrue();
        assertThat(listener.allowList().allows(InetAddress.getByName("127.0.0.3"))).isFalse();
        // the listen callback hands over what libsrt saw: IPv6, or IPv4 as ::ffff:a.b.c.d on a dual-stack socket
        assertThat(listener.allowList().allows(InetAddress.getByName("::ffff:127.0.0.2"))).isTrue();
        assertThat(listener.allowList().allows(InetAddress.getByName("::ffff:127.0.0.3"))).isFalse();
        assertThat(listener.allowList().allows(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(listener.allowList().allows(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(caller.allowList().allowsEveryone()).isTrue();
    }

    @Test
    void aMissingSecretIsReportedWithTheArnNotAValue(@TempDir Path secrets) {
        FlowConfig flow = FlowConfigs.read(FLOW);
        assertThatThrownBy(() -> SrtEndpoints.ofSource(flow.sources().getFirst(), SecretResolver.directory(secrets)))
                .hasMessageContaining("srt-pass");
    }

    @Test
    void aHostNameIsRefusedRatherThanResolvedOnTheLoop() {
        FlowConfig flow = FlowConfigs.read(FLOW.replace("\"Destination\": \"127.0.0.1\"", "\"Destination\": \"cdn.example.com\""));
        assertThatThrownBy(() -> SrtEndpoints.ofOutput(flow.outputs().get(0), arn -> "x".repeat(12).getBytes()))
                .hasMessage("output to-cdn: Destination: \"cdn.example.com\" is not an IP address (expected e.g. 192.0.2.10)");
    }
}
