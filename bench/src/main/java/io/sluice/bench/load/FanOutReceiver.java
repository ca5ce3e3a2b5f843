package io.sluice.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the gateway's N outputs on N loopback ports with one thread: one Netty event loop (epoll with
 * recvmmsg batches of up to 32 datagrams, NIO where epoll is missing) owns every socket and the statistics, so the
 * receiver costs one core at most, like the gateway's own loop. Statistics are reset and read on that loop
 * ({@link #reset}, {@link #snapshot}), never shared.
 */
public final class FanOutReceiver implements AutoCloseable {
    private static final int MAX_DATAGRAM_BYTES = 1500;
    private static final int DATAGRAMS_PER_READ = 32;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final ReceiverStats stats;

    /** Binds {@code outputs} UDP sockets on free ports of {@code bindAddress}. */
    public FanOutReceiver(String bindAddress, int outputs) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, io);
        stats = new ReceiverStats(outputs);
        try {
            for (int i = 0; i < outputs; i++) {
                Bootstrap bootstrap = new Bootstrap().group(group)
                        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, 4 << 20)
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES * DATAGRAMS_PER_READ)
                                        .maxMessagesPerRead(16))
                        .handler(new PortHandler(stats, i));
                if (epoll) {
                    bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES);
                }
                channels.add(bootstrap.bind(bindAddress, 0).sync().channel());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding receiver sockets", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The local ports, in output order. */
    public int[] ports() {
        int[] ports = new int[channels.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = ((InetSocketAddress) channels.get(i).localAddress()).getPort();
        }
        return ports;
    }

    /** Forgets everything received so far and from now on counts only packets with a sequence ≥ {@code firstSequence}. */
    public void reset(long firstSequence) {
        onLoop(() -> {
            stats.reset(firstSequence);
            return null;
        });
    }

    /** A consistent copy of the statistics, taken on the receiving thread. */
    public ReceiverStats.Snapshot snapshot() {
        return onLoop(stats::snapshot);
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return group.next().submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("receiver loop did not answer", e);
        }
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Counts the datagrams of one output port into the shared statistics (all on the one loop). */
    private static final class PortHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final ReceiverStats stats;
        private final int port;

        PortHandler(ReceiverStats stats, int port) {
            this.stats = stats;
            this.port = port;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long nowNs = System.nanoTime();
            var content = packet.content();
            int fields = LoadPacket.fieldsOffset(content);
            if (fields < 0) {
                stats.foreign(port);
                return;
            }
            stats.record(port, LoadPacket.sequence(content, fields), nowNs - LoadPacket.sendNs(content, fields));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            stats.error(port);
        }
    }
}
