package io.sluice.gateway.output.rtp;

import static io.sluice.gateway.testing.LoopbackDatagrams.bytes;
import static io.sluice.gateway.testing.LoopbackDatagrams.receive;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.engine.udp.UdpSyscalls;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which path an rtp output's single packets take (smoothing queue releases, rtp-fec's offers) and that each path
 * delivers them: the native {@code sendmmsg} on epoll, Netty's write path when native sending is not allowed or the
 * channel is not a native socket. Every packet is offered as a retained duplicate, as the fan-out does, and the test
 * checks that the output gave its reference back, sent or not.
 */
@Timeout(30)
class RtpOutputSendPathTest {
    private static final long START_NS = 1_000_000_000L;

    private final ManualClock clock = new ManualClock(START_NS);
    private final List<ByteBuf> packets = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EventLoopGroup group;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
        packets.forEach(ByteBuf::release);
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aSmoothingOutputOnEpollSendsNatively() throws Exception {
        EventLoop loop = epollLoop();
        DatagramChannel receiver = receiver();
        RtpOutput output = opened(loop, settings(receiver, 10, false), true);
        assertThat(output.sendsNatively()).isTrue();
        assertThat(output.takesBatches()).as("smoothing: packet by packet").isFalse();

        offerAndFlush(loop, output, 5);

        List<byte[]> got = receive(receiver, 5);
        assertThat(got).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(got.get(i)).as("datagram " + i).isEqualTo(bytes(packets.get(i)));
        }
        assertThat(onLoop(loop, () -> output.counters().packets)).isEqualTo(5);
        assertEveryReferenceGivenBack();
    }

    @Test
    void aPlainTsSmoothingOutputLeavesTheRtpHeaderOut() throws Exception {
        EventLoop loop = epollLoop();
        DatagramChannel receiver = receiver();
        RtpOutput output = opened(loop, settings(receiver, 10, true), true);

        offerAndFlush(loop, output, 2);

        List<byte[]> got = receive(receiver, 2);
        assertThat(got).hasSize(2);
        byte[] whole = bytes(packets.getFirst());
        assertThat(got.getFirst()).isEqualTo(Arrays.copyOfRange(whole, RtpView.FIXED_HEADER_BYTES, whole.length));
        assertEveryReferenceGivenBack();
    }

    @Test
    void withoutNativeSendingNettyWritesTheSamePackets() throws Exception {
        EventLoop loop = epollLoop();
        DatagramChannel receiver = receiver();
        RtpOutput output = opened(loop, settings(receiver, 10, false), false);
        assertThat(output.sendsNatively()).isFalse();

        offerAndFlush(loop, output, 5);

        List<byte[]> got = receive(receiver, 5);
        assertThat(got).hasSize(5);
        assertThat(got.get(4)).isEqualTo(bytes(packets.get(4)));
        assertThat(onLoop(loop, () -> output.counters().packets)).isEqualTo(5);
        assertEveryReferenceGivenBack();
    }

    @Test
    void onAnEmbeddedChannelTheQueueDrainsThroughNetty() {
        RtpOutput output = new RtpOutput(new RtpOutputSettings("out", new InetSocketAddress("127.0.0.1", 9), 10),
                Transport.best(), clock);
        EmbeddedChannel channel = new EmbeddedChannel();
        closeables.add(channel::finishAndReleaseAll);
        output.openOn(channel);
        assertThat(output.sendsNatively()).isFalse();

        for (int i = 0; i < 3; i++) {
            output.offer(packet(i).retainedDuplicate(), START_NS);
        }
        output.flush();

        for (int i = 0; i < 3; i++) {
            ByteBuf written = channel.readOutbound();
            assertThat(written).as("packet " + i).isNotNull();
            assertThat(bytes(written)).isEqualTo(bytes(packets.get(i)));
            ReferenceCountUtil.release(written);
        }
        assertThat((Object) channel.readOutbound()).isNull();
        assertEveryReferenceGivenBack();
    }

    @Test
    void closingReleasesWhatTheQueueStillHolds() throws Exception {
        EventLoop loop = epollLoop();
        DatagramChannel receiver = receiver();
        RtpOutput output = opened(loop, settings(receiver, 10, false), true);
        onLoop(loop, () -> {
            for (int i = 0; i < 4; i++) {                   // not due before 5 ms from now
                output.offer(packet(i).retainedDuplicate(), START_NS + 5_000_000L);
            }
            output.flush();
            return null;
        });
        assertThat(onLoop(loop, output::queuedPackets)).isEqualTo(4);
        loop.submit(output::close).sync().getNow().sync();
        assertThat(onLoop(loop, () -> output.counters().packets)).isZero();
        assertEveryReferenceGivenBack();
    }

    private void offerAndFlush(EventLoop loop, RtpOutput output, int count) throws Exception {
        onLoop(loop, () -> {
            for (int i = 0; i < count; i++) {
                output.offer(packet(i).retainedDuplicate(), START_NS);   // the fan-out's duplicate
            }
            output.flush();                                              // the end of the read batch
            return null;
        });
    }

    private void assertEveryReferenceGivenBack() {
        for (ByteBuf packet : packets) {
            assertThat(packet.refCnt()).isEqualTo(1);
        }
    }

    private EventLoop epollLoop() {
        assumeTrue(Epoll.isAvailable() && UdpSyscalls.available(), () -> "native UDP path: " + UdpSyscalls.unavailableReason());
        group = new MultiThreadIoEventLoopGroup(1, Transport.EPOLL.ioHandlerFactory());
        return group.next();
    }

    private RtpOutput opened(EventLoop loop, RtpOutputSettings settings, boolean nativeSendAllowed) throws Exception {
        RtpOutput output = new RtpOutput(settings, Transport.EPOLL, clock, nativeSendAllowed);
        loop.submit(() -> output.open(loop)).sync().getNow().sync();
        closeables.add(() -> loop.submit(output::close).sync().getNow().sync());
        return output;
    }

    private static RtpOutputSettings settings(DatagramChannel receiver, int smoothingMs, boolean plainTs) throws Exception {
        return new RtpOutputSettings("out", (InetSocketAddress) receiver.getLocalAddress(), smoothingMs,
                RtpOutputSettings.DEFAULT_MULTICAST_TTL, RtpOutputSettings.DEFAULT_SEND_BUFFER_BYTES, null, plainTs);
    }

    private static <T> T onLoop(EventLoop loop, Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private ByteBuf packet(int index) {
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + 188);
        RtpView.writeHeader(packet, false, RtpView.PAYLOAD_TYPE_MP2T, index, index * 90, 0x1234L);
        packet.writeByte(0x47);
        for (int i = 1; i < 188; i++) {
            packet.writeByte(index + i);
        }
        packets.add(packet);
        return packet;
    }

    private DatagramChannel receiver() throws Exception {
        DatagramChannel receiver = DatagramChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeables.add(receiver);
        return receiver;
    }
}
