package io.sluice.gateway.engine.udp;

import static io.sluice.gateway.testing.LoopbackDatagrams.bytes;
import static io.sluice.gateway.testing.LoopbackDatagrams.receive;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.UnixChannel;
import io.sluice.gateway.flow.OutputCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native send of single packets: what arrives, what is counted, and that every buffer is released exactly
 * once whatever happens to it (each test keeps its own reference to every packet and checks the sender's is gone;
 * the leak detector, PARANOID in tests, catches one released never).
 */
@Timeout(30)
class UdpPacketSenderTest {
    private EventLoopGroup group;
    private final List<ByteBuf> kept = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(UdpSyscalls.available() && Epoll.isAvailable(), () -> "native UDP path: " + UdpSyscalls.unavailableReason());
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() throws Exception {
        kept.forEach(ByteBuf::release);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void withGsoAFlushSendsEveryPacketWholeInOrderAndReleasesEachOnce() throws Exception {
        sendsEveryPacketWholeInOrder(true);
    }

    @Test
    void withSendmmsgAFlushSendsEveryPacketWholeInOrderAndReleasesEachOnce() throws Exception {
        sendsEveryPacketWholeInOrder(false);
    }

    private void sendsEveryPacketWholeInOrder(boolean gso) throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(connectedFd(receiver, counters), gso, counters);
        int[] lengths = {1328, 1328, 1328, 200, 1328, 900, 900};
        for (int i = 0; i < lengths.length; i++) {
            sender.add(handedOver(packet(i, lengths[i])), 1);
        }
        assertThat(sender.pending()).isEqualTo(lengths.length);
        assertThat(counters.packets).as("nothing counted before the kernel takes it").isZero();

        sender.flush(1);

        assertThat(sender.pending()).isZero();
        List<byte[]> got = receive(receiver, lengths.length);
        assertThat(got).hasSize(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            assertThat(got.get(i)).as("datagram " + i).isEqualTo(bytes(kept.get(i)));
        }
        assertThat(counters.packets).isEqualTo(lengths.length);
        assertThat(counters.bytes).isEqualTo(Arrays.stream(lengths).sum());
        assertThat(counters.dropped + counters.sendErrors).isZero();
        assertThat(sender.gso()).isEqualTo(gso);
        assertEachReleasedBySender();
    }

