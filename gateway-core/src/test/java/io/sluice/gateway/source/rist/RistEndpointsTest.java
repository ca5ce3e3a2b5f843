package io.sluice.gateway.source.rist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.EngineContext;
import io.sluice.gateway.engine.Transport;
import io.sluice.protocols.rist.RistProfile;
import io.sluice.protocols.rist.RistReceiverSettings;
import io.sluice.protocols.rist.RistSenderSettings;
import io.sluice.protocols.time.NanoClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RistEndpointsTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
    private static final String ROLE = "arn:aws:iam::111122223333:role/r";

    @TempDir
    Path secrets;
    private EngineContext context;

    @BeforeEach
    void secretsDirectory() throws IOException {
        write("good", "a-rist-passphrase");
        write("long", "x".repeat(128));
        context = new EngineContext(NanoClock.SYSTEM, Transport.NIO, null, PooledByteBufAllocator.DEFAULT,
                SecretResolver.directory(secrets), new io.sluice.gateway.entitlement.EntitlementHub());
    }

    private void write(String name, String value) throws IOException {
        Path file = secrets.resolve(name);
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static FlowConfig flow(String source, String output) {
        return FlowConfigs.read("""
                {"Name": "f", "Source": {"Name": "in", "Protocol": "rist", "IngestPort": 5000 %s},
                 "Outputs": [{"Name": "out", "Protocol": "rist", "Destination": "127.0.0.1", "Port": 6000 %s}]}
                """.formatted(source, output));
    }

    private static String key(String algorithm, String secret) {
        return ", \"%s\": {\"KeyType\": \"static-key\", \"Algorithm\": \"%s\", \"SecretArn\": \"%s\", \"RoleArn\": \"%s\"}"
                .formatted("%s", algorithm, ARN + secret, ROLE);
    }

    @Test
    void aClearSourceUsesTheMediaConnectDefaultLatencyAndTheOutputTheSimpleProfile() {
        FlowConfig f = flow("", "");
        RistReceiverSettings in = RistEndpoints.sourceSettings(f.sources().getFirst(), context);
        RistSenderSettings out = RistEndpoints.outputSettings(f.outputs().getFirst(), InetAddress.getLoopbackAddress(), context);
        assertThat(in.bind()).isEqualTo(new InetSocketAddress(5000));
        assertThat(in.latencyMs()).isEqualTo(2000);
        assertThat(in.psk()).isNull();
        assertThat(out.profile()).isEqualTo(RistProfile.SIMPLE);
        assertThat(out.bufferMs()).isEqualTo(2000);
    }

    @Test
    void aStaticKeyMeansMainProfileWithThePassphraseFromTheSecretsDirectory() {
        FlowConfig f = flow(key("aes256", "good").formatted("Decryption") + ", \"MaxLatency\": 500",
                key("aes128", "good").formatted("Encryption"));
        RistReceiverSettings in = RistEndpoints.sourceSettings(f.sources().getFirst(), context);
        RistSenderSettings out = RistEndpoints.outputSettings(f.outputs().getFirst(), InetAddress.getLoopbackAddress(), context);
        assertThat(in.psk().keyBits()).isEqualTo(256);
        assertThat(in.psk().passphrase()).isEqualTo("a-rist-passphrase".getBytes());
        assertThat(in.latencyMs()).isEqualTo(500);
        assertThat(out.profile()).isEqualTo(RistProfile.MAIN);
        assertThat(out.psk().keyBits()).isEqualTo(128);
        assertThat(out.psk().toString()).doesNotContain("a-rist-passphrase");
    }

    @Test
    void refusesAPassphraseLongerThanLibristAcceptsWithoutShowingIt() {
        FlowConfig f = flow(key("aes128", "long").formatted("Decryption"), "");
        assertThatThrownBy(() -> RistEndpoints.sourceSettings(f.sources().getFirst(), context))
                .hasMessageContaining("Source in.Decryption.SecretArn").hasMessageContaining("128 bytes")
                .hasMessageNotContaining("xxxx");
    }

    @Test
    void refusesEapSrpWhichIsNotImplemented() {
        FlowConfig f = flow(", \"SluiceExtensions\": {\"SrpUsername\": \"u\", \"SrpPasswordSecretArn\": \"" + ARN + "good\"}", "");
        assertThatThrownBy(() -> RistEndpoints.sourceSettings(f.sources().getFirst(), context))
                .hasMessageContaining("EAP-SRP authentication is not implemented");
    }

    @Test
    void theMainProfileExtensionWorksWithoutAKey() {
        FlowConfig f = flow("", ", \"SluiceExtensions\": {\"RistProfile\": \"main\"}");
        assertThat(RistEndpoints.outputSettings(f.outputs().getFirst(), InetAddress.getLoopbackAddress(), context).profile())
                .isEqualTo(RistProfile.MAIN);
    }

    @Test
    void aSimpleProfileSourceServesBothProfilesAndAMainOneOnlyMain() {
        FlowConfig simple = flow("", "");
        assertThat(RistEndpoints.sourceSettings(simple.sources().getFirst(), context).profile())
                .as("simple (the default) follows the peer").isNull();
        FlowConfig main = flow(", \"SluiceExtensions\": {\"RistProfile\": \"main\"}", "");
        assertThat(RistEndpoints.sourceSettings(main.sources().getFirst(), context).profile()).isEqualTo(RistProfile.MAIN);
        FlowConfig keyed = flow(key("aes128", "good").formatted("Decryption"), "");
        assertThat(RistEndpoints.sourceSettings(keyed.sources().getFirst(), context).profile()).isEqualTo(RistProfile.MAIN);
    }
}
