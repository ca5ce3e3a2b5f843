package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Records every datagram that arrives on a loopback port, whole and in arrival order, and optionally forwards each
 * one unchanged to other loopback ports from the same socket: the receiving end of a flow's output, a tap in front of
 * a flow's source, or a splitter that feeds two paths (SMPTE 2022-7). A daemon thread reads until {@link #close()};
 * {@link #packets()} returns a copy at any time, also after close.
 *
 * <pre>
 * sender --> 127.0.0.1:port (records) --> 127.0.0.1:forwardPorts[0], [1], ...
 * </pre>
 */
public final class UdpRecorder implements AutoCloseable {
    private static final long POLL_NS = 20_000_000;

    private final DatagramSocket socket;
    private final List<InetSocketAddress> forwards = new ArrayList<>();
    private final List<byte[]> packets = new ArrayList<>();
    private final Thread reader;
    private volatile long lastArrivalNs;
    private volatile int count;

    /** Binds 127.0.0.1:{@code port} (4 MiB receive buffer) and starts recording; each datagram also goes to {@code forwardPorts}. */
    public UdpRecorder(int port, int... forwardPorts) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setReceiveBufferSize(4 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException("recorder cannot bind 127.0.0.1:" + port, e);
        }
        for (int forward : forwardPorts) {
            forwards.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), forward));
        }
        reader = Thread.ofPlatform().daemon().name("udp-recorder-" + port).start(this::read);
    }

    private void read() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                byte[] copy = Arrays.copyOf(buf, packet.getLength());
                lastArrivalNs = System.nanoTime();         // before count: awaitQuiet reads count first
                synchronized (packets) {
                    packets.add(copy);
                    count = packets.size();
                }
                for (InetSocketAddress forward : forwards) {
                    socket.send(new DatagramPacket(copy, copy.length, forward));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The port it records on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Every datagram so far, in arrival order (copies: the caller may keep them). */
    public List<byte[]> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** How many datagrams arrived so far. */
    public int count() {
        return count;
    }

    /** Waits up to {@code limit} until {@code expected} datagrams arrived; returns how many did. */
    public int awaitCount(int expected, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count < expected && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NS);
        }
        return count;
    }

    /**
     * Waits until a stream has come and gone: at least one datagram arrived and none for {@code quiet}, or
     * {@code limit} passed. Returns true in the first case.
     */
    public boolean awaitQuiet(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (count > 0 && System.nanoTime() - lastArrivalNs >= quiet.toNanos()) {
                return true;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        return false;
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
