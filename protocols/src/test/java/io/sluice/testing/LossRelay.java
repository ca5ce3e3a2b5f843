package io.sluice.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A UDP relay on 127.0.0.1 that drops a chosen pattern of datagrams: listens on {@code listenPort}, forwards each
 * datagram to {@code targetPort} from its own socket, and relays replies back to the last client (so RTCP/NACK
 * traffic flows both ways). {@code dropForward} is asked with the 0-based index of each forwarded datagram larger
 * than {@code minDropSize} bytes; smaller ones (RTCP, keep-alives) always pass. Loss is decided by the predicate,
 * never by timing, so a seeded pattern gives the same losses every run.
 */
public final class LossRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress target;
    private final LongPredicate dropForward;
    private final int minDropSize;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile SocketAddress client;
    private final Thread forward;
    private final Thread reverse;

    public LossRelay(int listenPort, int targetPort, LongPredicate dropForward) {
        this(listenPort, targetPort, dropForward, 200);
    }

    public LossRelay(int listenPort, int targetPort, LongPredicate dropForward, int minDropSize) {
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            this.front = new DatagramSocket(new InetSocketAddress(loopback, listenPort));
            this.back = new DatagramSocket(new InetSocketAddress(loopback, 0));
            this.front.setReceiveBufferSize(4 << 20);
            this.back.setReceiveBufferSize(4 << 20);
        } catch (SocketException e) {
            throw new IllegalStateException("relay cannot bind 127.0.0.1:" + listenPort, e);
        }
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.dropForward = dropForward;
        this.minDropSize = minDropSize;
        this.forward = Thread.ofPlatform().daemon().name("loss-relay-fwd-" + listenPort).start(this::forwardLoop);
        this.reverse = Thread.ofPlatform().daemon().name("loss-relay-rev-" + listenPort).start(this::reverseLoop);
    }

    private void forwardLoop() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        long index = 0;
        while (!front.isClosed()) {
            try {
                packet.setLength(buf.length);
                front.receive(packet);
                client = packet.getSocketAddress();
                if (packet.getLength() > minDropSize && dropForward.test(index++)) {
                    dropped.incrementAndGet();
                    continue;
                }
                back.send(new DatagramPacket(buf, packet.getLength(), target));
                forwarded.incrementAndGet();
            } catch (IOException e) {
                if (front.isClosed()) {
                    return;
                }
            }
        }
    }

    private void reverseLoop() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!back.isClosed()) {
            try {
                packet.setLength(buf.length);
                back.receive(packet);
                SocketAddress to = client;
                if (to != null) {
                    front.send(new DatagramPacket(buf, packet.getLength(), to));
                }
            } catch (IOException e) {
                if (back.isClosed()) {
                    return;
                }
            }
        }
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        front.close();
        back.close();
        try {
            forward.join(2000);
            reverse.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
