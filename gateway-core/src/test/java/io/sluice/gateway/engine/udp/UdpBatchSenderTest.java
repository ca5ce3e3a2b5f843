package io.sluice.gateway.engine.udp;

import static io.sluice.gateway.testing.LoopbackDatagrams.bytes;
import static io.sluice.gateway.testing.LoopbackDatagrams.receive;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native batch send on real loopback sockets: what arrives, byte for byte, and what is counted. */
@Timeout(30)
class UdpBatchSenderTest {
    private EventLoopGroup group;
    private final List<ByteBuf> packets = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(UdpSyscalls.available() && Epoll.isAvailable(), () -> "native UDP path: " + UdpSyscalls.unavailableReason());
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() throws Exception {
        packets.forEach(ByteBuf::release);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void gsoSendsEveryDatagramWholeAndInOrder() throws Exception {
        sendsEveryDatagramWholeAndInOrder(true);
    }

    @Test
    void sendmmsgSendsEveryDatagramWholeAndInOrder() throws Exception {
        sendsEveryDatagramWholeAndInOrder(false);
    }

    private void sendsEveryDatagramWholeAndInOrder(boolean gso) throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpBatchSender sender = new UdpBatchSender(connectedFd(receiver, counters), gso, counters);
        DatagramTable table = new DatagramTable();
        int[] lengths = {1328, 1328, 1328, 1328, 1328, 900, 1328, 1328, 200};
        for (int i = 0; i < lengths.length; i++) {
            ByteBuf packet = packet(i, lengths[i]);
            table.add(packet.memoryAddress() + packet.readerIndex(), packet.readableBytes(), 12);
        }
        sender.send(table, DatagramTable.WHOLE, 1);
        List<byte[]> got = receive(receiver, lengths.length);
        assertThat(got).hasSize(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            assertThat(got.get(i)).as("datagram " + i).isEqualTo(bytes(packets.get(i)));
        }
        assertThat(counters.packets).isEqualTo(lengths.length);
        assertThat(counters.bytes).isEqualTo(java.util.Arrays.stream(lengths).sum());
        assertThat(counters.dropped + counters.sendErrors).isZero();
        assertThat(sender.gso()).isEqualTo(gso);
    }

    @Test
    void thePayloadViewLeavesTheRtpHeaderOut() throws Exception {
        DatagramChannel receiver = receiver();
        OutputCounters counters = new OutputCounters();
        UdpBatchSender sender = new UdpBatchSender(connectedFd(receiver, counters), true, counters);
        DatagramTable table = new DatagramTable();
        for (int i = 0; i < 3; i++) {
            ByteBuf packet = packet(i, 1328);
            table.add(packet.memoryAddress() + packet.readerIndex(), packet.readableBytes(), 12);
        }
        sender.send(table, DatagramTable.PAYLOAD, 1);
        List<byte[]> got = receive(receiver, 3);
        for (int i = 0; i < 3; i++) {
            byte[] whole = bytes(packets.get(i));
            assertThat(got.get(i)).isEqualTo(java.util.Arrays.copyOfRange(whole, 12, whole.length));
        }
        assertThat(counters.bytes).isEqualTo(3 * 1316);
    }

    @Test
    void aClosedPortIsCountedAsSendErrorsAndTheSocketKeepsWorking() throws Exception {
        DatagramChannel gone = receiver();
        OutputCounters counters = new OutputCounters();
        int fd = connectedFd(gone, counters);
        gone.close();                                        // ICMP port unreachable from now on
        UdpBatchSender sender = new UdpBatchSender(fd, true, counters);
        DatagramTable table = new DatagramTable();
        ByteBuf packet = packet(0, 1328);
        table.add(packet.memoryAddress() + packet.readerIndex(), packet.readableBytes(), 12);
        table.add(packet.memoryAddress() + packet.readerIndex(), packet.readableBytes(), 12);
        for (int i = 0; i < 20; i++) {
            sender.send(table, DatagramTable.WHOLE, 1);
            Thread.sleep(2);
        }
        assertThat(counters.sendErrors).as("ECONNREFUSED reported on the connected socket").isPositive();
        assertThat(counters.packets).as("the socket keeps sending").isPositive();
        assertThat(counters.dropped).isZero();
    }

    private DatagramChannel receiver() throws Exception {
        DatagramChannel receiver = DatagramChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeables.add(receiver);
        return receiver;
    }

    /**
     * A Netty epoll socket connected to {@code receiver}, set up as an rtp output's: no reads, and a socket error
     * Netty meets (it reads the pending error on EPOLLERR) is counted as a send error, as {@code RtpOutput} does.
     */
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

    private ByteBuf packet(int index, int length) {
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(length + 7);
        packet.writeZero(7).readerIndex(7);                 // not at offset 0 of its memory
        for (int i = 0; i < length; i++) {
            packet.writeByte(index * 31 + i);
        }
        packets.add(packet);
        return packet;
    }
}
