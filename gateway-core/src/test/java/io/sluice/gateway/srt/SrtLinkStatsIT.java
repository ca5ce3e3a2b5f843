package io.sluice.gateway.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.Source;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link figures ({@link LinkStats}) of SRT sources and outputs, Sluice to Sluice in one process on loopback:
 * ARQ through a relay that loses packets, the connection coming and going, several callers on a listener output,
 * and a wrong passphrase reported on both sides without the secret.
 */
class SrtLinkStatsIT {
    private static final String PASSPHRASE = "link-stats-passphrase-1";
    private static final String WRONG = "not-the-passphrase-22";

    private SrtPoller poller;
    private DefaultEventLoop loop;
    private final List<Object> opened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        poller = new SrtPoller("srt-poller-stats-it");
        loop = new DefaultEventLoop();
    }

    @AfterEach
    void stop() throws Exception {
        for (Object o : opened.reversed()) {
            close(o);
        }
        Thread.sleep(100);
        poller.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private void close(Object o) throws Exception {
        loop.submit(() -> {
            if (o instanceof Source s) {
                s.close();
            } else if (o instanceof Output out) {
                out.close();
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private <T> T onLoop(Callable<T> call) throws Exception {
        return loop.submit(call).get(5, TimeUnit.SECONDS);
    }

    private LinkStats link(Source source) throws Exception {
        return onLoop(source::linkStats);
    }

    private LinkStats link(Output output) throws Exception {
        return onLoop(output::linkStats);
    }

    private boolean holds(Source source, Predicate<LinkStats> condition) {
        return condition.test(loop.submit(source::linkStats).syncUninterruptibly().getNow());
    }

    private boolean holds(Output output, Predicate<LinkStats> condition) {
        return condition.test(loop.submit(output::linkStats).syncUninterruptibly().getNow());
    }

    private static SrtSettings settings(String passphrase) {
        SrtSettings settings = SrtSettings.defaults().withLatencyMs(1000);
        return passphrase == null ? settings
                : settings.withPassphrase(passphrase.getBytes(StandardCharsets.US_ASCII), SrtKeyLength.ofAlgorithm("aes128"));
    }

    private SrtListenerSource listenerSource(int port, SrtSettings settings, CollectingSink sink) throws Exception {
        SrtListenerSource source = new SrtListenerSource(new SrtEndpoint("in", new InetSocketAddress("127.0.0.1", port),
                settings, AllowList.everyone()), poller, NanoClock.SYSTEM);
        onLoop(() -> source.open(loop, sink).sync());
        opened.add(source);
        return source;
    }

    private SrtCallerOutput callerOutput(int port, SrtSettings settings) throws Exception {
        SrtCallerOutput output = new SrtCallerOutput(new SrtEndpoint("out", new InetSocketAddress("127.0.0.1", port),
                settings, null), poller, NanoClock.SYSTEM);
        onLoop(() -> output.open(loop).sync());
        opened.add(output);
        return output;
    }

    private SrtCallerSource callerSource(String name, int port, SrtSettings settings, CollectingSink sink) throws Exception {
        SrtCallerSource source = new SrtCallerSource(new SrtEndpoint(name, new InetSocketAddress("127.0.0.1", port),
                settings, null), poller, NanoClock.SYSTEM);
        onLoop(() -> source.open(loop, sink).sync());
        opened.add(source);
        return source;
    }

    /** {@code count} RTP packets of 7 TS packets, numbered from {@code first}, about one every 2 ms. */
    private void send(Output output, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer();
            RtpView.writeHeader(packet, false, 33, i, 0, 7);
            for (int b = 0; b < 1316; b++) {
                packet.writeByte(b % 188 == 0 ? 0x47 : i);
            }
            loop.submit(() -> output.offer(packet, 0)).get(5, TimeUnit.SECONDS);
            Thread.sleep(2);
        }
    }

    @Test
    void arqThroughALossyRelayIsCountedOnBothSidesAndSurvivesTheDisconnection() throws Exception {
        int port = FreePorts.udpBlock();
        CollectingSink sink = new CollectingSink();
        SrtListenerSource source = listenerSource(port, settings(PASSPHRASE), sink);
        try (LossyRelay relay = new LossyRelay(new InetSocketAddress("127.0.0.1", port), 25)) {
            SrtCallerOutput output = callerOutput(relay.port(), settings(PASSPHRASE));
            assertThat(await(() -> holds(output, LinkStats::connected), 10_000)).as(output.status().text()).isTrue();

            int count = 490;                                     // not a multiple of 25: the last packet gets through
            send(output, 0, count);                              // and reveals the gap before it
            assertThat(await(() -> sink.payloads.size() == count, 15_000))
                    .as("received %d of %d; relay dropped %d", sink.payloads.size(), count, relay.dropped()).isTrue();
            long dropped = relay.dropped();
            assertThat(dropped).as("the relay lost originals").isGreaterThanOrEqualTo(count / 25 - 1);
            for (int i = 0; i < count; i++) {
                assertThat(sink.payloads.get(i)[1]).as("packet %d recovered in order", i).isEqualTo((byte) i);
            }

            // statistics are read once a second off the loop: wait for a reading that has every gap
            assertThat(await(() -> holds(source, l -> l.arqRecovered() >= dropped), 5_000))
                    .as("%s", link(source)).isTrue();
            LinkStats in = link(source);
            assertThat(in.connected()).isTrue();
            assertThat(in.peer()).isEqualTo("127.0.0.1:" + relay.backPort());
            assertThat(in.arqRequests()).as("gaps detected").isGreaterThanOrEqualTo(dropped);
            assertThat(in.arqRecovered()).as("every gap was filled: all packets arrived").isEqualTo(in.arqRequests());
            assertThat(in.retransmitted()).as("a receiver sends nothing again").isZero();
            assertThat(in.overflowPackets()).as("nothing too late to play").isZero();
            assertThat(in.decryptionFailures()).isZero();
            assertThat(in.roundTripTimeMs()).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(in.bandwidthMbps()).isNotNaN().isPositive();
            assertThat(in.bufferMs()).isGreaterThanOrEqualTo(0);
            assertThat(in.connectionAttempts()).isEqualTo(1);
            assertThat(in.problem()).isNull();
            assertThat(onLoop(() -> source.counters().lost)).isEqualTo(in.arqRequests());
            assertThat(onLoop(() -> source.counters().recovered)).isEqualTo(in.arqRecovered());

            assertThat(await(() -> holds(output, l -> l.retransmitted() >= dropped), 5_000))
                    .as("%s", link(output)).isTrue();
            LinkStats out = link(output);
            assertThat(out.connected()).isTrue();
            assertThat(out.peer()).isEqualTo("127.0.0.1:" + relay.port());
            assertThat(out.arqRequests()).as("losses the receiver reported").isGreaterThanOrEqualTo(dropped);
            assertThat(out.overflowPackets()).isZero();
            assertThat(out.roundTripTimeMs()).isNotNaN();
            assertThat(out.bufferMs()).isGreaterThanOrEqualTo(0);
            assertThat(out.connectionAttempts()).isGreaterThanOrEqualTo(1);

            close(output);
            assertThat(await(() -> holds(source, l -> l.connection() == LinkStats.Connection.DISCONNECTED), 10_000))
                    .as(source.status().text()).isTrue();
            LinkStats after = link(source);
            assertThat(after.disconnections()).isEqualTo(1);
            assertThat(after.peer()).isNull();
            assertThat(after.arqRequests()).as("the totals outlive the connection").isGreaterThanOrEqualTo(dropped);
            assertThat(after.arqRecovered()).isGreaterThanOrEqualTo(dropped);
            assertThat(after.roundTripTimeMs()).as("no connection, no RTT").isNaN();
        }
    }

    @Test
    void aListenerOutputAggregatesItsCallersAndReportsAWrongPassphraseUntilAGoodCallerComes() throws Exception {
        int port = FreePorts.udpBlock();
        SrtListenerOutput output = new SrtListenerOutput(new SrtEndpoint("serve", new InetSocketAddress("127.0.0.1", port),
                settings(PASSPHRASE), AllowList.parse("127.0.0.0/8")), poller, NanoClock.SYSTEM);
        onLoop(() -> output.open(loop).sync());
        opened.add(output);
        LinkStats idle = link(output);
        assertThat(idle.connection()).isEqualTo(LinkStats.Connection.DISCONNECTED);
        assertThat(idle.problem()).isNull();

        SrtCallerSource wrong = callerSource("wrong", port, settings(WRONG), new CollectingSink());
        assertThat(await(() -> holds(output, l -> l.problem() != null), 10_000)).as(output.status().text()).isTrue();
        assertThat(link(output).problem()).matches("refused 127\\.0\\.0\\.1:\\d+ at handshake: wrong SRT passphrase");
        assertThat(await(() -> holds(wrong, l -> l.problem() != null), 10_000)).as(wrong.status().text()).isTrue();
        assertThat(link(wrong).problem())
                .startsWith("SRT connection to 127.0.0.1:" + port + " refused at handshake: wrong SRT passphrase");
        for (String text : List.of(link(output).problem(), link(wrong).problem(), output.status().text(),
                wrong.status().text())) {
            assertThat(text).doesNotContain(PASSPHRASE).doesNotContain(WRONG);
        }
        assertThat(link(wrong).connection()).isEqualTo(LinkStats.Connection.DISCONNECTED);
        close(wrong);

        CollectingSink sinkA = new CollectingSink();
        CollectingSink sinkB = new CollectingSink();
        SrtCallerSource a = callerSource("a", port, settings(PASSPHRASE), sinkA);
        assertThat(await(() -> holds(output, l -> l.connected() && l.problem() == null), 10_000))
                .as("a good caller clears the problem: %s", link(output)).isTrue();
        SrtCallerSource b = callerSource("b", port, settings(PASSPHRASE), sinkB);
        assertThat(await(() -> onLoopQuietly(output::callers) == 2, 10_000)).as(output.status().text()).isTrue();
        LinkStats two = link(output);
        assertThat(two.peer()).matches("127\\.0\\.0\\.1:\\d+ and 1 more");
        assertThat(two.connectionAttempts()).as("the wrong caller's tries and the two good ones")
                .isGreaterThanOrEqualTo(3);

        send(output, 0, 100);
        assertThat(await(() -> sinkA.payloads.size() == 100 && sinkB.payloads.size() == 100, 10_000))
                .as("a %d, b %d", sinkA.payloads.size(), sinkB.payloads.size()).isTrue();
        assertThat(await(() -> holds(output, l -> !Double.isNaN(l.roundTripTimeMs())), 5_000)).isTrue();
        assertThat(link(a).connected()).isTrue();
        assertThat(link(a).peer()).isEqualTo("127.0.0.1:" + port);

        close(b);
        assertThat(await(() -> holds(output, l -> l.disconnections() == 1), 15_000)).as(output.status().text()).isTrue();
        LinkStats one = link(output);
        assertThat(one.connected()).as("still serving the other caller").isTrue();
        assertThat(one.peer()).matches("127\\.0\\.0\\.1:\\d+");
    }

    private <T> T onLoopQuietly(Callable<T> call) {
        try {
            return onLoop(call);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
