package io.sluice.protocols.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtConnectionFilter;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtOption;
import io.sluice.protocols.srt.ffm.SrtStats;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binding end to end inside one JVM: libsrt listener and caller on loopback, driven by the poller. */
class SrtLoopbackTest {
    private static final byte[] PASSPHRASE = "0123456789abc".getBytes(StandardCharsets.US_ASCII);

    private SrtPoller poller;
    private DefaultEventLoop loop;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        poller = new SrtPoller("srt-poller-test");
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
        Thread.sleep(100);                                       // let the control thread close the sockets
        poller.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** A listener whose accepted connections are drained into {@code collector}. */
    private SrtListener listen(int port, SrtSettings settings, SrtConnectionFilter filter, SrtTestKit.Collector collector)
            throws Exception {
        return listen(new InetSocketAddress("127.0.0.1", port), settings, filter, collector);
    }

    private SrtListener listen(InetSocketAddress bind, SrtSettings settings, SrtConnectionFilter filter,
                               SrtTestKit.Collector collector) throws Exception {
        SrtListener listener = loop.submit(() -> SrtListener.open(
                bind, settings, filter, 4, poller, loop,
                (socket, peer, streamId) -> {
                    SrtInbound inbound = new SrtInbound(socket, poller, loop, NanoClock.SYSTEM,
                            PooledByteBufAllocator.DEFAULT, 0xABCD, 100, collector).start();
                    toClose.add(inbound::close);
                })).get(5, TimeUnit.SECONDS);
        toClose.add(listener);
        return listener;
    }

    /** A caller whose connected sockets become outbound connections collected in {@code connected}. */
    private SrtCaller call(int port, String localIp, SrtSettings settings, List<SrtOutbound> connected,
                           AtomicReference<String> lastFailure) throws Exception {
        return call(new InetSocketAddress("127.0.0.1", port), localIp, settings, connected, lastFailure);
    }

    private SrtCaller call(InetSocketAddress remote, String localIp, SrtSettings settings, List<SrtOutbound> connected,
                           AtomicReference<String> lastFailure) throws Exception {
        AtomicReference<SrtCaller> self = new AtomicReference<>();
        SrtCaller caller = new SrtCaller(remote,
                localIp == null ? null : new InetSocketAddress(localIp, 0), settings, poller, loop,
                new SrtCaller.Handler() {
                    @Override
                    public void onConnected(int socket) {
                        connected.add(new SrtOutbound(socket, poller, loop, (c, reason) -> {
                            lastFailure.set(reason);
                            self.get().reconnect();
                        }).start());
                    }

                    @Override
                    public void onConnectFailed(String reason, boolean passphraseRejected) {
                        lastFailure.set((passphraseRejected ? "PASSPHRASE " : "") + reason);
                    }
                }, 100, 400);
        self.set(caller);
        loop.submit(caller::start).get(5, TimeUnit.SECONDS);
        toClose.add(caller);
        return caller;
    }

