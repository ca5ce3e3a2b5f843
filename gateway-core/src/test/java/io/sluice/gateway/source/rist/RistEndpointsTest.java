package io.sluice.gateway.source.rist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.EngineContext;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.testing.SecretFiles;
import io.sluice.protocols.rist.RistProfile;
import io.sluice.protocols.rist.RistReceiverSettings;
import io.sluice.protocols.rist.RistSenderSettings;
import io.sluice.protocols.time.NanoClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
    void secretsDirectory() {
        write("good", "a-rist-passphrase");
        write("long", "x".repeat(128));
        context = new EngineContext(NanoClock.SYSTEM, Transport.NIO, null, PooledByteBufAllocator.DEFAULT,
                SecretResolver.directory(secrets), new io.sluice.gateway.entitlement.EntitlementHub());
    }

    private void write(String name, String value) {
        SecretFiles.write(secrets, name, value);
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

    private static String srp(String user, String secret) {
        return ", \"SluiceExtensions\": {\"SrpUsername\": \"%s\", \"SrpPasswordSecretArn\": \"%s\"}".formatted(user, ARN + secret);
    }

    @Test
    void eapSrpWithAPasswordMeansALoginForTheOutputAndAVerifierForTheSource() {
        FlowConfig f = flow(srp("gwuser", "good"), srp("gwuser", "good"));
        RistReceiverSettings in = RistEndpoints.sourceSettings(f.sources().getFirst(), context);
        RistSenderSettings out = RistEndpoints.outputSettings(f.outputs().getFirst(), InetAddress.getLoopbackAddress(), context);
        assertThat(in.srp().username()).isEqualTo("gwuser");
        assertThat(out.srp().username()).isEqualTo("gwuser");
        assertThat(out.srp().password()).isEqualTo("a-rist-passphrase".getBytes());
        assertThat(out.profile()).as("EAP-SRP is main profile").isEqualTo(RistProfile.MAIN);
        assertThat(in.toString() + out).doesNotContain("a-rist-passphrase");
        assertThat(in.srp().verifier().toLibristLine("gwuser")).startsWith("gwuser:").endsWith(":3");
    }

    @Test
    void aSourceReadsTheUsersVerifierFromARistsrppasswdFile() {
        write("srpfile", "other:AAAA:AAAA:3\n" + LIBRIST_LINE + "\n");
        FlowConfig f = flow(srp("rist-user", "srpfile"), "");
        assertThat(RistEndpoints.sourceSettings(f.sources().getFirst(), context).srp().verifier().toLibristLine("rist-user"))
                .isEqualTo(LIBRIST_LINE);
        FlowConfig nobody = flow(srp("nobody", "srpfile"), "");
        assertThatThrownBy(() -> RistEndpoints.sourceSettings(nobody.sources().getFirst(), context))
                .hasMessage("Source in.SluiceExtensions.SrpPasswordSecretArn: " + ARN + "srpfile holds a ristsrppasswd file, "
                        + "but the SRP file has no line for user \"nobody\"");
        FlowConfig output = flow("", srp("rist-user", "srpfile"));
        assertThatThrownBy(() -> RistEndpoints.outputSettings(output.outputs().getFirst(), InetAddress.getLoopbackAddress(), context))
                .hasMessageContaining("Output out.SluiceExtensions.SrpPasswordSecretArn").hasMessageContaining("verifier file");
    }

    @Test
    void refusesAPasswordLongerThanLibristAcceptsWithoutShowingIt() {
        write("srplong", "y".repeat(256));
        FlowConfig f = flow("", srp("gwuser", "srplong"));
        assertThatThrownBy(() -> RistEndpoints.outputSettings(f.outputs().getFirst(), InetAddress.getLoopbackAddress(), context))
                .hasMessageContaining("Output out.SluiceExtensions.SrpPasswordSecretArn").hasMessageContaining("256 bytes")
                .hasMessageNotContaining("yyyy");
    }

    /** Printed by librist 0.2.7's {@code ristsrppasswd rist-user 'correct horse battery'}. */
    private static final String LIBRIST_LINE = "rist-user:UHSskLZGJE5x7QcXnefCULTh6Y8ilFWHRzDzb8RlXbom4WXz92z15lwGnmwDAGqwUQe7UcQZR3fk9qgt"
            + "+L5LQzBZz3krLiECqCr7VuTChsOhA/Fz+67waGdJQtlpBOzVdJwerxyuGIENpb/5nytr7vPbbIatizRc88SA0hXQ6e/eNwG063OvPHk0Mrb6IhP"
            + "ipIifW6MPA26kYjuciwbLroYPyrgfya/Pvpha2imZU7AeCu97B64Lz0VRWT/0Ja38PdUQSYygfTtFLPur2bi3A/+ED8yW7NfuFNNZhZhKwAAb5n2"
            + "HoFi7kq7LcNXQ+6VZuv+RvyoUrb173YHJw+5tag:0yTb3fiSwqGGoisQxo5BASEupxtoiBqEE+7xX+lm6V4:3";

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
