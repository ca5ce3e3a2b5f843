package io.sluice.gateway.flow;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * One input of a flow: one implementation per protocol (rtp, rtp-fec, srt-listener, srt-caller, rist, entitlement).
 * The flow does not care which. Every method but {@link #counters()} runs on the flow's event loop.
 */
public interface Source {

    /** The source's name from the config. */
    String name();

    /**
     * Opens sockets and starts delivering packets to {@code sink} on {@code loop}. The future fails with a reason a
     * person can act on ("IngestPort 5000 is already in use by another process") when the source cannot start.
     */
    Future<Void> open(EventLoop loop, PacketSink sink);

    /** Stops delivering, closes every socket and releases every buffer it holds. Idempotent. */
    Future<Void> close();

    /** Counters, written on the loop only; see {@link SourceCounters} for reading them from elsewhere. */
    SourceCounters counters();

    /**
     * Link figures beyond the counters (connection, ARQ, FEC, RTT, a status line); called on the loop when a
     * snapshot is taken, so it must not block. Connectionless sources without such figures keep the default.
     */
    default LinkStats linkStats() {
        return LinkStats.NONE;
    }
}
