package io.sluice.gateway.srt;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between an SRT caller and a listener on loopback that loses every n-th original SRT data packet
 * going to the listener, so SRT's ARQ has real work: the listener NAKs the gap and the caller retransmits.
 * Control packets (first bit set) and retransmissions (R flag, bit 2 of byte 4) always pass.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final int dropEvery;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread forward;
    private final Thread backward;
    private volatile SocketAddress caller;
    private long originals;

    /** Relays 127.0.0.1:{@link #port()} to {@code listener}, dropping every {@code dropEvery}-th original. */
    LossyRelay(InetSocketAddress listener, int dropEvery) throws IOException {
        this.dropEvery = dropEvery;
        this.front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        back.connect(listener);
        forward = Thread.ofPlatform().name("relay-forward").daemon(true).start(this::forward);
        backward = Thread.ofPlatform().name("relay-backward").daemon(true).start(this::backward);
    }

    int port() {
        return front.getLocalPort();
    }

    /** The address the listener sees the caller at. */
    int backPort() {
        return back.getLocalPort();
    }

    long dropped() {
        return dropped.get();
    }

    private void forward() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                datagram.setLength(buffer.length);
                front.receive(datagram);
                caller = datagram.getSocketAddress();
                if (isOriginalData(buffer, datagram.getLength()) && ++originals % dropEvery == 0) {
                    dropped.incrementAndGet();
                    continue;
                }
                back.send(new DatagramPacket(buffer, datagram.getLength()));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void backward() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                datagram.setLength(buffer.length);
                back.receive(datagram);
                SocketAddress to = caller;
                if (to != null) {
                    front.send(new DatagramPacket(buffer, datagram.getLength(), to));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static boolean isOriginalData(byte[] packet, int length) {
        return length > 16 && (packet[0] & 0x80) == 0 && (packet[4] & 0x04) == 0;
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        forward.join(2000);
        backward.join(2000);
    }
}
