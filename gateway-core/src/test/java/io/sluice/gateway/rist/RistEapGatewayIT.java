package io.sluice.gateway.rist;

import static io.sluice.gateway.testing.FlowStarts.startActive;
import static io.sluice.testing.TestStream.compare;
import static io.sluice.testing.TestStream.sendUdp;
import static io.sluice.testing.TestStream.tail;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.testing.DeliveredPayloads;
import io.sluice.gateway.testing.RtpDatagrams;
import io.sluice.gateway.testing.SecretsGateway;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.TestStream;
import io.sluice.testing.UdpRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RIST EAP-SRP through whole Sluice flows built from flow documents, against librist 0.2.7 on loopback:
 * {@code ristsender ?username=&password=} (with AES-128) -> rist source whose SrpPasswordSecretArn holds a
 * {@code ristsrppasswd} file -> rtp output; rtp source -> rist output whose secret holds the password ->
 * {@code ristreceiver -F}. With the wrong password nothing comes out and the flow snapshot carries the problem.
 */
class RistEapGatewayIT {
    private static final int PACKETS = 1000;
    private static final long INTERVAL_US = 2500;
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/MediaConnectSecrets";
    private static final String USER = "gateway-user";
    private static final String PASSWORD = "gateway-srp-pass-7";
    private static final String PASSPHRASE = "gateway-rist-pass-43";

    @RegisterExtension
    final SecretsGateway served = new SecretsGateway();
    private Path srpFile;

    @BeforeEach
    void secrets() {
        served.secret("rist-pass", PASSPHRASE + "\n");
        srpFile = served.secret("srp-file", PeerProcess.run(Duration.ofSeconds(10), "ristsrppasswd", USER, PASSWORD));
        served.secret("srp-pass", PASSWORD + "\n");
        served.secret("srp-wrong", "not-" + PASSWORD + "\n");
    }

    private Flow sourceFlow(int ingestPort, int outPort) {
        return served.gateway().create(FlowConfigs.read("""
                {"Name": "rist-srp-in",
                 "Source": {"Name": "in", "Protocol": "rist", "IngestPort": %d, "MaxLatency": 1000,
                            "Decryption": {"KeyType": "static-key", "Algorithm": "aes128",
                                           "SecretArn": "%srist-pass", "RoleArn": "%s"},
                            "SluiceExtensions": {"SrpUsername": "%s", "SrpPasswordSecretArn": "%ssrp-file"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(ingestPort, ARN, ROLE_ARN, USER, ARN, outPort)));
    }

    @Test
    void ristsenderLogsInToARistSourceAndComesOutOfAnRtpOutputBitIdentical() throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = sourceFlow(ingestPort, outPort);
        try (UdpRecorder out = new UdpRecorder(outPort);
                LossRelay relay = new LossRelay(relayPort, ingestPort,
                        TestStream.randomLossBetween(20, PACKETS - 80, 0.02, 5));
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + relayPort + "?secret=" + PASSPHRASE + "&aes-type=128&username=" + USER
                                + "&password=" + PASSWORD,
                        "-p", "1", "-S", "0")) {
            startActive(flow);
            Thread.sleep(700);
            sendUdp(inputPort, PACKETS, INTERVAL_US);
            List<byte[]> received = DeliveredPayloads.await(out, PACKETS, Duration.ofSeconds(6));
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            String why = "relay dropped " + relay.dropped() + "; " + snapshot.sources().getFirst() + "\n" + tail(sender.log());
            assertThat(compare(received, PACKETS)).as(why).isNull();
            assertThat(snapshot.sources().getFirst().link().problem()).as(why).isNull();
        }
    }

    @Test
    void aWrongPasswordIntoARistSourceDeliversNothingAndIsReported() throws Exception {
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = sourceFlow(ingestPort, outPort);
        try (UdpRecorder out = new UdpRecorder(outPort);
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + ingestPort + "?secret=" + PASSPHRASE + "&aes-type=128&username=" + USER
                                + "&password=wrong-" + PASSWORD,
                        "-p", "1", "-S", "0")) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(700);
            sendUdp(inputPort, PACKETS, INTERVAL_US);
            List<byte[]> received = DeliveredPayloads.await(out, 1, Duration.ofSeconds(2));
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            String why = snapshot.sources().getFirst() + "\n" + tail(sender.log());
            assertThat(received).as(why).isEmpty();
            assertThat(snapshot.sources().getFirst().counters().packets()).as(why).isZero();
            assertThat(snapshot.sources().getFirst().link().problem()).as(why)
                    .contains("failed EAP-SRP login as user \"" + USER + "\" (wrong password)").doesNotContain(PASSWORD);
            assertThat(snapshot.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aRistOutputLogsInToRistreceiverWithThePasswordAndIsRefusedWithAWrongOne() throws Exception {
        for (String secret : List.of("srp-pass", "srp-wrong")) {
            boolean right = secret.equals("srp-pass");
            int ingestPort = FreePorts.udpBlock();
            int peerPort = FreePorts.udpBlock();
            int outPort = FreePorts.udpBlock();
            Flow flow = served.gateway().create(FlowConfigs.read("""
                    {"Name": "rist-srp-out-%s",
                     "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d},
                     "Outputs": [{"Name": "out", "Protocol": "rist", "Destination": "127.0.0.1", "Port": %d,
                                  "MaxLatency": 2000, "SmoothingLatency": 100,
                                  "SluiceExtensions": {"SrpUsername": "%s", "SrpPasswordSecretArn": "%s%s"}}]}
                    """.formatted(secret, ingestPort, peerPort, USER, ARN, secret)));
            try (UdpRecorder out = new UdpRecorder(outPort);
                    PeerProcess peer = PeerProcess.start(Duration.ofSeconds(20), "ristreceiver",
                            "-i", "rist://@127.0.0.1:" + peerPort, "-o", "udp://127.0.0.1:" + outPort,
                            "-F", srpFile.toString(), "-p", "1", "-S", "0")) {
                Thread.sleep(500);
                startActive(flow);
                // RTP with 90 kHz timestamps that follow the pacing
                sendUdp(ingestPort, PACKETS, INTERVAL_US,
                        i -> RtpDatagrams.of(i, i * 225L, 0x11000022, TestStream.payload(i)));
                List<byte[]> received = DeliveredPayloads.await(out, right ? PACKETS : 1,
                        Duration.ofSeconds(right ? 6 : 2));
                FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
                String why = secret + ": " + snapshot.outputs().getFirst() + "\n" + tail(peer.log());
                if (right) {
                    assertThat(compare(received, PACKETS)).as(why).isNull();
                    assertThat(snapshot.outputs().getFirst().link().problem()).as(why).isNull();
                } else {
                    assertThat(received).as(why).isEmpty();
                    assertThat(snapshot.outputs().getFirst().link().problem()).as(why)
                            .contains("refused EAP-SRP login as user \"" + USER + "\"").doesNotContain(PASSWORD);
                    assertThat(peer.log()).as(why).contains("[EAP-SRP] Authentication failed for " + USER);
                }
            } finally {
                served.gateway().remove(flow.name()).await(5, TimeUnit.SECONDS);
            }
        }
    }
}
