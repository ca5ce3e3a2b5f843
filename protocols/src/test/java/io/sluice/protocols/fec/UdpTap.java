package io.sluice.protocols.fec;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Receives datagrams on a loopback port, records them in order and forwards each to another port unchanged. */
final class UdpTap implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final List<byte[]> recorded = new ArrayList<>();
    private final Thread thread;

    UdpTap(int listenPort, int targetPort) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
            socket.setReceiveBufferSize(4 << 20);
        } catch (SocketException e) {
            throw new IllegalStateException("tap cannot bind 127.0.0.1:" + listenPort, e);
        }
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        thread = Thread.ofPlatform().daemon().name("udp-tap-" + listenPort).start(this::run);
    }

    private void run() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                byte[] copy = Arrays.copyOf(buf, packet.getLength());
                synchronized (recorded) {
                    recorded.add(copy);
                }
                socket.send(new DatagramPacket(copy, copy.length, target));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    List<byte[]> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
