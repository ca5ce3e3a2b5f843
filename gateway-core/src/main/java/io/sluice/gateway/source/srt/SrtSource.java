package io.sluice.gateway.source.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.srt.SrtInbound;
import io.sluice.protocols.srt.SrtPacketHandler;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What both SRT sources do once connected, whichever side called: drain the connection on the flow's loop (an
 * {@link SrtInbound}), number its messages as one RTP stream across connections (one SSRC, sequence numbers that
 * continue when a caller is replaced or reconnects), and keep the source's counters: {@code lost} = gaps libsrt
 * detected, {@code recovered} = gaps a retransmission filled, {@code droppedByAllowList} = callers refused by
 * WhitelistCidr, {@code malformed} = messages that were not whole MPEG-TS packets, all since the flow started.
 * Getting connected, status, statistics and {@link LinkStats} are the {@link SrtLink}'s.
 */
abstract sealed class SrtSource implements Source, SrtPacketHandler, SrtLink.Owner<SrtInbound>
        permits SrtListenerSource, SrtCallerSource {
    static final SrtInbound[] NO_CONNECTIONS = new SrtInbound[0];

    private final SrtLink<SrtInbound> link;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final ByteBufAllocator allocator;
    private final SourceCounters counters = new SourceCounters();
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xffff_ffffL;
    private int nextSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long malformedBefore;
    private PacketSink sink;

    /** @param link builds this source's link, given the source as the link's owner */
    SrtSource(SrtPoller poller, NanoClock clock, ByteBufAllocator allocator,
              Function<SrtLink.Owner<SrtInbound>, SrtLink<SrtInbound>> link) {
        this.poller = poller;
        this.clock = clock;
        this.allocator = allocator;
        this.link = link.apply(this);
    }

    @Override
    public final String name() {
        return link.endpoint().name();
    }

    @Override
    public final Future<Void> open(EventLoop loop, PacketSink packetSink) {
        this.sink = packetSink;
        return link.open(loop);
    }

    @Override
    public final SrtInbound attach(int socket, EventLoop loop) {
        return new SrtInbound(socket, poller, loop, clock, allocator, ssrc, nextSequence, this).start();
    }

    @Override
    public final void detached(SrtInbound connection) {
        nextSequence = connection.nextSequence();
        malformedBefore += connection.malformed();
    }

    @Override
    public final void refresh() {
        SrtTotals totals = link.totals();
        counters.lost = totals.lossDetected;
        counters.recovered = totals.recovered;
        counters.droppedByAllowList = link.refusedByAllowList();
        long malformed = malformedBefore;
        for (SrtInbound connection : link.connections()) {
            malformed += connection.malformed();
        }
        counters.malformed = malformed;
    }

    @Override
    public final void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        counters.onPacket(rtpPacket.readableBytes(), arrivalNs);
        sink.onPacket(rtpPacket, arrivalNs);
    }

    @Override
    public final void onBatchComplete() {
        sink.onBatchComplete();
    }

    @Override
    public final void onBroken(int socket, String reason) {
        link.broken(socket, reason);
    }

    @Override
    public final Future<Void> close() {
        return link.close();
    }

    @Override
    public final SourceCounters counters() {
        return counters;
    }

    @Override
    public final LinkStats linkStats() {
        return link.linkStats();
    }

    /** The state for the flow's status and log. */
    public final SrtStatus status() {
        return link.status();
    }
}
