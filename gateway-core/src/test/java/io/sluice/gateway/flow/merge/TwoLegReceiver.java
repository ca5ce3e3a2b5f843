package io.sluice.gateway.flow.merge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test receiver for a two-source stage: one thread owns the stage (as a flow's loop would), reads UDP ports for
 * leg 0 and leg 1 and hands each datagram to {@link Stage#onPacket}, and calls {@link Stage#poll} every 2 ms.
 */
public final class TwoLegReceiver implements AutoCloseable {
    /** The stage under test, driven from the receiver thread only. */
    public interface Stage {
        void onPacket(int leg, ByteBuf packet, long nowNs);

        void poll(long nowNs);
    }

    private final Stage stage;
    private final Selector selector;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final java.util.Queue<java.util.concurrent.FutureTask<?>> tasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    public TwoLegReceiver(int port0, int port1, Stage stage) throws IOException {
        this.stage = stage;
        selector = Selector.open();
        int[] ports = {port0, port1};
        for (int leg = 0; leg < 2; leg++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[leg]));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, leg);
        }
        thread.submit(this::run);
    }

    private Void run() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (running) {
            selector.select(2);
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                int leg = (Integer) key.attachment();
                buffer.clear();
                while (channel.receive(buffer) != null) {
                    buffer.flip();
                    ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(buffer.remaining());
                    packet.writeBytes(buffer);
                    stage.onPacket(leg, packet, System.nanoTime());
                    buffer.clear();
                }
            }
            selector.selectedKeys().clear();
            stage.poll(System.nanoTime());
            for (java.util.concurrent.FutureTask<?> task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
        return null;
    }

    /** Runs {@code task} on the receiver thread (where the stage lives) and waits for it. */
    public <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
        tasks.add(future);
        selector.wakeup();
        return future.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!selector.isOpen()) {
            return;
        }
        running = false;
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
