package io.sluice.gateway.flow;

/**
 * The stage between a flow's sources and its fan-out: each source delivers into {@link #input(int)}, the stage
 * delivers one stream downstream. With one source it passes packets through ({@link PassThroughIngest}); with two
 * it will choose (FAILOVER) or merge (MERGE, SMPTE 2022-7). Runs on the flow's loop.
 */
public interface IngestStage {

    /**
     * The flow starts, before its sources open: a stage that needs time (failover's no-packet timeout, merge's
     * recovery window) schedules its timer on {@code loop} here and cancels it in {@link #close()}.
     */
    default void open(io.netty.channel.EventLoop loop) {
    }

    /** The sink that source {@code sourceIndex} (its position in the flow's sources) delivers into. */
    PacketSink input(int sourceIndex);

    /**
     * True when the flow uses source {@code sourceIndex} now: the only source, the active failover source, or a
     * merged source that delivers. Read on the loop for snapshots ({@code SourceSelected}).
     */
    default boolean selected(int sourceIndex) {
        return sourceIndex == 0;
    }

    /**
     * What the stage did (failover switches, merge figures per source), as of {@code nowNs} on the flow's clock;
     * read on the loop for snapshots. One-source stages have nothing to add.
     */
    default IngestStats stats(long nowNs) {
        return IngestStats.SINGLE;
    }

    /** The flow stops: release every buffer held. Idempotent. */
    void close();
}
