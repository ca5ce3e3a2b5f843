package io.sluice.gateway.source.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.rist.RtcpWriter;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;
import io.sluice.protocols.rist.RistReceiverSettings;
import io.sluice.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flow-level counters of a rist source follow MediaConnect: a gap is lost (DroppedPackets) and, once its
 * retransmission came, recovered (RecoveredPackets), and NotRecoveredPackets = lost - recovered never counts a gap
 * whose retransmission is still on its way. On loopback, with the test playing the RIST sender.
 */
class RistSourceCountersTest {
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aNackedGapIsNeitherLostNorNotRecoveredUntilItIsSettledThenLostAndRecovered() throws Exception {
        int port = FreePorts.udpBlock();
        EventLoop loop = group.next();
        RistSource source = new RistSource("in", RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", port), 1000),
                NanoClock.SYSTEM);
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        source.open(loop, new PacketSink() {
            @Override
            public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
                delivered.add(new RtpView().wrap(rtpPacket).sequenceNumber());
                rtpPacket.release();
            }

            @Override
            public void onBatchComplete() {}
        }).sync();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket data = new DatagramSocket(); DatagramSocket rtcp = new DatagramSocket()) {
            rtcp.setSoTimeout(3000);
            byte[] hello = bytes(out -> {
                RtcpWriter.emptyReceiverReport(out, 0x1000);
                RtcpWriter.sdes(out, 0x1000, "test".getBytes(StandardCharsets.US_ASCII));
            });
            rtcp.send(new DatagramPacket(hello, hello.length, loopback, port + 1));
            send(data, port, 10, false);
            send(data, port, 12, false);
            awaitNack(rtcp);
            SourceCounters.Snapshot inFlight = snapshot(loop, source);
            assertThat(inFlight.lost()).as("the gap is NACKed, its retransmission may still come").isZero();
            assertThat(inFlight.recovered()).isZero();
            LinkStats link = loop.submit(source::linkStats).get();
            assertThat(link.connected()).isTrue();
            assertThat(link.peer()).isEqualTo("127.0.0.1:" + rtcp.getLocalPort());
            assertThat(link.arqRequests()).isEqualTo(1);
            send(data, port, 11, true);
            Thread.sleep(100);
            SourceCounters.Snapshot settled = snapshot(loop, source);
            assertThat(settled.lost()).isEqualTo(1);
            assertThat(settled.recovered()).isEqualTo(1);
            assertThat(loop.submit(source::linkStats).get().arqRecovered()).isEqualTo(1);
            Thread.sleep(1100);
            assertThat(delivered).containsExactly(10, 11, 12);
        } finally {
            source.close().sync();
        }
    }

    private static SourceCounters.Snapshot snapshot(EventLoop loop, RistSource source) throws Exception {
        return loop.submit(() -> source.counters().snapshot(System.nanoTime())).get();
    }

    private static void send(DatagramSocket socket, int port, int seq, boolean retransmission) throws Exception {
        byte[] bytes = bytes(out -> {
            RtpView.writeHeader(out, false, 33, seq, seq * 90L, retransmission ? 0x1001 : 0x1000);
            out.writeZero(188);
        });
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    private static void awaitNack(DatagramSocket rtcp) throws Exception {
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            rtcp.receive(packet); // the receiver's reports come every 100 ms; a NACK comes 25 ms after the gap
            for (int at = 0; at + 12 <= packet.getLength(); at += 4 * (((buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF)) + 1)) {
                if ((buf[at + 1] & 0xFF) == RtcpWriter.PT_APP && (buf[at] & 0x1F) == RtcpWriter.APP_RANGE_NACK) {
                    return;
                }
            }
        }
    }

    private static byte[] bytes(java.util.function.Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer();
        writer.accept(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }
}
