package io.sluice.gateway.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path secrets;
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        secret("rist-pass", PASSPHRASE + "\n");
        secret("srp-file", PeerProcess.run(Duration.ofSeconds(10), "ristsrppasswd", USER, PASSWORD));
        secret("srp-pass", PASSWORD + "\n");
        secret("srp-wrong", "not-" + PASSWORD + "\n");
        gateway = Gateway.builder().threads(1).secrets(SecretResolver.directory(secrets)).build();
    }

    private void secret(String name, String value) throws IOException {
        Path file = secrets.resolve(name);
        Files.writeString(file, value, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Flow sourceFlow(int ingestPort, int outPort) {
        return gateway.create(FlowConfigs.read("""
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
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket out = listen(outPort);
                LossRelay relay = new LossRelay(relayPort, ingestPort, loss(0.02, 5));
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + relayPort + "?secret=" + PASSPHRASE + "&aes-type=128&username=" + USER
                                + "&password=" + PASSWORD,
                        "-p", "1", "-S", "0")) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(flow.status()).as(flow.errorReason()).isEqualTo(FlowStatus.ACTIVE);
            Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
            Thread.sleep(700);
            sendPayloads(inputPort, false);
            await(received, PACKETS, Duration.ofSeconds(6));
            out.close();
            collector.join(2000);
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            String why = "relay dropped " + relay.dropped() + "; " + snapshot.sources().getFirst() + "\n" + tail(sender.log());
            assertThat(compare(received)).as(why).isNull();
            assertThat(snapshot.sources().getFirst().link().problem()).as(why).isNull();
        }
    }

    @Test
    void aWrongPasswordIntoARistSourceDeliversNothingAndIsReported() throws Exception {
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        Flow flow = sourceFlow(ingestPort, outPort);
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket out = listen(outPort);
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + ingestPort + "?secret=" + PASSPHRASE + "&aes-type=128&username=" + USER
                                + "&password=wrong-" + PASSWORD,
                        "-p", "1", "-S", "0")) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
            Thread.sleep(700);
            sendPayloads(inputPort, false);
            await(received, 1, Duration.ofSeconds(2));
            out.close();
            collector.join(2000);
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
        Path srpFile = secrets.resolve("srp-file");
        for (String secret : List.of("srp-pass", "srp-wrong")) {
            boolean right = secret.equals("srp-pass");
            int ingestPort = FreePorts.udpBlock();
            int peerPort = FreePorts.udpBlock();
            int outPort = FreePorts.udpBlock();
            Flow flow = gateway.create(FlowConfigs.read("""
                    {"Name": "rist-srp-out-%s",
                     "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d},
                     "Outputs": [{"Name": "out", "Protocol": "rist", "Destination": "127.0.0.1", "Port": %d,
                                  "MaxLatency": 2000, "SmoothingLatency": 100,
                                  "SluiceExtensions": {"SrpUsername": "%s", "SrpPasswordSecretArn": "%s%s"}}]}
                    """.formatted(secret, ingestPort, peerPort, USER, ARN, secret)));
            List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
            try (DatagramSocket out = listen(outPort);
                    PeerProcess peer = PeerProcess.start(Duration.ofSeconds(20), "ristreceiver",
                            "-i", "rist://@127.0.0.1:" + peerPort, "-o", "udp://127.0.0.1:" + outPort,
                            "-F", srpFile.toString(), "-p", "1", "-S", "0")) {
                Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
                Thread.sleep(500);
                assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(flow.status()).as(flow.errorReason()).isEqualTo(FlowStatus.ACTIVE);
                sendPayloads(ingestPort, true);
                await(received, right ? PACKETS : 1, Duration.ofSeconds(right ? 6 : 2));
                out.close();
                collector.join(2000);
                FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
                String why = secret + ": " + snapshot.outputs().getFirst() + "\n" + tail(peer.log());
                if (right) {
                    assertThat(compare(received)).as(why).isNull();
                    assertThat(snapshot.outputs().getFirst().link().problem()).as(why).isNull();
                } else {
                    assertThat(received).as(why).isEmpty();
                    assertThat(snapshot.outputs().getFirst().link().problem()).as(why)
                            .contains("refused EAP-SRP login as user \"" + USER + "\"").doesNotContain(PASSWORD);
                    assertThat(peer.log()).as(why).contains("[EAP-SRP] Authentication failed for " + USER);
                }
            } finally {
                gateway.remove(flow.name()).await(5, TimeUnit.SECONDS);
            }
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

    /** Paced payloads to {@code port}: plain 1316-byte UDP, or RTP with 90 kHz timestamps that follow the pacing. */
    private static void sendPayloads(int port, boolean rtp) throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long startNs = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                long wait = startNs + i * INTERVAL_US * 1000 - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                byte[] p = payload(i);
                if (rtp) {
                    byte[] packet = new byte[12 + p.length];
                    long ts = i * 225L;
                    packet[0] = (byte) 0x80;
                    packet[1] = 33;
                    packet[2] = (byte) (i >>> 8);
                    packet[3] = (byte) i;
                    packet[4] = (byte) (ts >>> 24);
                    packet[5] = (byte) (ts >>> 16);
                    packet[6] = (byte) (ts >>> 8);
                    packet[7] = (byte) ts;
                    packet[8] = 0x11;
                    packet[11] = 0x22;
                    System.arraycopy(p, 0, packet, 12, p.length);
                    p = packet;
                }
                socket.send(new DatagramPacket(p, p.length, to));
            }
        }
    }

    private static DatagramSocket listen(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setReceiveBufferSize(4 << 20);
        socket.setSoTimeout(200);
        return socket;
    }

    /** Collects datagram payloads, without the 12-byte RTP header when there is one (the rtp output). */
    private static void collect(DatagramSocket socket, List<byte[]> into) {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                int from = packet.getLength() == 1316 + 12 ? 12 : 0;
                into.add(Arrays.copyOfRange(buf, from, packet.getLength()));
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void await(List<byte[]> received, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
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
