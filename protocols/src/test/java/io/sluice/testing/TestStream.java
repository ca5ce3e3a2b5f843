package io.sluice.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.rtp.RtpView;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongPredicate;

/**
 * Deterministic 1316-byte payloads for interop tests: payload i starts with i and is filled from a seed of i; paced
 * sending, comparison, seeded loss patterns and collection around them. Shared by the RIST ITs here and the gateway's
 * whole-flow ITs (through the test-jar).
 */
public final class TestStream {
    public static final int PAYLOAD_BYTES = 1316;

    private TestStream() {}

    public static byte[] payload(int index) {
        byte[] p = new byte[PAYLOAD_BYTES];
        long x = 0x9E3779B97F4A7C15L * (index + 1);
        for (int i = 0; i < p.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            p[i] = (byte) x;
        }
        p[0] = 0x47;
        p[1] = (byte) (index >>> 16);
        p[2] = (byte) (index >>> 8);
        p[3] = (byte) index;
        return p;
    }

    /**
     * Seven 188-byte MPEG-TS packets: PID 0x100 with continuity counters and seeded bytes, except the slots where
     * {@code (index + slot) % 3 == 0}, which are null packets in the form a RIST receiver restores after null packet
     * deletion (PID 0x1FFF, payload only, CC 0, 0xFF bytes), so a restored stream can be compared byte for byte.
     */
    public static byte[] tsPayloadWithNulls(int index) {
        byte[] p = payload(index);
        for (int slot = 0; slot < 7; slot++) {
            int at = slot * 188;
            p[at] = 0x47;
            if ((index + slot) % 3 == 0) {
                p[at + 1] = 0x1F;
                p[at + 2] = (byte) 0xFF;
                p[at + 3] = 0x10;
                Arrays.fill(p, at + 4, at + 188, (byte) 0xFF);
            } else {
                p[at + 1] = 0x01;
                p[at + 2] = 0x00;
                p[at + 3] = (byte) (0x10 | ((index * 7 + slot) & 0x0F));
                p[at + 4] = (byte) (index >>> 16);
                p[at + 5] = (byte) (index >>> 8);
                p[at + 6] = (byte) index;
            }
        }
        return p;
    }

    public static int indexOf(byte[] payload) {
        return ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
    }

    /** Sends {@code count} payloads to {@code port} as plain UDP, one every {@code intervalUs} microseconds. */
    public static void sendUdp(int port, int count, long intervalUs) throws IOException, InterruptedException {
        sendUdp(port, count, intervalUs, TestStream::payload);
    }

    /** Sends {@code count} payloads made by {@code payloads} to {@code port}, one every {@code intervalUs}. */
    public static void sendUdp(int port, int count, long intervalUs, IntFunction<byte[]> payloads)
            throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sleepUntilDue(start, i, intervalUs);
                byte[] p = payloads.apply(i);
                socket.send(new DatagramPacket(p, p.length, to));
            }
        }
    }

    /** Paces a sender: sleeps until datagram {@code index} is due, {@code index * intervalUs} after {@code startNs}. */
    public static void sleepUntilDue(long startNs, int index, long intervalUs) throws InterruptedException {
        long wait = startNs + index * intervalUs * 1000 - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Checks {@code received} is exactly payloads 0..count-1 in order; returns a description of the first problem. */
    public static String compare(List<byte[]> received, int count) {
        return compare(received, count, TestStream::payload);
    }

    /** Like {@link #compare(List, int)} against the payloads {@code expected} makes. */
    public static String compare(List<byte[]> received, int count, IntFunction<byte[]> expected) {
        if (received.size() != count) {
            List<Integer> indexes = new ArrayList<>();
            for (byte[] r : received) {
                indexes.add(indexOf(r));
            }
            return "received " + received.size() + " of " + count + " payloads; first indexes "
                    + indexes.subList(0, Math.min(20, indexes.size())) + missing(indexes, count);
        }
        for (int i = 0; i < count; i++) {
            if (!Arrays.equals(received.get(i), expected.apply(i))) {
                return "payload " + i + " differs (index in it: " + indexOf(received.get(i)) + ")";
            }
        }
        return null;
    }

    private static String missing(List<Integer> indexes, int count) {
        boolean[] seen = new boolean[count];
        for (int i : indexes) {
            if (i < count) {
                seen[i] = true;
            }
        }
        List<Integer> absent = new ArrayList<>();
        for (int i = 0; i < count && absent.size() < 30; i++) {
            if (!seen[i]) {
                absent.add(i);
            }
        }
        return "; missing " + absent;
    }

    /** A random loss of {@code fraction} of the datagrams, the same every run for a {@code seed}. */
    public static LongPredicate randomLoss(double fraction, long seed) {
        return index -> {
            long x = (index + 1) * 0xD1B54A32D192ED03L ^ seed;
            x ^= x >>> 31;
            x *= 0x9E3779B97F4A7C15L;
            x ^= x >>> 29;
            return (x >>> 11) * 0x1.0p-53 < fraction;
        };
    }

    /**
     * {@link #randomLoss} limited to the indexes {@code first..last}: nothing lost while a link comes up, nor so near
     * the end that the sender has stopped before the loss could be asked for again.
     */
    public static LongPredicate randomLossBetween(long first, long last, double fraction, long seed) {
        LongPredicate random = randomLoss(fraction, seed);
        return index -> index >= first && index <= last && random.test(index);
    }

    /** Bursts of {@code length} datagrams dropped every {@code period}. */
    public static LongPredicate burstLoss(int period, int length) {
        return index -> index > 50 && index % period < length;
    }

    /** RTP packet {@code index} of the test stream: sequence numbers start 536 below the 16-bit wrap, even SSRC. */
    public static ByteBuf rtpPacket(int index) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(12 + PAYLOAD_BYTES);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, (index + 65000) & 0xFFFF, index * 225L, 0x12345678L);
        buf.writeBytes(payload(index));
        return buf;
    }

    /** Receives on {@code socket} (with a timeout set) into {@code into} until the socket is closed. */
    public static void collect(DatagramSocket socket, List<byte[]> into) {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                into.add(Arrays.copyOf(buf, packet.getLength()));
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Waits until {@code count} packets arrived or {@code limit} passed, then 200 ms more so extras show up too. */
    public static void awaitCount(List<byte[]> received, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }

    /** The last 4000 characters of a peer's log, for assertion messages. */
    public static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
