package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test receiver: one thread owns a {@link FecDecoder} fed from media port P and FEC ports P+2 and P+4, and polls
 * it every few milliseconds; like a flow's event loop, without the engine. Output goes to a {@link
 * FecTestStream.Collector}; read it after {@link #close()}.
 */
final class FecReceiverLoop implements AutoCloseable {
    final FecTestStream.Collector out = new FecTestStream.Collector();
    private final FecDecoder decoder;
    private final Selector selector;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private volatile boolean running = true;
    private volatile long lastPacketNs = System.nanoTime();

    FecReceiverLoop(int port, long holdNs) throws IOException {
        decoder = new FecDecoder(FecTestStream.ALLOCATOR, out, holdNs, FecDecoder.DEFAULT_MAX_MATRIX_PACKETS);
        selector = Selector.open();
        for (int p : new int[] {port, port + 2, port + 4}) {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, p == port);
        }
        thread.submit((Callable<Void>) this::run);
    }

    private Void run() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (running) {
            selector.select(5);
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                boolean media = (Boolean) key.attachment();
                buffer.clear();
                while (channel.receive(buffer) != null) {
                    buffer.flip();
                    ByteBuf packet = FecTestStream.ALLOCATOR.directBuffer(buffer.remaining());
                    packet.writeBytes(buffer);
                    long now = System.nanoTime();
                    lastPacketNs = now;
                    if (media) {
                        decoder.onMedia(packet, now);
                    } else {
                        decoder.onFec(packet, now);
                    }
                    buffer.clear();
                }
            }
            selector.selectedKeys().clear();
            decoder.poll(System.nanoTime());
        }
        return null;
    }

    /** Waits until no datagram arrived for {@code quietMs} (bounded by {@code limitMs}). */
    void awaitQuiet(long quietMs, long limitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        while (System.nanoTime() - deadline < 0
                && System.nanoTime() - lastPacketNs < TimeUnit.MILLISECONDS.toNanos(quietMs)) {
            Thread.sleep(50);
        }
    }

    /** Stops the thread, gives up whatever is still missing, releases everything; returns the counters. */
    FecDecoderCounters.Snapshot finish() throws Exception {
        running = false;
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        decoder.poll(System.nanoTime() + 60_000_000_000L);
        FecDecoderCounters.Snapshot snapshot = decoder.counters().snapshot();
        close();
        return snapshot;
    }

    @Override
    public void close() {
        if (!selector.isOpen()) {
            return;
        }
        running = false;
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        decoder.close();
    }
}
