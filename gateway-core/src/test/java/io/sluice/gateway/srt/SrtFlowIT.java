package io.sluice.gateway.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.metrics.FlowHealth;
import io.sluice.gateway.output.srt.SrtListenerOutput;
import io.sluice.gateway.source.srt.SrtListenerSource;
import io.sluice.gateway.testing.SecretsGateway;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.UdpRecorder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Whole flows from CreateFlow JSON with SRT sources and outputs, run by the engine's Gateway, against ffmpeg and
 * srt-live-transmit on loopback. The passphrase comes from a secret file, as with {@code bin/sluice --secrets-dir}.
 */
class SrtFlowIT {
    private static final String PASSPHRASE = "flow-passphrase-0123";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:srt-pass";
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/sluice";

    @RegisterExtension
    final SecretsGateway served = new SecretsGateway();

    @BeforeEach
    void secrets() {
        served.secret("srt-pass", PASSPHRASE + "\n");
    }

    private static String encryption(String member, String algorithm) {
        return ", \"" + member + "\": {\"KeyType\": \"srt-password\", \"Algorithm\": \"" + algorithm
                + "\", \"SecretArn\": \"" + SECRET_ARN + "\", \"RoleArn\": \"" + ROLE_ARN + "\"}";
    }

    private static FlowSnapshot snapshot(Flow flow) {
        try {
            return flow.snapshot().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean snapshotMatches(Flow flow, Predicate<FlowSnapshot> condition) {
        return condition.test(snapshot(flow));
    }

    /**
     * What arrived once 6 s pass without a datagram (15 s at most). The flows here use MediaConnect's default SRT
     * MinLatency (2000 ms when unset), so the first datagram leaves the peer about 2 s after it entered the flow.
     */
    private static List<byte[]> afterTheStream(UdpRecorder udp) {
        udp.awaitQuiet(Duration.ofSeconds(6), Duration.ofSeconds(15));
        return udp.packets();
    }

    private static PeerProcess ffmpegCaller(String url) {
        return PeerProcess.start(Duration.ofSeconds(20), "ffmpeg", "-hide_banner", "-nostdin", "-re", "-f", "lavfi",
                "-i", "testsrc=size=320x180:rate=25", "-t", "3", "-c:v", "mpeg2video", "-b:v", "1M", "-f", "mpegts", url);
    }

    @Test
    void ffmpegCallerIntoAnEncryptedListenerFlowOutToSrtLiveTransmitAndRtpWithEveryPacketIntact() throws Exception {
        int in = FreePorts.udpBlock();
        int srtOut = FreePorts.udpBlock();
        int udpFromSrt = FreePorts.udpBlock();
        int rtpOut = FreePorts.udpBlock();
        String json = "{\"Name\": \"srt-in\", \"Source\": {\"Name\": \"contribution\", \"Protocol\": \"srt-listener\","
                + " \"IngestPort\": " + in + ", \"MinLatency\": 200, \"WhitelistCidr\": \"127.0.0.0/24\""
                + encryption("Decryption", "aes128") + "},"
                + " \"Outputs\": ["
                + "{\"Name\": \"srt\", \"Protocol\": \"srt-caller\", \"Destination\": \"127.0.0.1\", \"Port\": " + srtOut
                + ", \"MinLatency\": 200" + encryption("Encryption", "aes256") + "},"
                + "{\"Name\": \"rtp\", \"Protocol\": \"rtp\", \"Destination\": \"127.0.0.1\", \"Port\": " + rtpOut + "}]}";
        Flow flow = served.gateway().create(FlowConfigs.read(json));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);                                   // every line: ours, the engine's and libsrt's
        List<byte[]> viaSrt;
        List<byte[]> viaRtp;
        try (UdpRecorder fromSrt = new UdpRecorder(udpFromSrt);
             UdpRecorder fromRtp = new UdpRecorder(rtpOut);
             PeerProcess slt = PeerProcess.start(Duration.ofSeconds(40), "srt-live-transmit",
                     "srt://127.0.0.1:" + srtOut + "?mode=listener&latency=200&pbkeylen=32&passphrase=" + PASSPHRASE,
                     "udp://127.0.0.1:" + udpFromSrt, "-v")) {
            assertThat(slt.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).isTrue();
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(slt.awaitLog(l -> l.contains("Accepted SRT target connection") || l.contains("connected"),
                    Duration.ofSeconds(10))).as(slt.log()).isTrue();

            try (PeerProcess wrong = ffmpegCaller("srt://127.0.0.1:" + in + "?mode=caller&pbkeylen=16&passphrase=not-the-right-one")) {
                assertThat(wrong.waitFor(Duration.ofSeconds(30))).isNotZero();
            }
            assertThat(await(() -> log.list.stream().anyMatch(e -> e.getLoggerName().equals(SrtListenerSource.class.getName())
                    && e.getFormattedMessage().contains("wrong SRT passphrase")), 5_000)).isTrue();
            assertThat(await(() -> snapshotMatches(flow, s -> s.sources().getFirst().link().problem() != null), 5_000))
                    .isTrue();
            FlowSnapshot refused = snapshot(flow);
            LinkStats refusedLink = refused.sources().getFirst().link();
            assertThat(refusedLink.problem()).matches("refused 127\\.0\\.0\\.1:\\d+ at handshake: wrong SRT passphrase")
                    .doesNotContain(PASSPHRASE).doesNotContain("not-the-right-one");
            assertThat(refusedLink.connection()).isEqualTo(LinkStats.Connection.DISCONNECTED);
            assertThat(refusedLink.connectionAttempts()).isGreaterThanOrEqualTo(1);
            FlowHealth.Source health = FlowHealth.of(refused, true).sources().getFirst();
            assertThat(health.connected()).isFalse();
            assertThat(health.link().problem()).isEqualTo(refusedLink.problem());
            assertThat(refused.toString()).doesNotContain(PASSPHRASE).doesNotContain("not-the-right-one");
            assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(PASSPHRASE)
                    || e.getFormattedMessage().contains("not-the-right-one"));

            try (PeerProcess ok = ffmpegCaller("srt://127.0.0.1:" + in
                    + "?mode=caller&latency=200000&pbkeylen=16&passphrase=" + PASSPHRASE)) {
                assertThat(await(() -> snapshotMatches(flow, s -> s.sources().getFirst().link().connected()), 10_000))
                        .as(ok.log()).isTrue();
                LinkStats good = snapshot(flow).sources().getFirst().link();
                assertThat(good.problem()).as("a good caller clears the problem").isNull();
                assertThat(good.peer()).startsWith("127.0.0.1:");
                assertThat(ok.waitFor(Duration.ofSeconds(30))).as(ok.log()).isZero();
            }
            viaSrt = afterTheStream(fromSrt);
            viaRtp = afterTheStream(fromRtp);
            LinkStats toSlt = snapshot(flow).outputs().stream().filter(o -> o.name().equals("srt")).findFirst()
                    .orElseThrow().link();
            assertThat(toSlt.connected()).isTrue();
            assertThat(toSlt.peer()).isEqualTo("127.0.0.1:" + srtOut);
            assertThat(toSlt.roundTripTimeMs()).isNotNaN();
            assertThat(toSlt.overflowPackets()).isZero();
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(PASSPHRASE)
                || e.getFormattedMessage().contains("not-the-right-one"));
        assertThat(viaRtp).hasSizeGreaterThan(50);
        assertThat(viaSrt).hasSameSizeAs(viaRtp);
        for (int i = 0; i < viaRtp.size(); i++) {
            assertThat(viaSrt.get(i)).as("packet %d", i).isEqualTo(Arrays.copyOfRange(viaRtp.get(i), 12, viaRtp.get(i).length));
        }
        FlowSnapshot snapshot = snapshot(flow);
        assertThat(snapshot.sources().getFirst().counters().packets()).isEqualTo(viaRtp.size());
        assertThat(snapshot.outputs()).allMatch(o -> o.counters().dropped() == 0);
        LinkStats contribution = snapshot.sources().getFirst().link();
        assertThat(contribution.connectionAttempts()).as("the refused caller and the good one").isGreaterThanOrEqualTo(2);
        assertThat(contribution.problem()).isNull();
        assertThat(contribution.decryptionFailures()).isZero();
    }

