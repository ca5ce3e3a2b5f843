package io.sluice.gateway.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.UdpRecorder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path secrets;
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        Path file = secrets.resolve("rist-pass");
        Files.writeString(file, PASSPHRASE + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        gateway = Gateway.builder().threads(1).secrets(SecretResolver.directory(secrets)).build();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void ristsenderMainProfileAes128IntoARistSourceComesOutOfAnRtpOutputBitIdentical() throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = gateway.create(FlowConfigs.read("""
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
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(flow.status()).as(flow.errorReason()).isEqualTo(FlowStatus.ACTIVE);
            Thread.sleep(700);
            sendUdp(inputPort);
            List<byte[]> received = await(out, Duration.ofSeconds(6));
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            FlowSnapshot.SourceSnapshot source = snapshot.sources().getFirst();
            String why = "relay dropped " + relay.dropped() + "; " + source.counters() + "\n" + source.link()
                    + "\n" + tail(sender.log());
            assertThat(compare(received)).as(why).isNull();
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
        Flow flow = gateway.create(FlowConfigs.read("""
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
            try (DatagramSocket socket = new DatagramSocket()) {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), inputPort);
                long startNs = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    pace(startNs, i);
                    byte[] p = payload(i);
                    socket.send(new DatagramPacket(p, p.length, to));
                }
            }
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
        Flow flow = gateway.create(FlowConfigs.read("""
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
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(flow.status()).as(flow.errorReason()).isEqualTo(FlowStatus.ACTIVE);
            try (DatagramSocket in = new DatagramSocket()) {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), ingestPort);
                long startNs = System.nanoTime();
                for (int i = 0; i < PACKETS; i++) {
                    pace(startNs, i);
                    byte[] rtp = new byte[12 + 1316];
                    rtp[0] = (byte) 0x80;
                    rtp[1] = 33;
                    rtp[2] = (byte) (i >>> 8);
                    rtp[3] = (byte) i;
                    // 90 kHz timestamps that follow the pacing: librist's receiver schedules its output by them
                    long ts = i * 225L;
                    rtp[4] = (byte) (ts >>> 24);
                    rtp[5] = (byte) (ts >>> 16);
                    rtp[6] = (byte) (ts >>> 8);
                    rtp[7] = (byte) ts;
                    rtp[8] = 0x11;
                    rtp[11] = 0x23; // an odd SSRC: the output must make it even (odd means retransmission in RIST)
                    System.arraycopy(payload(i), 0, rtp, 12, 1316);
                    in.send(new DatagramPacket(rtp, rtp.length, to));
                }
            }
            List<byte[]> received = await(out, Duration.ofSeconds(6));
            LinkStats link = flow.snapshot().get(5, TimeUnit.SECONDS).outputs().getFirst().link();
            String why = "relay dropped " + data.dropped() + "\n" + link + "\n" + tail(peer.log());
            assertThat(compare(received)).as(why).isNull();
            assertThat(link.connection()).as(why).isEqualTo(LinkStats.Connection.CONNECTED);
            assertThat(link.retransmitted()).as(why).isGreaterThanOrEqualTo(data.dropped()).isPositive();
            assertThat(link.overflowPackets()).as(why).isZero();
            assertThat(link.roundTripTimeMs()).as(why).isPositive();
            assertThat(link.problem()).as(why).isNull();
        }
    }

    private static LongPredicate loss(double fraction, long seed) {
        return index -> {
            if (index < 20 || index > PACKETS - 80) {
                return false;
            }
            long x = (index + 1) * 0xD1B54A32D192ED03L ^ seed;
            x ^= x >>> 31;
            x *= 0x9E3779B97F4A7C15L;
            x ^= x >>> 29;
            return (x >>> 11) * 0x1.0p-53 < fraction;
        };
    }

    private static byte[] payload(int index) {
        byte[] p = new byte[1316];
        long x = 0x9E3779B97F4A7C15L * (index + 1);
        for (int i = 0; i < p.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            p[i] = (byte) x;
        }
        p[0] = 0x47;
        p[1] = (byte) (index >>> 8);
        p[2] = (byte) index;
        return p;
    }

    private static void pace(long startNs, int i) throws InterruptedException {
        long wait = startNs + i * INTERVAL_US * 1000 - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void sendUdp(int port) throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long startNs = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                pace(startNs, i);
                byte[] p = payload(i);
                socket.send(new DatagramPacket(p, p.length, to));
            }
        }
    }

    /**
     * Waits for the {@link #PACKETS} datagrams, stops recording, and returns their payloads: without the 12-byte RTP
     * header when they are RTP (the rtp output), whole otherwise.
     */
    private static List<byte[]> await(UdpRecorder out, Duration limit) throws InterruptedException {
        out.awaitCount(PACKETS, limit);
        Thread.sleep(200);
        out.close();
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] datagram : out.packets()) {
            payloads.add(datagram.length == 1316 + 12 ? Arrays.copyOfRange(datagram, 12, datagram.length) : datagram);
        }
        return payloads;
    }

    private static String compare(List<byte[]> received) {
        if (received.size() != PACKETS) {
            List<Integer> indexes = new ArrayList<>();
            for (byte[] r : received) {
                indexes.add(r.length < 3 ? -1 : ((r[1] & 0xFF) << 8) | (r[2] & 0xFF));
            }
            return "received " + received.size() + " of " + PACKETS + ": " + indexes;
        }
        for (int i = 0; i < PACKETS; i++) {
            if (!Arrays.equals(received.get(i), payload(i))) {
                return "payload " + i + " differs";
            }
        }
        return null;
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
