package io.sluice.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/** Test traffic: paced RTP/MPEG-TS datagrams into a flow, and receivers that record the sequence numbers that left it. */
final class RtpTraffic {
    private RtpTraffic() {}

    /** Sends RTP packets with sequence numbers {@code first..first+count-1} to 127.0.0.1:{@code port}, one per {@code gapUs}. */
    static void send(int port, int first, int count, long gapUs) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] packet = new byte[12 + 7 * 188];
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int sequence = (first + i) & 0xFFFF;
                packet[0] = (byte) 0x80;
                packet[1] = 33;                                   // MP2T (RFC 3551)
                packet[2] = (byte) (sequence >>> 8);
                packet[3] = (byte) sequence;
                int timestamp = (first + i) * 90;
                packet[4] = (byte) (timestamp >>> 24);
                packet[5] = (byte) (timestamp >>> 16);
                packet[6] = (byte) (timestamp >>> 8);
                packet[7] = (byte) timestamp;
                packet[11] = 0x42;                                 // SSRC
                for (int ts = 0; ts < 7; ts++) {
                    int at = 12 + ts * 188;
                    packet[at] = 0x47;
                    packet[at + 1] = 0x1F;                         // null packets (PID 0x1FFF)
                    packet[at + 2] = (byte) 0xFF;
                    packet[at + 3] = (byte) (0x10 | (i & 0x0F));
                }
                socket.send(new DatagramPacket(packet, packet.length, to));
                next += gapUs * 1000;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives on 127.0.0.1:port and records RTP sequence numbers until closed. */
    static final class Receiver implements AutoCloseable {
        final Set<Integer> sequences = ConcurrentHashMap.newKeySet();
        private final DatagramSocket socket;
        private final Thread thread;
        private volatile boolean open = true;

        Receiver(int port) {
            try {
                socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                socket.setReceiveBufferSize(4 << 20);
                socket.setSoTimeout(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = Thread.ofPlatform().daemon().name("rtp-receiver-" + port).start(this::receive);
        }

        private void receive() {
            byte[] buffer = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (open) {
                try {
                    socket.receive(packet);
                    if (packet.getLength() >= 12) {
                        sequences.add(((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF));
                    }
                } catch (SocketTimeoutException e) {
                    // check open again
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Waits up to {@code limitMs} until {@code count} distinct packets arrived; returns how many did. */
        int awaitCount(int count, long limitMs) {
            long deadline = System.nanoTime() + limitMs * 1_000_000;
            while (sequences.size() < count && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(20_000_000);
            }
            return sequences.size();
        }

        @Override
        public void close() {
            open = false;
            socket.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
