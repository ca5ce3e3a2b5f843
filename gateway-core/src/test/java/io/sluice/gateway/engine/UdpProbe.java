package io.sluice.gateway.engine;

import io.sluice.testing.UdpRecorder;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback UDP receiver for engine tests that hands out what arrived, in order and each datagram once (a
 * {@link UdpRecorder} read with a cursor); plus packet builders and a sender.
 */
final class UdpProbe implements AutoCloseable {
    private final UdpRecorder recorder;
    private int taken;   // datagrams already handed out

    UdpProbe(int port) {
        recorder = new UdpRecorder(port);
    }

    /** Waits until {@code count} more datagrams arrived (or 10 s passed) and returns those that did, at most {@code count}. */
    List<byte[]> await(int count) {
        recorder.awaitCount(taken + count, Duration.ofSeconds(10));
        return take(taken + count);
    }

    /** Everything not yet handed out that arrives within {@code millis}. */
    List<byte[]> drain(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return take(Integer.MAX_VALUE);
    }

    private List<byte[]> take(int upTo) {
        List<byte[]> all = recorder.packets();
        int end = Math.min(upTo, all.size());
        List<byte[]> out = new ArrayList<>(all.subList(taken, end));
        taken = end;
        return out;
    }

    @Override
    public void close() {
        recorder.close();
    }

    static byte[] rtp(int sequence, long timestamp, long ssrc) {
        ByteBuffer packet = ByteBuffer.allocate(12 + 1316);
        packet.put((byte) 0x80).put((byte) 33).putShort((short) sequence).putInt((int) timestamp).putInt((int) ssrc);
        for (int i = 0; i < 7; i++) {
            packet.put((byte) 0x47).put((byte) i).put((byte) sequence).put((byte) (sequence >>> 8));
            packet.put(new byte[184]);
        }
        return packet.array();
    }

    static byte[] ts(int marker) {
        ByteBuffer packet = ByteBuffer.allocate(1316);
        for (int i = 0; i < 7; i++) {
            packet.put((byte) 0x47).put((byte) i).put((byte) marker).put((byte) 0x10);
            packet.put(new byte[184]);
        }
        return packet.array();
    }

    /** Sends {@code datagrams} from {@code fromAddress} to 127.0.0.1:{@code port}, 1 ms apart. */
    static void send(String fromAddress, int port, List<byte[]> datagrams) throws Exception {
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(fromAddress), 0))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (byte[] datagram : datagrams) {
                sender.send(new DatagramPacket(datagram, datagram.length, to));
                Thread.sleep(1);
            }
        }
    }
}