    @Test
    void onlyTheReadableBytesLeave() throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(connectedFd(receiver, counters), true, counters);
        ByteBuf packet = packet(0, 1328);
        byte[] whole = bytes(packet);
        sender.add(handedOver(packet).skipBytes(12), 1);           // a plain-TS output sends no RTP header
        sender.flush(1);
        assertThat(receive(receiver, 1)).singleElement().isEqualTo(Arrays.copyOfRange(whole, 12, whole.length));
        assertThat(counters.bytes).isEqualTo(1316);
        assertEachReleasedBySender();
    }

    @Test
    void aHeapBufferIsCopiedOnceAndReleased() throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(connectedFd(receiver, counters), true, counters);
        byte[] content = new byte[700];
        Arrays.fill(content, (byte) 0x47);
        ByteBuf heap = Unpooled.buffer(700).writeBytes(content);
        kept.add(heap);
        sender.add(heap.retain(), 1);
        assertThat(heap.refCnt()).as("the sender released the heap buffer once it had copied it").isEqualTo(1);
        sender.flush(1);
        assertThat(receive(receiver, 1)).singleElement().isEqualTo(content);
        assertThat(counters.packets).isEqualTo(1);
    }

    @Test
    void aFullSenderFlushesByItself() throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(connectedFd(receiver, counters), true, counters);
        for (int i = 0; i < UdpPacketSender.CAPACITY + 3; i++) {
            sender.add(handedOver(packet(i, 188)), 1);
        }
        assertThat(counters.packets).isEqualTo(UdpPacketSender.CAPACITY);
        assertThat(sender.pending()).isEqualTo(3);
        sender.flush(1);
        assertThat(receive(receiver, UdpPacketSender.CAPACITY + 3)).hasSize(UdpPacketSender.CAPACITY + 3);
        assertEachReleasedBySender();
    }

    @Test
    void aClosedPortIsCountedAsSendErrorsAndTheSocketKeepsWorking() throws Exception {
        DatagramChannel gone = receiver();
        OutputCounters counters = new OutputCounters();
        int fd = connectedFd(gone, counters);
        gone.close();                                        // ICMP port unreachable from now on
        UdpPacketSender sender = new UdpPacketSender(fd, true, counters);
        for (int i = 0; i < 20; i++) {
            sender.add(handedOver(packet(i, 1328)), 1);
            sender.add(handedOver(packet(i, 1328)), 1);
            sender.flush(1);
            Thread.sleep(2);
        }
        assertThat(counters.sendErrors).as("ECONNREFUSED reported on the connected socket").isPositive();
        assertThat(counters.packets).as("the socket keeps sending").isPositive();
        assertThat(counters.dropped).isZero();
        assertEachReleasedBySender();
    }

    /**
     * A full socket buffer drops and counts. Loopback UDP never refuses a send (a full receiver drops in the kernel),
     * so this sends on one end of a Unix datagram socket pair whose other end never reads: past the peer's queue
     * the kernel answers EAGAIN to the non-blocking send, as a UDP socket does when its send buffer is full. GSO
     * is off: a Unix socket knows no UDP segmentation.
     */
    @Test
    void aFullSocketBufferDropsTheRestAndCountsThem() throws Throwable {
        int[] pair = unixDatagramPair();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(pair[0], false, counters);
        int total = 0;
        for (int round = 0; round < 20 && counters.dropped == 0; round++) {
            for (int i = 0; i < UdpPacketSender.CAPACITY; i++) {
                sender.add(handedOver(packet(i, 1328)), 1);
                total++;
            }
        }
        sender.flush(1);
        assertThat(counters.dropped).as("EAGAIN once the peer's queue is full").isPositive();
        assertThat(counters.packets + counters.dropped).isEqualTo(total);
        assertThat(counters.sendErrors).isZero();
        assertEachReleasedBySender();
    }

    @Test
    void discardReleasesWhatIsPendingUnsent() throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpPacketSender sender = new UdpPacketSender(connectedFd(receiver, counters), true, counters);
        sender.add(handedOver(packet(0, 1328)), 1);
        sender.add(handedOver(packet(1, 1328)), 1);
        assertThat(sender.discard()).isEqualTo(2);
        assertThat(sender.pending()).isZero();
        assertThat(counters.packets).isZero();
        assertEachReleasedBySender();
        sender.flush(1);                                     // nothing left to send or release
        assertThat(counters.packets).isZero();
    }

    /** The sender's reference: one more than the test keeps in {@link #kept}. */
    private static ByteBuf handedOver(ByteBuf packet) {
        return packet.retain();
    }

    /** Every packet handed to the sender has lost exactly the sender's reference. */
    private void assertEachReleasedBySender() {
        for (ByteBuf packet : kept) {
            assertThat(packet.refCnt()).isEqualTo(1);
        }
    }

    private DatagramChannel receiver() throws Exception {
        DatagramChannel receiver = DatagramChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeables.add(receiver);
        return receiver;
    }

    /** A Netty epoll socket connected to {@code receiver}, set up as an rtp output's (see UdpBatchSenderTest). */
    private int connectedFd(DatagramChannel receiver, OutputCounters counters) throws Exception {
        Channel channel = new Bootstrap().group(group)
                .channelFactory(() -> new EpollDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        counters.sendErrors++;
                    }
                })
                .connect(receiver.getLocalAddress()).sync().channel();
        closeables.add(() -> channel.close().sync());
        return ((UnixChannel) channel).fd().intValue();
    }

    /** {@code socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0)}, both ends closed after the test. */
    private int[] unixDatagramPair() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle socketpair = linker.downcallHandle(linker.defaultLookup().findOrThrow("socketpair"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().findOrThrow("close"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        int[] fds = new int[2];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT, 2);
            int result = (int) socketpair.invokeExact(1, 2 | 0x800, 0, out);
            assertThat(result).as("socketpair").isZero();
            fds[0] = out.getAtIndex(JAVA_INT, 0);
            fds[1] = out.getAtIndex(JAVA_INT, 1);
        }
        for (int fd : fds) {
            closeables.add(() -> {
                try {
                    int ignored = (int) close.invokeExact(fd);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return fds;
    }

    private ByteBuf packet(int index, int length) {
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(length + 7);
        packet.writeZero(7).readerIndex(7);                 // not at offset 0 of its memory
        for (int i = 0; i < length; i++) {
            packet.writeByte(index * 31 + i);
        }
        kept.add(packet);
        return packet;
    }
}
