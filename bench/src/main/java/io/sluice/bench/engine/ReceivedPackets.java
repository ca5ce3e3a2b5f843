package io.sluice.bench.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.flow.FanOut;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.source.rtp.RtpSourceHandler;
import io.sluice.protocols.rtp.RtpOriginator;
import io.sluice.protocols.rtp.RtpSequenceTracker;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;

import java.net.InetSocketAddress;

/**
 * The input of the engine benchmarks: an rtp source's handler (allow-list, RTP check, sequence tracking, counters)
 * in an {@code EmbeddedChannel} feeding a {@link FanOut}, and {@value #BATCH} received RTP datagrams of seven TS
 * packets each (pooled direct buffers, as the epoll transport's recvmmsg delivers them) that are fed to it again
 * and again as read batches. Each datagram gets the next sequence number and a timestamp one millisecond (90 ticks)
 * later, so the stream is 1000 packets per second of media time. Netty's own {@code DatagramPacket} per received
 * datagram is made once here, outside the measurement (STYLE.md §4).
 */
final class ReceivedPackets {
    static final int BATCH = 16;
    /** Media time per packet, in ns: what a clock driven with the stream advances by per packet. */
    static final long PACKET_INTERVAL_NS = 1_000_000L;
    private static final int PAYLOAD_BYTES = 7 * 188;

    private final EmbeddedChannel source;
    private final DatagramPacket[] datagrams = new DatagramPacket[BATCH];
    private int sequence;

    ReceivedPackets(FanOut fanOut, NanoClock clock) {
        source = new EmbeddedChannel(new RtpSourceHandler(new SenderFilter(AllowList.parse("127.0.0.0/8")),
                new SourceCounters(), new RtpSequenceTracker(), new RtpOriginator(), clock, fanOut));
        InetSocketAddress sender = new InetSocketAddress("127.0.0.2", 40000);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5000);
        for (int i = 0; i < BATCH; i++) {
            ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + PAYLOAD_BYTES);
            RtpView.writeHeader(content, false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x1234_5678L);
            for (int ts = 0; ts < 7; ts++) {
                content.writeByte(0x47);
                content.writeZero(187);
            }
            datagrams[i] = new DatagramPacket(content, local, sender);
        }
    }

    /** One read batch through the source handler, ending as recvmmsg's does (one read-complete). */
    void readBatch() {
        for (int i = 0; i < BATCH; i++) {
            DatagramPacket datagram = datagrams[i];
            ByteBuf content = datagram.content();
            content.setShort(content.readerIndex() + 2, sequence);
            content.setInt(content.readerIndex() + 4, sequence * 90);
            sequence = (sequence + 1) & 0xFFFF;
            datagram.retain();                        // the pipeline releases one reference; we keep the template
            source.pipeline().fireChannelRead(datagram);
        }
        source.pipeline().fireChannelReadComplete();
    }

    /** Releases the templates and the source channel. */
    void release() {
        for (DatagramPacket datagram : datagrams) {
            datagram.release();
        }
        source.finishAndReleaseAll();
    }
}
