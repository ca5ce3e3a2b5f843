package io.sluice.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports for tests. RIST takes P and P+1, RTP-FEC P, P+2 and P+4; {@link #udpBlock()} returns an
 * even P with P..P+5 free for UDP and TCP, so any protocol fits. Ports are drawn at random from 20000-59999 so that
 * tests running at once rarely collide, and every candidate is probed by binding it.
 */
public final class FreePorts {
    private FreePorts() {}

    /** An even port P such that P..P+5 are all free (UDP and TCP) on 127.0.0.1 right now. */
    public static int udpBlock() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(20000);
            if (allFree(base, 6)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of 6 ports found on 127.0.0.1");
    }

    /** One free port (UDP and TCP); use {@link #udpBlock()} when the protocol needs neighbours. */
    public static int one() {
        return udpBlock();
    }

    /**
     * Waits up to 15 s until a peer process (GStreamer's udpsrc, say) holds each of {@code ports} on 127.0.0.1, which
     * a test sees as its own bind failing, then 300 ms more for the peer to start reading.
     */
    public static void awaitTakenByPeer(int... ports) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int port : ports) {
            while (System.nanoTime() - deadline < 0) {
                try (DatagramSocket probe = new DatagramSocket(null)) {
                    probe.setReuseAddress(false);
                    probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                } catch (SocketException taken) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        Thread.sleep(300);
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (DatagramSocket udp = new DatagramSocket(null); ServerSocket tcp = new ServerSocket()) {
            udp.setReuseAddress(false);
            udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
