package io.sluice.gateway.rist;

import static io.sluice.gateway.testing.FlowStarts.startActive;
import static io.sluice.testing.TestStream.compare;
import static io.sluice.testing.TestStream.sendUdp;
import static io.sluice.testing.TestStream.tail;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.testing.DeliveredPayloads;
import io.sluice.gateway.testing.RtpDatagrams;
import io.sluice.gateway.testing.SecretsGateway;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.TestStream;
import io.sluice.testing.UdpRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RIST through a whole Sluice flow built from a flow document, against librist 0.2.7 on loopback with loss:
 * {@code ristsender} -> rist source (main profile, AES-128 from the secrets directory) -> rtp output, and
 * rtp source -> rist output (simple profile, 100 ms SmoothingLatency) -> {@code ristreceiver}. Payloads must come out complete, in order and
 * bit-identical.
 */
class RistGatewayIT {
    private static final int PACKETS = 1000;
    private static final long INTERVAL_US = 2500;
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rist-pass";
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/MediaConnectSecrets";
    private static final String PASSPHRASE = "gateway-rist-pass-42";

    @RegisterExtension
    final SecretsGateway served = new SecretsGateway();

    @BeforeEach
    void secrets() {
        served.secret("rist-pass", PASSPHRASE + "\n");
    }

    @Test
    void ristsenderMainProfileAes128IntoARistSourceComesOutOfAnRtpOutputBitIdentical() throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "rist-in",
                 "Source": {"Name": "in", "Protocol": "rist", "IngestPort": %d, "MaxLatency": 1000,
                            "Decryption": {"KeyType": "static-key", "Algorithm": "aes128",
                                           "SecretArn": "%s", "RoleArn": "%s"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(ingestPort, SECRET_ARN, ROLE_ARN, outPort)));
        try (UdpRecorder out = new UdpRecorder(outPort);
                LossRelay relay = new LossRelay(relayPort, ingestPort, loss(0.02, 5));
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + relayPort + "?secret=" + PASSPHRASE + "&aes-type=128",
                        "-p", "1", "-S", "0")) {
            startActive(flow);
            Thread.sleep(700);
            sendUdp(inputPort, PACKETS, INTERVAL_US);
            List<byte[]> received = DeliveredPayloads.await(out, PACKETS, Duration.ofSeconds(6));
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            FlowSnapshot.SourceSnapshot source = snapshot.sources().getFirst();
            String why = "relay dropped " + relay.dropped() + "; " + source.counters() + "\n" + source.link()
                    + "\n" + tail(sender.log());
            assertThat(compare(received, PACKETS)).as(why).isNull();
            // MediaConnect's meaning: lost before ARQ, recovered by ARQ; nothing was lost for good
            assertThat(source.counters().lost()).as(why).isPositive();
            assertThat(source.counters().recovered()).as(why).isEqualTo(source.counters().lost());
            LinkStats link = source.link();
            assertThat(link.connection()).as(why).isEqualTo(LinkStats.Connection.CONNECTED);
            assertThat(link.peer()).as(why).startsWith("127.0.0.1:");
            assertThat(link.arqRequests()).as(why).isEqualTo(source.counters().lost());
            assertThat(link.arqRecovered()).as(why).isEqualTo(source.counters().lost());
            assertThat(link.overflowPackets()).as(why).isZero();
            assertThat(link.decryptionFailures()).as(why).isZero();
            assertThat(link.roundTripTimeMs()).as(why).isPositive();
            assertThat(link.bufferMs()).as(why).isBetween(0, 1000);
            assertThat(link.problem()).as(why).isNull();
        }
    }

    @Test
    void aWrongSecretIsReportedAsTheSourcesProblemWithoutTheSecret() throws Exception {
        int ingestPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "rist-wrong-secret",
                 "Source": {"Name": "in", "Protocol": "rist", "IngestPort": %d,
                            "Decryption": {"KeyType": "static-key", "Algorithm": "aes128",
                                           "SecretArn": "%s", "RoleArn": "%s"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(ingestPort, SECRET_ARN, ROLE_ARN, FreePorts.udpBlock())));
        String wrong = "not-" + PASSPHRASE;
        try (PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                "-i", "udp://@127.0.0.1:" + inputPort,
                "-o", "rist://127.0.0.1:" + ingestPort + "?secret=" + wrong + "&aes-type=128", "-p", "1", "-S", "0")) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500);
            sendUdp(inputPort, 200, INTERVAL_US);
            Thread.sleep(300);
            FlowSnapshot.SourceSnapshot source = flow.snapshot().get(5, TimeUnit.SECONDS).sources().getFirst();
            String why = source.counters() + "\n" + source.link() + "\n" + tail(sender.log());
            assertThat(source.counters().packets()).as(why).isZero();
            assertThat(source.link().decryptionFailures()).as(why).isPositive();
            assertThat(source.link().connection()).as(why).isEqualTo(LinkStats.Connection.DISCONNECTED);
            assertThat(source.link().problem()).as(why)
                    .matches("packets from 127\\.0\\.0\\.1:\\d+ do not decrypt: wrong RIST secret\\?")
                    .doesNotContain(PASSPHRASE);
        }
    }

    @Test
    void anRtpSourceThroughARistOutputReachesRistreceiverBitIdentical() throws Exception {
        int ingestPort = FreePorts.udpBlock();
        int relayPort = FreePorts.udpBlock();
        int peerPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "rist-out",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d},
                 "Outputs": [{"Name": "out", "Protocol": "rist", "Destination": "127.0.0.1", "Port": %d,
                              "MaxLatency": 2000, "SmoothingLatency": 100}]}
                """.formatted(ingestPort, relayPort)));
        try (UdpRecorder out = new UdpRecorder(outPort);
                PeerProcess peer = PeerProcess.start(Duration.ofSeconds(20), "ristreceiver",
                        "-i", "rist://@127.0.0.1:" + peerPort, "-o", "udp://127.0.0.1:" + outPort, "-p", "0", "-S", "0");
                LossRelay data = new LossRelay(relayPort, peerPort, loss(0.02, 9));
                LossRelay rtcp = new LossRelay(relayPort + 1, peerPort + 1, i -> false)) {
            Thread.sleep(500);
            startActive(flow);
            // 90 kHz timestamps that follow the pacing: librist's receiver schedules its output by them; an odd
            // SSRC: the output must make it even (odd means retransmission in RIST)
            sendUdp(ingestPort, PACKETS, INTERVAL_US,
                    i -> RtpDatagrams.of(i, i * 225L, 0x11000023, TestStream.payload(i)));
            List<byte[]> received = DeliveredPayloads.await(out, PACKETS, Duration.ofSeconds(6));
            LinkStats link = flow.snapshot().get(5, TimeUnit.SECONDS).outputs().getFirst().link();
            String why = "relay dropped " + data.dropped() + "\n" + link + "\n" + tail(peer.log());
            assertThat(compare(received, PACKETS)).as(why).isNull();
            assertThat(link.connection()).as(why).isEqualTo(LinkStats.Connection.CONNECTED);
            assertThat(link.retransmitted()).as(why).isGreaterThanOrEqualTo(data.dropped()).isPositive();
            assertThat(link.overflowPackets()).as(why).isZero();
            assertThat(link.roundTripTimeMs()).as(why).isPositive();
            assertThat(link.problem()).as(why).isNull();
        }
    }

    /** Seeded random loss, none in the first 20 datagrams nor the last 80: every loss can still be repaired. */
    private static LongPredicate loss(double fraction, long seed) {
        return TestStream.randomLossBetween(20, PACKETS - 80, fraction, seed);
    }
}
