package io.sluice.gateway.srt;

import static io.sluice.protocols.srt.SrtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.output.srt.SrtCallerOutput;
import io.sluice.gateway.source.srt.SrtEndpoint;
import io.sluice.gateway.source.srt.SrtListenerSource;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.SrtSettings;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.FreePorts;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sluice to Sluice in one process: a caller output feeding a listener source, one caller at a time. */
class SrtListenerSourceTest {
    private SrtPoller poller;
    private DefaultEventLoop loop;

    @BeforeEach
    void start() {
        poller = new SrtPoller("srt-poller-source-test");
        loop = new DefaultEventLoop();
    }

    @AfterEach
    void stop() throws Exception {
        Thread.sleep(100);
        poller.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private boolean connected(SrtCallerOutput output) {
        return loop.submit(output::isConnected).syncUninterruptibly().getNow();
    }

    private void send(SrtCallerOutput output, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer();
            RtpView.writeHeader(packet, false, 33, i, 0, 7);
            for (int b = 0; b < 376; b++) {
                packet.writeByte(b % 188 == 0 ? 0x47 : i);
            }
            loop.submit(() -> output.offer(packet, 0)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondCallerIsRefusedWhileTheFirstIsConnectedAndReplacesItOnceItIsGone() throws Exception {
        int port = FreePorts.udpBlock();
        SrtSettings settings = SrtSettings.defaults().withLatencyMs(60).withStreamId("feed1");
        CollectingSink sink = new CollectingSink();
        SrtListenerSource source = new SrtListenerSource(new SrtEndpoint("in", new InetSocketAddress("127.0.0.1", port),
                settings, AllowList.everyone()), poller, NanoClock.SYSTEM);
        loop.submit(() -> source.open(loop, sink).sync()).get(5, TimeUnit.SECONDS);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        SrtCallerOutput first = new SrtCallerOutput(new SrtEndpoint("a", target, settings, null), poller, NanoClock.SYSTEM);
        SrtCallerOutput second = new SrtCallerOutput(new SrtEndpoint("b", target, settings, null), poller, NanoClock.SYSTEM);
        SrtCallerOutput wrongStream = new SrtCallerOutput(new SrtEndpoint("c", target, settings.withStreamId("other"), null),
                poller, NanoClock.SYSTEM);
        try {
            loop.submit(() -> first.open(loop).sync()).get(5, TimeUnit.SECONDS);
            assertThat(await(() -> connected(first), 10_000)).as(first.status().text()).isTrue();
            loop.submit(() -> second.open(loop).sync()).get(5, TimeUnit.SECONDS);
            loop.submit(() -> wrongStream.open(loop).sync()).get(5, TimeUnit.SECONDS);
            assertThat(await(() -> second.status().text().contains("1402"), 10_000)).as(second.status().text()).isTrue();
            assertThat(await(() -> wrongStream.status().text().contains("1404"), 10_000))
                    .as(wrongStream.status().text()).isTrue();

            send(first, 0, 20);
            assertThat(await(() -> sink.payloads.size() == 20, 10_000)).isTrue();

            loop.submit(first::close).get(5, TimeUnit.SECONDS);   // the first caller goes away
            assertThat(await(() -> connected(second), 15_000)).as(second.status().text()).isTrue();
            send(second, 20, 20);
            assertThat(await(() -> sink.payloads.size() == 40, 10_000)).as("%d", sink.payloads.size()).isTrue();
        } finally {
            for (var c : new SrtCallerOutput[] {first, second, wrongStream}) {
                loop.submit(c::close).get(5, TimeUnit.SECONDS);
            }
            loop.submit(source::close).get(5, TimeUnit.SECONDS);
        }
        for (int i = 1; i < 40; i++) {
            assertThat((sink.sequences.get(i) - sink.sequences.get(i - 1)) & 0xffff).as("seq step %d", i).isEqualTo(1);
            assertThat(sink.payloads.get(i)[1]).isEqualTo((byte) i);
        }
    }
}
