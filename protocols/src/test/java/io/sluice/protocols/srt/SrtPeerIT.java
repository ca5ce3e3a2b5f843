package io.sluice.protocols.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.sluice.protocols.srt.ffm.SrtConnectionFilter;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binding against the real peers (protocols.md §7): ffmpeg 5.1 (SRT latency in microseconds) and
 * srt-live-transmit 1.5.1 (milliseconds, GnuTLS build of libsrt), on loopback.
 */
class SrtPeerIT {
    private static final String PASSPHRASE = "0123456789abc";

    private SrtPoller poller;
    private DefaultEventLoop loop;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        poller = new SrtPoller("srt-poller-it");
        loop = new DefaultEventLoop();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            loop.submit(() -> {
                c.close();
                return null;
            }).get(5, TimeUnit.SECONDS);
        }
        Thread.sleep(100);
        poller.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** ffmpeg sending 3 s of MPEG-2 test video as MPEG-TS to {@code url}. */
    private static PeerProcess ffmpegSender(String url) {
        return PeerProcess.start(Duration.ofSeconds(20), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", "3",
                "-c:v", "mpeg2video", "-b:v", "1M", "-g", "25", "-f", "mpegts", url);
    }

    private SrtListener listenInto(int port, SrtSettings settings, SrtConnectionFilter filter,
                                   SrtTestKit.Collector collector) throws Exception {
        SrtListener listener = loop.submit(() -> SrtListener.open(new InetSocketAddress("127.0.0.1", port), settings,
                filter, 4, poller, loop, (socket, peer, streamId) -> {
                    SrtInbound inbound = new SrtInbound(socket, poller, loop, NanoClock.SYSTEM,
                            PooledByteBufAllocator.DEFAULT, 1, 0, collector).start();
                    toClose.add(inbound::close);
                })).get(5, TimeUnit.SECONDS);
        toClose.add(listener);
        return listener;
    }

    private static void assertAllTs(List<byte[]> payloads) {
        for (byte[] payload : payloads) {
            assertThat(payload.length % 188).isZero();
            for (int i = 0; i < payload.length; i += 188) {
                assertThat(payload[i]).isEqualTo((byte) 0x47);
            }
        }
    }

    @Test
    void ffmpegCallerIntoOurListenerWithAndWithoutPassphrase() throws Exception {
        int clearPort = FreePorts.udpBlock();
        SrtTestKit.Collector clear = new SrtTestKit.Collector();
        listenInto(clearPort, SrtSettings.defaults().withLatencyMs(200), (s, v, p, id) -> 0, clear);
        int securePort = FreePorts.udpBlock();
        SrtTestKit.Collector secure = new SrtTestKit.Collector();
        listenInto(securePort, SrtSettings.defaults().withPassphrase(PASSPHRASE.getBytes(StandardCharsets.US_ASCII), 16),
                (s, v, p, id) -> 0, secure);

        try (PeerProcess a = ffmpegSender("srt://127.0.0.1:" + clearPort + "?mode=caller&latency=200000");
             PeerProcess b = ffmpegSender("srt://127.0.0.1:" + securePort
                     + "?mode=caller&latency=200000&pbkeylen=16&passphrase=" + PASSPHRASE)) {
            assertThat(a.waitFor(Duration.ofSeconds(30))).as(a.log()).isZero();
            assertThat(b.waitFor(Duration.ofSeconds(30))).as(b.log()).isZero();
        }
        assertThat(await(() -> clear.payloads.size() > 50 && secure.payloads.size() > 50, 5_000))
                .as("clear %d secure %d", clear.payloads.size(), secure.payloads.size()).isTrue();
        assertAllTs(clear.payloads);
        assertAllTs(secure.payloads);
        // SRT keeps ffmpeg's message boundaries: sizes vary (protocols.md §7.4 item 13).
        assertThat(clear.payloads.stream().mapToInt(p -> p.length).distinct().count()).isGreaterThan(1);
    }

    @Test
    void wrongPassphraseIsRefusedAtHandshakeAndReportedWithoutTheSecret() throws Exception {
        int port = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        SrtListener listener = listenInto(port,
                SrtSettings.defaults().withPassphrase(PASSPHRASE.getBytes(StandardCharsets.US_ASCII), 16),
                (s, v, p, id) -> 0, collector);
        try (PeerProcess wrong = ffmpegSender("srt://127.0.0.1:" + port
                + "?mode=caller&latency=200000&pbkeylen=16&passphrase=wrongpassphrase1")) {
            assertThat(wrong.waitFor(Duration.ofSeconds(30))).isNotZero();
            assertThat(wrong.log()).contains("Incorrect passphrase");
        }
        try (PeerProcess none = ffmpegSender("srt://127.0.0.1:" + port + "?mode=caller&latency=200000")) {
            assertThat(none.waitFor(Duration.ofSeconds(30))).isNotZero();
        }
        assertThat(await(() -> listener.passphraseRefused() >= 2, 5_000)).as(listener.lastRefusal()).isTrue();
        assertThat(listener.lastRefusal()).contains("127.0.0.1").doesNotContain(PASSPHRASE).doesNotContain("wrongpass");
        assertThat(collector.payloads).isEmpty();
    }

    @Test
    void deniedAddressIsRefusedByTheListenCallbackAndAllowedOneGetsThrough() throws Exception {
        int port = FreePorts.udpBlock();
        int udpIn = FreePorts.udpBlock();
        InetAddress allowed = InetAddress.getByName("127.0.0.2");
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        SrtListener listener = listenInto(port, SrtSettings.defaults(),
                (s, v, peer, id) -> peer.getAddress().equals(allowed) ? 0 : SrtErrors.REJX_FORBIDDEN, collector);

        try (PeerProcess denied = PeerProcess.start(Duration.ofSeconds(15), "srt-live-transmit",
                "udp://127.0.0.1:" + udpIn, "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.1.0.2", "-v")) {
            assertThat(await(() -> listener.refused() >= 1, 10_000)).as(denied.log()).isTrue();
        }
        assertThat(listener.lastRefusal()).contains("127.1.0.2");
        long refusedBefore = listener.refused();
        try (PeerProcess ok = PeerProcess.start(Duration.ofSeconds(15), "srt-live-transmit",
                "udp://127.0.0.1:" + udpIn, "srt://127.0.0.1:" + port + "?mode=caller&adapter=127.0.0.2", "-v");
             DatagramSocket udp = new DatagramSocket()) {
            byte[] payload = SrtTestKit.tsPayload(7, 7);
            assertThat(await(() -> {
                try {
                    udp.send(new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udpIn)));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return !collector.payloads.isEmpty();
            }, 10_000)).as(ok.log()).isTrue();
            assertThat(collector.payloads.getFirst()).isEqualTo(payload);
        }
        assertThat(listener.refused()).isEqualTo(refusedBefore);
    }

    @Test
    void ourCallerSendsToSrtLiveTransmitAndEveryPacketArrivesIntactOverUdp() throws Exception {
        int port = FreePorts.udpBlock();
        int udpOut = FreePorts.udpBlock();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpOut));
             PeerProcess slt = PeerProcess.start(Duration.ofSeconds(30), "srt-live-transmit",
                     "srt://127.0.0.1:" + port + "?mode=listener&latency=120&passphrase=" + PASSPHRASE + "&pbkeylen=32",
                     "udp://127.0.0.1:" + udpOut, "-v")) {
            assertThat(slt.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).as(slt.log()).isTrue();
            List<SrtOutbound> connected = new CopyOnWriteArrayList<>();
            AtomicReference<String> failure = new AtomicReference<>();
            SrtCaller caller = new SrtCaller(new InetSocketAddress("127.0.0.1", port), null,
                    SrtSettings.defaults().withPassphrase(PASSPHRASE.getBytes(StandardCharsets.US_ASCII), 32), poller,
                    loop, new SrtCaller.Handler() {
                        @Override
                        public void onConnected(int socket) {
                            connected.add(new SrtOutbound(socket, poller, loop, (c, r) -> failure.set(r)).start());
                        }

                        @Override
                        public void onConnectFailed(String reason, boolean passphraseRejected) {
                            failure.set(reason);
                        }
                    }, 200, 1000);
            toClose.add(caller);
            loop.submit(caller::start).get();
            assertThat(await(() -> !connected.isEmpty(), 10_000)).as("%s / %s", failure, slt.log()).isTrue();

            int count = 300;
            // Read while sending: 300 datagrams would overflow the socket's default receive buffer.
            List<byte[]> received = new CopyOnWriteArrayList<>();
            udp.setSoTimeout(3000);
            Thread reader = Thread.ofPlatform().name("udp-reader").start(() -> {
                byte[] buffer = new byte[2048];
                try {
                    while (received.size() < count) {
                        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                        udp.receive(datagram);
                        received.add(Arrays.copyOf(datagram.getData(), datagram.getLength()));
                    }
                } catch (java.io.IOException e) {
                    // timeout: the assertion below shows how many arrived
                }
            });
            for (int i = 0; i < count; i++) {
                int index = i;
                loop.submit(() -> {
                    ByteBuf packet = SrtTestKit.rtp(index, SrtTestKit.tsPayload(index, 1 + index % 7));
                    try {
                        connected.getFirst().send(packet);
                    } finally {
                        packet.release();
                    }
                }).get();
                Thread.sleep(2);                                 // ~4 Mb/s: a live pace
            }
            reader.join(10_000);
            assertThat(received).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).as("datagram %d", i).isEqualTo(SrtTestKit.tsPayload(i, 1 + i % 7));
            }
            assertThat(loop.submit(() -> connected.getFirst().dropped()).get()).isZero();
        }
    }

    @Test
    void ourCallerPullsFromSrtLiveTransmitAndReconnectsAfterThePeerDies() throws Exception {
        int port = FreePorts.udpBlock();
        int udpIn = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        List<SrtInbound> connections = new CopyOnWriteArrayList<>();
        AtomicReference<SrtCaller> self = new AtomicReference<>();
        SrtSettings settings = SrtSettings.defaults().withPeerIdleTimeoutMs(1500);
        SrtPacketHandler handler = new SrtPacketHandler() {
            @Override
            public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
                collector.onPacket(rtpPacket, arrivalNs);
            }

            @Override
            public void onBatchComplete() {}

            @Override
            public void onBroken(int socket, String reason) {
                collector.broken.add(reason);
                self.get().reconnect();
            }
        };
        SrtCaller caller = new SrtCaller(new InetSocketAddress("127.0.0.1", port), null, settings, poller, loop,
                new SrtCaller.Handler() {
                    @Override
                    public void onConnected(int socket) {
                        SrtInbound in = new SrtInbound(socket, poller, loop, NanoClock.SYSTEM,
                                PooledByteBufAllocator.DEFAULT, 1, 0, handler).start();
                        connections.add(in);
                        toClose.add(in::close);
                    }

                    @Override
                    public void onConnectFailed(String reason, boolean passphraseRejected) {}
                }, 200, 1000);
        self.set(caller);
        toClose.add(caller);
        String source = "udp://127.0.0.1:" + udpIn;
        String target = "srt://127.0.0.1:" + port + "?mode=listener&latency=120";
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] payload = SrtTestKit.tsPayload(1, 7);
            DatagramPacket datagram = new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udpIn));
            try (PeerProcess first = PeerProcess.start(Duration.ofSeconds(30), "srt-live-transmit", source, target, "-v")) {
                assertThat(first.awaitLog(l -> l.contains("listen"), Duration.ofSeconds(10))).isTrue();
                loop.submit(caller::start).get();
                assertThat(await(() -> sendAnd(udp, datagram, () -> !collector.payloads.isEmpty()), 10_000))
                        .as(first.log()).isTrue();
                first.kill();
            }
            assertThat(await(() -> !collector.broken.isEmpty(), 15_000)).as("the caller noticed the peer died").isTrue();
            int before = collector.payloads.size();
            try (PeerProcess second = PeerProcess.start(Duration.ofSeconds(30), "srt-live-transmit", source, target, "-v")) {
                assertThat(await(() -> sendAnd(udp, datagram, () -> collector.payloads.size() > before), 20_000))
                        .as("reconnected: %s", second.log()).isTrue();
            }
        }
        assertThat(connections).hasSizeGreaterThanOrEqualTo(2);
        assertThat(loop.submit(caller::attempts).get()).isGreaterThanOrEqualTo(2);
    }

    private static boolean sendAnd(DatagramSocket udp, DatagramPacket datagram, java.util.function.BooleanSupplier done) {
        try {
            udp.send(datagram);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return done.getAsBoolean();
    }
}
