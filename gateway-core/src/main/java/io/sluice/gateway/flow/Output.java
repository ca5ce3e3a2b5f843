package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * One destination of a flow (at most 50): one implementation per protocol (rtp, rtp-fec, srt-listener, srt-caller,
 * rist). Every method but {@link #counters()} runs on the flow's event loop. An output never throws into the flow
 * and never slows it: when it cannot keep up it drops and counts.
 */
public interface Output {

    /** The output's name from the config. */
    String name();

    /** Opens the output's sockets on {@code loop}; fails with a reason a person can act on. */
    Future<Void> open(EventLoop loop);

    /**
     * Queues one RTP packet for sending. Takes ownership of one reference to {@code rtpPacket} (a duplicate that
     * shares bytes with the other outputs: copy before rewriting it).
     */
    void offer(ByteBuf rtpPacket, long arrivalNs);

    /** The end of a read batch: write out what is due, with one flush per socket. */
    void flush();

    /**
     * True when the fan-out should hand this output each read batch whole ({@link #sendBatch}) instead of
     * offering it packet by packet; fixed for the output's life. Such an output still accepts {@link #offer}.
     */
    default boolean takesBatches() {
        return false;
    }

    /**
     * Sends every packet of {@code batch} (called at the end of a read batch, before {@link #flush()}). The batch
     * keeps ownership: the output reads the packets and never modifies, keeps or releases them (to keep one,
     * {@code retainedDuplicate()} it).
     */
    default void sendBatch(PacketBatch batch) {
        throw new UnsupportedOperationException(name() + " takes packets one by one");
    }

    /** Closes the output's sockets and releases every queued buffer. Idempotent. */
    Future<Void> close();

    /** Counters, written on the loop only. */
    OutputCounters counters();

    /**
     * Link figures beyond the counters (connection, ARQ, FEC, RTT, a status line); called on the loop when a
     * snapshot is taken, so it must not block. Connectionless outputs without such figures keep the default.
     */
    default LinkStats linkStats() {
        return LinkStats.NONE;
    }
}
