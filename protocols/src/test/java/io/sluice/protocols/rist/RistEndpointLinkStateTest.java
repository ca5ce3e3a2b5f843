package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.testing.EventLoops;
import io.sluice.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a receiver and a sender say about their link when it is wrong, on loopback sockets with a stepped clock. */
class RistEndpointLinkStateTest {
    private static final long S = 1_000_000_000L;
    @RegisterExtension
    static final EventLoops loops = new EventLoops(1);

    private static byte[] rtp(int seq) {
        ByteBuf buf = Unpooled.buffer();
        RtpView.writeHeader(buf, false, 33, seq, seq * 90L, 0x1000);
        buf.writeZero(188);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    private static byte[] clearGre(byte[] rtp) {
        ByteBuf buf = Unpooled.buffer();
        Gre.writeClear(buf, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT);
        buf.writeBytes(rtp);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    private static RistLinkState sendAndRead(RistProfile only, byte[] datagram) throws Exception {
        int port = FreePorts.udpBlock();
        EventLoop loop = loops.next();
        RistReceiver receiver = new RistReceiver(RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", port), 200)
                .withProfile(only), System::nanoTime, new RistPacketSink() {
                    @Override
                    public void onPacket(ByteBuf rtpPacket, long releaseNs) {
                        rtpPacket.release();
                        throw new AssertionError("a refused packet was delivered");
                    }

                    @Override
                    public void onBatchComplete() {}
                });
        receiver.open(loop).sync();
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 5; i++) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
            long deadline = System.nanoTime() + 5 * S;
            RistCounters counters;
            do {
                Thread.sleep(20);
                counters = loop.submit(receiver.counters()::copy).get();
            } while (counters.unsupported() < 5 && System.nanoTime() - deadline < 0);
            assertThat(counters.unsupported()).isEqualTo(5);
            assertThat(counters.packetsReceived()).isZero();
            return loop.submit(receiver::linkState).get();
        } finally {
            receiver.close();
        }
    }

    @Test
    void aMainProfileListenerSaysSoWhenItGetsPlainRtp() throws Exception {
        RistLinkState link = sendAndRead(RistProfile.MAIN, rtp(1));
        assertThat(link.connected()).isFalse();
        assertThat(link.problem()).matches("packets from 127\\.0\\.0\\.1:\\d+ are plain RTP \\(RIST simple profile\\), "
                + "but this listener is main profile");
    }

    @Test
    void aSimpleProfileListenerSaysSoWhenItGetsGre() throws Exception {
        RistLinkState link = sendAndRead(RistProfile.SIMPLE, clearGre(rtp(1)));
        assertThat(link.problem()).matches("packets from 127\\.0\\.0\\.1:\\d+ are GRE \\(RIST main profile\\), "
                + "but this listener is simple profile");
    }

    @Test
    void aSenderWhoseReceiverNeverAnswersSaysSoAfterTheSessionTimeout() throws Exception {
        int port = FreePorts.udpBlock();
        AtomicLong now = new AtomicLong(1000 * S);
        EventLoop loop = loops.next();
        RistSender sender = new RistSender(RistSenderSettings.of(new InetSocketAddress("127.0.0.1", port),
                RistProfile.SIMPLE, 1000), now::get);
        // something is bound on P and P+1 (no ICMP), but it is not a RIST receiver: nothing comes back
        try (DatagramSocket data = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1))) {
            sender.open(loop).sync();
            loop.submit(() -> sender.send(packet(1))).get();
            assertThat(loop.submit(sender::linkState).get().problem()).as("not before the session timeout").isNull();
            now.addAndGet(3 * S);
            RistLinkState link = loop.submit(sender::linkState).get();
            assertThat(link.connected()).isFalse();
            assertThat(link.problem()).isEqualTo("no RTCP from the RIST receiver at 127.0.0.1:" + port
                    + " for 3 s: is it listening, with the simple profile?");
        } finally {
            sender.close();
        }
    }

    @Test
    void aSenderToAPortNobodyListensOnReportsTheIcmpRefusal() throws Exception {
        int port = FreePorts.udpBlock();
        AtomicLong now = new AtomicLong(1000 * S);
        EventLoop loop = loops.next();
        RistSender sender = new RistSender(RistSenderSettings.of(new InetSocketAddress("127.0.0.1", port),
                RistProfile.MAIN, 1000), now::get);
        try {
            sender.open(loop).sync();
            loop.submit(() -> sender.send(packet(1))).get();
            now.addAndGet(3 * S);
            String problem = null;
            long deadline = System.nanoTime() + 5 * S;
            for (int seq = 2; problem == null || !problem.contains("ICMP"); seq++) {
                int next = seq;
                loop.submit(() -> {
                    sender.send(packet(next));
                    sender.flush();
                }).get();
                Thread.sleep(30);
                problem = loop.submit(sender::linkState).get().problem();
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
            }
            assertThat(problem).isEqualTo("127.0.0.1:" + port
                    + " refuses RIST packets (ICMP port unreachable): is a RIST receiver listening there?");
        } finally {
            sender.close();
        }
    }

    private static ByteBuf packet(int seq) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        RtpView.writeHeader(buf, false, 33, seq, seq * 90L, 0x2000);
        buf.writeZero(188);
        return buf;
    }
}
