package io.sluice.gateway.output.srt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.source.srt.SrtLink;
import io.sluice.gateway.source.srt.SrtStatus;
import io.sluice.protocols.srt.SrtMessageWriter;
import io.sluice.protocols.srt.SrtOutbound;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import java.util.function.Function;

/**
 * What both SRT outputs do with the flow's packets, whichever side called: send each packet's MPEG-TS payload (the
 * RTP header stripped) as one SRT message to every connection ({@link SrtOutbound}: a non-blocking
 * {@code srt_sendmsg2} into libsrt's send buffer, the connection's bounded queue). When a slow or stuck receiver
 * lets its buffer fill, its packet is dropped and counted ({@code dropped}) and the flow and the other receivers go
 * on. Getting connected, status, statistics and {@link LinkStats} are the {@link SrtLink}'s.
 */
abstract sealed class SrtOutput implements Output, SrtOutbound.BrokenHandler, SrtLink.Owner<SrtOutbound>
        permits SrtCallerOutput, SrtListenerOutput {
    static final SrtOutbound[] NO_CONNECTIONS = new SrtOutbound[0];

    private final SrtLink<SrtOutbound> link;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    /** A caller's output is meant to be connected: a packet nobody receives is a drop. A listener's is not. */
    private final boolean dropWhileUnconnected;

    /** @param link builds this output's link, given the output as the link's owner */
    SrtOutput(SrtPoller poller, NanoClock clock, boolean dropWhileUnconnected,
              Function<SrtLink.Owner<SrtOutbound>, SrtLink<SrtOutbound>> link) {
        this.poller = poller;
        this.clock = clock;
        this.dropWhileUnconnected = dropWhileUnconnected;
        this.link = link.apply(this);
    }

    final SrtLink<SrtOutbound> link() {
        return link;
    }

    @Override
    public final String name() {
        return link.endpoint().name();
    }

    @Override
    public final Future<Void> open(EventLoop loop) {
        return link.open(loop);
    }

    @Override
    public final SrtOutbound attach(int socket, EventLoop loop) {
        return new SrtOutbound(socket, poller, loop, this).start();
    }

    @Override
    public final void onBroken(SrtOutbound broken, String reason) {
        link.broken(broken, reason);
    }

    /** Takes ownership of {@code rtpPacket}: sends its payload to every connection (libsrt copies it), releases it. */
    @Override
    public final void offer(ByteBuf rtpPacket, long arrivalNs) {
        try {
            SrtOutbound[] now = link.connections();
            if (now.length == 0) {
                if (dropWhileUnconnected) {
                    counters.dropped++;
                }
                return;
            }
            int length = rtpPacket.readableBytes();
            boolean sentToAny = false;
            for (SrtOutbound connection : now) {                 // an array: no iterator
                int result = connection.send(rtpPacket);
                if (result == SrtMessageWriter.SENT) {
                    sentToAny = true;
                } else if (result == SrtMessageWriter.FULL) {
                    counters.dropped++;
                } else {
                    counters.sendErrors++;                       // malformed, or the connection broke just now
                }
            }
            if (sentToAny) {
                counters.onSent(length, clock.nanoTime());
            }
        } finally {
            rtpPacket.release();
        }
    }

    /** libsrt sends on its own thread, paced by its live-mode sender: nothing to flush. */
    @Override
    public final void flush() {}

    @Override
    public final Future<Void> close() {
        return link.close();
    }

    @Override
    public final OutputCounters counters() {
        return counters;
    }

    @Override
    public final LinkStats linkStats() {
        return link.linkStats();
    }

    public final SrtStatus status() {
        return link.status();
    }
}
