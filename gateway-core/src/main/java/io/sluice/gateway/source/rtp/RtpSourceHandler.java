package io.sluice.gateway.source.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.rtp.DatagramFormat;
import io.sluice.protocols.rtp.RtpOriginator;
import io.sluice.protocols.rtp.RtpSequenceTracker;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;

/**
 * The receive path of an RTP/UDP source, one datagram at a time, allocation-free (except the pooled buffer that
 * gives plain TS its RTP header):
 * <ol>
 *   <li>sender outside the allow-list: release, count {@code droppedByAllowList}, stop;</li>
 *   <li>RTP (version 2): checked through an {@link RtpView}; sequence tracked (lost, reordered, duplicates;
 *       duplicates and unconfirmed jumps are dropped); a new SSRC restarts tracking;</li>
 *   <li>plain MPEG-TS (0x47 every 188 bytes): copied behind a fresh RTP header from an {@link RtpOriginator}, so
 *       everything downstream sees RTP;</li>
 *   <li>anything else: release, count {@code malformed}.</li>
 * </ol>
 * Each accepted packet goes to the {@link PacketSink} with its reference; the end of a read batch
 * ({@code channelReadComplete}) becomes {@link PacketSink#onBatchComplete()}.
 */
public final class RtpSourceHandler extends ChannelInboundHandlerAdapter {
    private final SenderFilter senderFilter;
    private final SourceCounters counters;
    private final RtpSequenceTracker tracker;
    private final RtpOriginator originator;
    private final NanoClock clock;
    private final PacketSink sink;
    private final RtpView view = new RtpView();
    private long currentSsrc = -1;

    public RtpSourceHandler(SenderFilter senderFilter, SourceCounters counters, RtpSequenceTracker tracker,
                            RtpOriginator originator, NanoClock clock, PacketSink sink) {
        this.senderFilter = senderFilter;
        this.counters = counters;
        this.tracker = tracker;
        this.originator = originator;
        this.clock = clock;
        this.sink = sink;
    }

    /** Takes ownership of {@code msg} (a {@link DatagramPacket}): forwards its content to the sink or releases it. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ReferenceCountUtil.release(msg);
            counters.malformed++;
            return;
        }
        if (!senderFilter.allows(datagram.sender())) {
            datagram.release();
            counters.droppedByAllowList++;
            return;
        }
        ByteBuf content = datagram.content();
        long nowNs = clock.nanoTime();
        switch (DatagramFormat.of(content)) {
            case RTP -> onRtp(content, nowNs);
            case MPEG_TS -> onTransportStream(ctx, content, nowNs);
            case UNKNOWN -> {
                content.release();
                counters.malformed++;
            }
        }
    }

    private void onRtp(ByteBuf packet, long nowNs) {
        if (!view.wrap(packet).isValid()) {
            packet.release();
            counters.malformed++;
            return;
        }
        long ssrc = view.ssrc();
        if (ssrc != currentSsrc) {
            if (currentSsrc != -1) {
                counters.discontinuities++;
            }
            currentSsrc = ssrc;
            tracker.reset();
        }
        switch (tracker.accept(view.sequenceNumber())) {
            case DUPLICATE -> {
                packet.release();
                counters.duplicates = tracker.duplicates();
                return;
            }
            case JUMP -> {
                packet.release();
                counters.malformed++;
                return;
            }
            case RESYNC -> counters.discontinuities++;
            case AFTER_GAP, LATE -> {
                counters.lost = tracker.lost();
                counters.reordered = tracker.reordered();
            }
            case FIRST, IN_ORDER -> { }
        }
        counters.onPacket(packet.readableBytes(), nowNs);
        sink.onPacket(packet, nowNs);
    }

    private void onTransportStream(ChannelHandlerContext ctx, ByteBuf payload, long nowNs) {
        int length = payload.readableBytes();
        ByteBuf packet = ctx.alloc().directBuffer(RtpView.FIXED_HEADER_BYTES + length);
        originator.writeHeader(packet, nowNs);
        packet.writeBytes(payload, payload.readerIndex(), length);
        payload.release();
        counters.onPacket(packet.readableBytes(), nowNs);
        sink.onPacket(packet, nowNs);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        sink.onBatchComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.receiveErrors++;   // a socket error on a datagram socket is not fatal: keep reading
    }
}
