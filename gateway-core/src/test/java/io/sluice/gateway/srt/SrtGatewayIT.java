package io.sluice.gateway.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.output.srt.SrtCallerOutput;
import io.sluice.gateway.output.srt.SrtListenerOutput;
import io.sluice.gateway.source.srt.SrtCallerSource;
import io.sluice.gateway.source.srt.SrtEndpoint;
import io.sluice.gateway.source.srt.SrtKeyLength;
import io.sluice.gateway.source.srt.SrtListenerSource;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.SrtSettings;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SRT sources and outputs as a flow uses them (open on an event loop, packets through a PacketSink into an
 * Output), against ffmpeg and srt-live-transmit on loopback.
 */
class SrtGatewayIT {
    private static final String PASSPHRASE = "0123456789abcdef";

    private SrtPoller poller;
    private DefaultEventLoop loop;
    private final List<Object> opened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        poller = new SrtPoller("srt-poller-gw-it");
        loop = new DefaultEventLoop();
    }

    @AfterEach
    void stop() throws Exception {
        for (Object o : opened.reversed()) {
            loop.submit(() -> {
                if (o instanceof io.sluice.gateway.flow.Source s) {
                    s.close();
                } else if (o instanceof io.sluice.gateway.flow.Output out) {
                    out.close();
                }
            }).get(5, TimeUnit.SECONDS);
        }
        Thread.sleep(100);
        poller.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private static SrtSettings encrypted(String algorithm) {
        return SrtSettings.defaults().withPassphrase(PASSPHRASE.getBytes(StandardCharsets.US_ASCII),
                SrtKeyLength.ofAlgorithm(algorithm));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> call) throws Exception {
        return loop.submit(call).get(5, TimeUnit.SECONDS);
    }

    private String problem(io.sluice.gateway.flow.Source source) {
        return loop.submit(() -> source.linkStats().problem()).syncUninterruptibly().getNow();
    }

    private SrtListenerSource listenerSource(int port, SrtSettings settings, AllowList allow, CollectingSink sink)
            throws Exception {
        SrtListenerSource source = new SrtListenerSource(new SrtEndpoint("in", new InetSocketAddress("127.0.0.1", port),
                settings, allow), poller, NanoClock.SYSTEM);
        onLoop(() -> source.open(loop, sink).sync());
        opened.add(source);
        return source;
    }

    private static PeerProcess ffmpegCaller(String url) {
        return PeerProcess.start(Duration.ofSeconds(20), "ffmpeg", "-hide_banner", "-nostdin", "-re", "-f", "lavfi",
                "-i", "testsrc=size=320x180:rate=25", "-t", "3", "-c:v", "mpeg2video", "-b:v", "1M", "-f", "mpegts", url);
    }

    @Test
    void ffmpegCallerIntoListenerSourceWithAes256AndWrongPassphraseIsReported() throws Exception {
        int port = FreePorts.udpBlock();
        CollectingSink sink = new CollectingSink();
        SrtListenerSource source = listenerSource(port, encrypted("aes256").withLatencyMs(200), AllowList.everyone(), sink);

        try (PeerProcess wrong = ffmpegCaller("srt://127.0.0.1:" + port
                + "?mode=caller&pbkeylen=32&passphrase=wrong-passphrase-x")) {
            assertThat(wrong.waitFor(Duration.ofSeconds(30))).isNotZero();
        }
        assertThat(await(() -> problem(source) != null, 5_000)).as(source.status().text()).isTrue();
        assertThat(problem(source)).matches("refused 127\\.0\\.0\\.1:\\d+ at handshake: wrong SRT passphrase");
        assertThat(source.status().text()).contains("wrong SRT passphrase").doesNotContain(PASSPHRASE)
                .doesNotContain("wrong-passphrase-x");

        try (PeerProcess ok = ffmpegCaller("srt://127.0.0.1:" + port
                + "?mode=caller&latency=200000&pbkeylen=32&passphrase=" + PASSPHRASE)) {
            assertThat(ok.waitFor(Duration.ofSeconds(30))).as(ok.log()).isZero();
        }
        assertThat(await(() -> sink.payloads.size() > 50, 5_000)).isTrue();
        assertThat(problem(source)).as("a good caller clears the problem").isNull();
        LinkStats link = onLoop(source::linkStats);
        assertThat(link.connectionAttempts()).isGreaterThanOrEqualTo(2);
        assertThat(link.decryptionFailures()).isZero();
        for (int i = 1; i < sink.sequences.size(); i++) {
            assertThat((sink.sequences.get(i) - sink.sequences.get(i - 1)) & 0xffff).isEqualTo(1);
        }
        assertThat(onLoop(() -> source.counters().packets)).isEqualTo(sink.payloads.size());
    }

    @Test
    void listenerSourceToCallerOutputToSrtLiveTransmitDeliversEveryPacketIntact() throws Exception {
        int inPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        int udpOut = FreePorts.udpBlock();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpOut));
             PeerProcess slt = PeerProcess.start(Duration.ofSeconds(40), "srt-live-transmit",
                     "srt://127.0.0.1:" + outPort + "?mode=listener&latency=200&pbkeylen=16&passphrase=" + PASSPHRASE,
                     "udp://127.0.0.1:" + udpOut, "-v")) {
            assertThat(slt.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).isTrue();
            SrtCallerOutput output = new SrtCallerOutput(new SrtEndpoint("out", new InetSocketAddress("127.0.0.1", outPort),
                    encrypted("aes128").withLatencyMs(200), null), poller, NanoClock.SYSTEM);
            onLoop(() -> output.open(loop).sync());
            opened.add(output);
            assertThat(await(() -> loop.submit(output::isConnected).syncUninterruptibly().getNow(), 10_000))
                    .as(output.status().text()).isTrue();

            List<byte[]> received = new CopyOnWriteArrayList<>();
            udp.setSoTimeout(4000);
            Thread reader = Thread.ofPlatform().start(() -> {
                byte[] buffer = new byte[2048];
                try {
                    while (true) {
                        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                        udp.receive(datagram);
                        received.add(Arrays.copyOf(datagram.getData(), datagram.getLength()));
                    }
                } catch (IOException e) {
                    // timeout: the sender has finished
                }
            });
            CollectingSink sink = new CollectingSink();
            sink.forwardTo = output;
            listenerSource(inPort, SrtSettings.defaults().withLatencyMs(200), AllowList.everyone(), sink);
            try (PeerProcess ffmpeg = ffmpegCaller("srt://127.0.0.1:" + inPort + "?mode=caller&latency=200000")) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(30))).as(ffmpeg.log()).isZero();
            }
            reader.join(15_000);
            assertThat(sink.payloads).hasSizeGreaterThan(50);
            assertThat(received).hasSameSizeAs(sink.payloads);
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i)).as("packet %d", i).isEqualTo(sink.payloads.get(i));
            }
            assertThat(onLoop(() -> output.counters().dropped)).isZero();
        }
    }

    @Test
    void listenerOutputServesAnAllowedSrtLiveTransmitCallerAndRefusesADeniedOne() throws Exception {
        int port = FreePorts.udpBlock();
        int udpAllowed = FreePorts.udpBlock();
        int udpDenied = FreePorts.udpBlock();
        SrtListenerOutput output = new SrtListenerOutput(new SrtEndpoint("out", new InetSocketAddress("127.0.0.1", port),
                SrtSettings.defaults(), AllowList.parse("127.0.0.0/24")),
                poller, NanoClock.SYSTEM);
        onLoop(() -> output.open(loop).sync());
        opened.add(output);
        try (DatagramSocket allowedUdp = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpAllowed));
             PeerProcess denied = PeerProcess.start(Duration.ofSeconds(20), "srt-live-transmit",
                     "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.1.0.2", "udp://127.0.0.1:" + udpDenied, "-v");
             PeerProcess allowed = PeerProcess.start(Duration.ofSeconds(20), "srt-live-transmit",
                     "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.0.0.2", "udp://127.0.0.1:" + udpAllowed, "-v")) {
            assertThat(await(() -> loop.submit(output::callers).syncUninterruptibly().getNow() == 1, 10_000))
                    .as(allowed.log()).isTrue();
            assertThat(await(() -> output.refused() >= 1, 10_000)).as(denied.log()).isTrue();
            assertThat(output.lastRefusal()).contains("127.1.0.2");
            allowedUdp.setSoTimeout(3000);
            int count = 100;
            for (int i = 0; i < count; i++) {
                ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer();
                RtpView.writeHeader(packet, false, 33, i, 0, 1);
                packet.writeBytes(payload(i));
                loop.submit(() -> output.offer(packet, 0)).get();
                Thread.sleep(2);
            }
            for (int i = 0; i < count; i++) {
                byte[] buffer = new byte[2048];
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                allowedUdp.receive(datagram);
                assertThat(Arrays.copyOf(buffer, datagram.getLength())).as("packet %d", i).isEqualTo(payload(i));
            }
        }
    }

    @Test
    void listenerSourceRefusesACallerOutsideWhitelistCidrAtHandshakeAndCountsIt() throws Exception {
        int port = FreePorts.udpBlock();
        int udpIn = FreePorts.udpBlock();
        CollectingSink sink = new CollectingSink();
        SrtListenerSource source = listenerSource(port, SrtSettings.defaults(),
                AllowList.parse("127.0.0.0/24"), sink);
        try (PeerProcess denied = PeerProcess.start(Duration.ofSeconds(20), "srt-live-transmit",
                "udp://127.0.0.1:" + udpIn, "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.1.0.2", "-v")) {
            assertThat(await(() -> loop.submit(() -> source.counters().droppedByAllowList).syncUninterruptibly()
                    .getNow() >= 1, 10_000)).as(denied.log()).isTrue();
        }
        assertThat(source.status().text()).contains("127.1.0.2");
        byte[] payload = payload(9);
        try (DatagramSocket udp = new DatagramSocket();
             PeerProcess allowed = PeerProcess.start(Duration.ofSeconds(20), "srt-live-transmit",
                     "udp://127.0.0.1:" + udpIn, "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.0.0.2", "-v")) {
            DatagramPacket datagram = new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udpIn));
            assertThat(await(() -> {
                try {
                    udp.send(datagram);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return !sink.payloads.isEmpty();
            }, 10_000)).as(allowed.log()).isTrue();
        }
        assertThat(sink.payloads.getFirst()).isEqualTo(payload);
    }

    @Test
    void callerSourcePullsFromSrtLiveTransmitAndReconnectsAfterThePeerDies() throws Exception {
        int port = FreePorts.udpBlock();
        int udpIn = FreePorts.udpBlock();
        CollectingSink sink = new CollectingSink();
        SrtCallerSource source = new SrtCallerSource(new SrtEndpoint("in", new InetSocketAddress("127.0.0.1", port),
                encrypted("aes192").withPeerIdleTimeoutMs(1500), null), poller, NanoClock.SYSTEM);
        String target = "srt://127.0.0.1:" + port + "?mode=listener&pbkeylen=24&passphrase=" + PASSPHRASE;
        byte[] payload = payload(3);
        try (DatagramSocket udp = new DatagramSocket()) {
            DatagramPacket datagram = new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udpIn));
            BooleanSupplier sendOne = () -> {
                try {
                    udp.send(datagram);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return true;
            };
            try (PeerProcess first = PeerProcess.start(Duration.ofSeconds(30), "srt-live-transmit",
                    "udp://127.0.0.1:" + udpIn, target, "-v")) {
                assertThat(first.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).isTrue();
                onLoop(() -> source.open(loop, sink).sync());
                opened.add(source);
                assertThat(await(() -> sendOne.getAsBoolean() && !sink.payloads.isEmpty(), 10_000))
                        .as(source.status().text()).isTrue();
                first.kill();
            }
            assertThat(await(() -> source.status().text().contains("lost"), 15_000)).as(source.status().text()).isTrue();
            LinkStats down = onLoop(source::linkStats);
            assertThat(down.connection()).isEqualTo(LinkStats.Connection.DISCONNECTED);
            assertThat(down.peer()).isNull();
            assertThat(down.disconnections()).isEqualTo(1);
            assertThat(down.problem()).startsWith("connection to 127.0.0.1:" + port + " lost").doesNotContain(PASSPHRASE);
            int before = sink.payloads.size();
            try (PeerProcess second = PeerProcess.start(Duration.ofSeconds(30), "srt-live-transmit",
                    "udp://127.0.0.1:" + udpIn, target, "-v")) {
                assertThat(await(() -> sendOne.getAsBoolean() && sink.payloads.size() > before, 20_000))
                        .as(source.status().text()).isTrue();
                LinkStats up = onLoop(source::linkStats);
                assertThat(up.connected()).isTrue();
                assertThat(up.peer()).isEqualTo("127.0.0.1:" + port);
                assertThat(up.problem()).as("reconnected: no problem any more").isNull();
                assertThat(up.connectionAttempts()).isGreaterThanOrEqualTo(2);
                assertThat(up.disconnections()).isEqualTo(1);
            }
        }
        assertThat(sink.payloads.getLast()).isEqualTo(payload);
    }

    private static byte[] payload(int index) {
        byte[] p = new byte[1316];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i % 188 == 0 ? 0x47 : index + i);
        }
        return p;
    }
}