    @Test
    void callerFlowPullsFromSrtLiveTransmitAndServesAllowedCallersOnItsListenerOutput() throws Exception {
        int udpIn = FreePorts.udpBlock();
        int sltListener = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        int udpAllowed = FreePorts.udpBlock();
        int udpDenied = FreePorts.udpBlock();
        String json = "{\"Name\": \"srt-pull\", \"Source\": {\"Name\": \"pull\", \"Protocol\": \"srt-caller\","
                + " \"SourceListenerAddress\": \"127.0.0.1\", \"SourceListenerPort\": " + sltListener
                + encryption("Decryption", "aes192") + "},"
                + " \"Outputs\": [{\"Name\": \"serve\", \"Protocol\": \"srt-listener\", \"Port\": " + out
                + ", \"CidrAllowList\": [\"127.0.0.0/24\"], \"SluiceExtensions\": {\"BindAddress\": \"127.0.0.1\"}}]}";
        Flow flow = served.gateway().create(FlowConfigs.read(json));
        ListAppender<ILoggingEvent> refusals = new ListAppender<>();
        refusals.start();
        ((Logger) LoggerFactory.getLogger(SrtListenerOutput.class)).addAppender(refusals);
        byte[] payload = new byte[1316];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i % 188 == 0 ? 0x47 : i * 7);
        }
        List<byte[]> received;
        try (DatagramSocket feeder = new DatagramSocket();
             UdpRecorder allowedUdp = new UdpRecorder(udpAllowed);
             PeerProcess upstream = PeerProcess.start(Duration.ofSeconds(40), "srt-live-transmit",
                     "udp://127.0.0.1:" + udpIn,
                     "srt://127.0.0.1:" + sltListener + "?mode=listener&pbkeylen=24&passphrase=" + PASSPHRASE, "-v")) {
            assertThat(upstream.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).isTrue();
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            try (PeerProcess denied = PeerProcess.start(Duration.ofSeconds(20), "srt-live-transmit",
                         "srt://127.0.0.1:" + out + "?mode=caller&adapter=127.1.0.2", "udp://127.0.0.1:" + udpDenied, "-v");
                 PeerProcess allowed = PeerProcess.start(Duration.ofSeconds(20), "stdbuf", "-oL", "-eL", "srt-live-transmit",
                         "srt://127.0.0.1:" + out + "?mode=caller&adapter=127.0.0.2", "udp://127.0.0.1:" + udpAllowed, "-v",
                         "-s:20")) {
                // srt-live-transmit's stdout is block-buffered into its log: wait for data, not for its log lines
                DatagramPacket datagram = new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udpIn));
                assertThat(await(() -> {
                    try {
                        for (int i = 0; i < 10; i++) {
                            feeder.send(datagram);                // ~200 packets/s, a live-stream pace
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return allowedUdp.count() >= 20;
                }, 15_000)).as("received %d; flow %s; peer %s", allowedUdp.count(), snapshot(flow), allowed.log()).isTrue();
                received = allowedUdp.packets();
                assertThat(await(() -> refusals.list.stream().anyMatch(e -> e.getFormattedMessage().contains("127.1.0.2")
                        && e.getFormattedMessage().contains("1403")), 5_000)).as(denied.log()).isTrue();
                FlowSnapshot serving = snapshot(flow);
                LinkStats pull = serving.sources().getFirst().link();
                assertThat(pull.connected()).isTrue();
                assertThat(pull.peer()).isEqualTo("127.0.0.1:" + sltListener);
                LinkStats serve = serving.outputs().getFirst().link();
                assertThat(serve.connected()).as("the allowed caller").isTrue();
                assertThat(serve.peer()).startsWith("127.0.0.2:");
                assertThat(serve.connectionAttempts()).as("the denied and the allowed caller").isGreaterThanOrEqualTo(2);
                assertThat(serve.problem()).as("a denied address is counted, not a link problem").isNull();
                FlowHealth.Output health = FlowHealth.of(serving, true).outputs().getFirst();
                assertThat(health.connected()).isTrue();
            }
        }
        ((Logger) LoggerFactory.getLogger(SrtListenerOutput.class)).detachAppender(refusals);
        assertThat(received).allMatch(p -> Arrays.equals(p, payload));
        assertThat(snapshotMatches(flow, s -> s.sources().getFirst().counters().packets() >= 20)).isTrue();
    }
}
