package io.sluice.gateway.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK receiver joined to a multicast group (bound to the group's port, as any multicast receiver is), collecting
 * what arrives; plus a sender to a group from a chosen local address. Created on a thread inside the test's
 * network namespace, so its socket lives there.
 */
final class MulticastProbe implements AutoCloseable {
    private final DatagramChannel channel;
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    MulticastProbe(String group, int port, String interfaceName) {
        try {
            InetAddress address = InetAddress.getByName(group);
            channel = DatagramChannel.open(address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(address, port));
            channel.join(address, NetworkInterface.getByName(interfaceName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = Thread.ofPlatform().daemon().name("multicast-probe-" + group).start(this::read);
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                received.add(datagram);
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
    public void close() throws Exception {
        channel.close();
        reader.join(2000);
    }

    /**
     * Sends RTP packets {@code first..first+count-1} (SSRC {@code ssrc}) to {@code group}:{@code port} from
     * {@code fromAddress}, leaving through {@code interfaceName}, 1 ms apart.
     */
    static void send(String fromAddress, String interfaceName, String group, int port, int first, int count, long ssrc)
            throws Exception {
        send(fromAddress, interfaceName, group, port, first, count, ssrc, 1);
    }

    /** As above, in bursts of {@code burst} back-to-back packets 1 ms apart (a burst reaches the gateway as one batch). */
    static void send(String fromAddress, String interfaceName, String group, int port, int first, int count, long ssrc,
                     int burst) throws Exception {
        InetAddress to = InetAddress.getByName(group);
        try (DatagramChannel sender = DatagramChannel.open(to instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET)) {
            sender.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(interfaceName));
            sender.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            InetSocketAddress target = new InetSocketAddress(to, port);
            for (int sequence = first; sequence < first + count; sequence++) {
                sender.send(ByteBuffer.wrap(UdpProbe.rtp(sequence, sequence * 180L, ssrc)), target);
                if ((sequence - first + 1) % burst == 0) {
                    Thread.sleep(1);
                }
            }
        }
    }
}
