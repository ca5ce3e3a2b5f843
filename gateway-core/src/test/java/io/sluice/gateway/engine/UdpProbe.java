package io.sluice.gateway.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK UDP socket on loopback that collects what arrives, for engine tests; plus packet builders and a sender. */
final class UdpProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    UdpProbe(int port) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setReceiveBufferSize(4 << 20);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        reader = Thread.ofPlatform().daemon().name("udp-probe-" + port).start(this::read);
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                received.add(Arrays.copyOf(buf, packet.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Waits until {@code count} datagrams arrived (or 10 s passed) and returns what arrived. */
    List<byte[]> await(int count) throws InterruptedException {
        List<byte[]> packets = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (packets.size() < count && System.nanoTime() - deadline < 0) {
            byte[] next = received.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                packets.add(next);
            }
        }
        return packets;
    }

    /** Everything that arrives within {@code millis}. */
    List<byte[]> drain(long millis) throws InterruptedException {
        Thread.sleep(millis);
        List<byte[]> packets = new ArrayList<>();
        received.drainTo(packets);
        return packets;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2000);
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