    private void send(SrtOutbound outbound, int count) throws Exception {
        loop.submit(() -> {
            for (int i = 0; i < count; i++) {
                ByteBuf packet = SrtTestKit.rtp(i, SrtTestKit.tsPayload(i, 1 + i % 7));
                try {
                    outbound.send(packet);
                } finally {
                    packet.release();
                }
            }
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void messagesOfAnyTsMultipleArriveIntactAsRtpWithConsecutiveSequenceNumbers() throws Exception {
        int port = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        listen(port, SrtSettings.defaults().withLatencyMs(80), (s, v, p, id) -> 0, collector);
        List<SrtOutbound> connected = new CopyOnWriteArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        call(port, null, SrtSettings.defaults().withLatencyMs(80).withStreamId("feed1"), connected, failure);
        assertThat(await(() -> !connected.isEmpty(), 10_000)).as("connected; last failure %s", failure).isTrue();

        send(connected.getFirst(), 200);

        assertThat(await(() -> collector.payloads.size() == 200, 10_000)).as("received %d", collector.payloads.size()).isTrue();
        for (int i = 0; i < 200; i++) {
            assertThat(collector.payloads.get(i)).isEqualTo(SrtTestKit.tsPayload(i, 1 + i % 7));
            assertThat(collector.sequences.get(i)).isEqualTo(100 + i);
        }
        assertThat(collector.payloadTypes).isEqualTo(33);
        SrtStats stats = loop.submit(() -> SrtStats.read(connected.getFirst().socket())).get();
        assertThat(stats.packetsSent()).isGreaterThanOrEqualTo(200);
        assertThat(stats.sendLatencyMs()).isEqualTo(80);
        assertThat(loop.submit(() -> connected.getFirst().sent()).get()).isEqualTo(200);
    }

    @Test
    void worksOverIpv6AndTheCallbackSeesTheIpv6Peer() throws Exception {
        int port = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
        SrtListener listener = listen(new InetSocketAddress("::1", port), SrtSettings.defaults(), (s, v, peer, id) -> {
            peers.add(peer);
            return 0;
        }, collector);
        assertThat(listener.localAddress()).isEqualTo(new InetSocketAddress("::1", port));
        List<SrtOutbound> connected = new CopyOnWriteArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        call(new InetSocketAddress("::1", port), null, SrtSettings.defaults(), connected, failure);
        assertThat(await(() -> !connected.isEmpty(), 10_000)).as("connected; last failure %s", failure).isTrue();
        send(connected.getFirst(), 5);
        assertThat(await(() -> collector.payloads.size() == 5, 10_000)).isTrue();
        assertThat(peers.getFirst().getAddress()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void listenCallbackRefusesADeniedAddressAtHandshakeAndCountsIt() throws Exception {
        int port = FreePorts.udpBlock();
        InetAddress allowed = InetAddress.getByName("127.0.0.2");
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        SrtListener listener = listen(port, SrtSettings.defaults(),
                (socket, hs, peer, id) -> peer.getAddress().equals(allowed) ? 0 : SrtErrors.REJX_FORBIDDEN, collector);

        List<SrtOutbound> denied = new CopyOnWriteArrayList<>();
        AtomicReference<String> deniedFailure = new AtomicReference<>();
        SrtCaller deniedCaller = call(port, "127.1.0.2", SrtSettings.defaults(), denied, deniedFailure);
        assertThat(await(() -> deniedFailure.get() != null, 10_000)).isTrue();
        assertThat(deniedFailure.get()).contains("1403");
        loop.submit(deniedCaller::close).get();
        assertThat(denied).isEmpty();
        assertThat(listener.refused()).isGreaterThanOrEqualTo(1);
        assertThat(listener.lastRefusal()).matches("refused 127\\.1\\.0\\.2:\\d+ at handshake with code 1403 \\(address not allowed\\)");
        assertThat(listener.handshakes()).as("refused handshakes are seen too").isGreaterThanOrEqualTo(1);
        assertThat(listener.lastPassphraseRefusal()).isEmpty();

        List<SrtOutbound> ok = new CopyOnWriteArrayList<>();
        call(port, "127.0.0.2", SrtSettings.defaults(), ok, new AtomicReference<>());
        assertThat(await(() -> !ok.isEmpty(), 10_000)).isTrue();
        send(ok.getFirst(), 10);
        assertThat(await(() -> collector.payloads.size() == 10, 10_000)).isTrue();
    }

    @Test
    void encryptedConnectionIsSecuredAndAWrongPassphraseIsReportedAsSuch() throws Exception {
        int port = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        SrtListener listener = listen(port, SrtSettings.defaults().withPassphrase(PASSPHRASE, 32), (s, v, p, id) -> 0,
                collector);

        List<SrtOutbound> wrong = new CopyOnWriteArrayList<>();
        AtomicReference<String> wrongFailure = new AtomicReference<>();
        SrtCaller wrongCaller = call(port, null,
                SrtSettings.defaults().withPassphrase("not-the-passphrase".getBytes(StandardCharsets.US_ASCII), 32),
                wrong, wrongFailure);
        assertThat(await(() -> wrongFailure.get() != null, 10_000)).isTrue();
        assertThat(wrongFailure.get()).startsWith("PASSPHRASE").contains("wrong SRT passphrase")
                .doesNotContain("not-the-passphrase").doesNotContain("0123456789abc");
        loop.submit(wrongCaller::close).get();
        assertThat(await(() -> listener.passphraseRefused() >= 1, 5_000)).isTrue();
        assertThat(listener.lastRefusal()).contains("wrong SRT passphrase").doesNotContain("0123456789abc");
        assertThat(listener.lastPassphraseRefusal()).matches("refused 127\\.0\\.0\\.1:\\d+ at handshake: wrong SRT passphrase");
        long seen = listener.handshakes();
        assertThat(seen).as("the callback saw the handshake libsrt refused afterwards").isGreaterThanOrEqualTo(1);

        List<SrtOutbound> right = new CopyOnWriteArrayList<>();
        call(port, null, SrtSettings.defaults().withPassphrase(PASSPHRASE, 32), right, new AtomicReference<>());
        assertThat(await(() -> !right.isEmpty(), 10_000)).isTrue();
        assertThat(listener.handshakes()).isGreaterThan(seen);
        assertThat(loop.submit(() -> Srt.getInt(right.getFirst().socket(), SrtOption.SNDKMSTATE)).get())
                .isEqualTo(SrtErrors.KM_SECURED);
        send(right.getFirst(), 20);
        assertThat(await(() -> collector.payloads.size() == 20, 10_000)).isTrue();
        assertThat(collector.payloads.get(19)).isEqualTo(SrtTestKit.tsPayload(19, 1 + 19 % 7));
    }

    @Test
    void callerReconnectsWhenTheListenerComesBack() throws Exception {
        int port = FreePorts.udpBlock();
        SrtTestKit.Collector collector = new SrtTestKit.Collector();
        SrtSettings fastIdle = SrtSettings.defaults().withPeerIdleTimeoutMs(1000);
        SrtListener first = listen(port, fastIdle, (s, v, p, id) -> 0, collector);
        List<SrtOutbound> connected = new CopyOnWriteArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        SrtCaller caller = call(port, null, fastIdle, connected, failure);
        assertThat(await(() -> connected.size() == 1, 10_000)).isTrue();

        loop.submit(first::close).get();                         // the listener and its connection go away
        for (AutoCloseable c : toClose) {
            if (c != first && c != caller) {
                loop.submit(() -> {
                    c.close();
                    return null;
                }).get();
            }
        }
        // failure is set by the broken handler, after the outbound closed itself (isClosed is a loop-only field)
        assertThat(await(() -> failure.get() != null, 15_000)).as("the caller noticed").isTrue();
        Thread.sleep(600);
        listen(port, fastIdle, (s, v, p, id) -> 0, collector);
        assertThat(await(() -> connected.size() == 2, 15_000)).as("reconnected; last failure %s", failure).isTrue();
        assertThat(loop.submit(caller::attempts).get()).isGreaterThanOrEqualTo(2);
        send(connected.get(1), 5);
        assertThat(await(() -> collector.payloads.size() == 5, 10_000)).isTrue();
    }
}
