package io.sluice.gateway.flow;

/**
 * The stage between a flow's sources and its fan-out: each source delivers into {@link #input(int)}, the stage
 * delivers one stream downstream. With one source it passes packets through ({@link PassThroughIngest}); with two
 * it will choose (FAILOVER) or merge (MERGE, SMPTE 2022-7). Runs on the flow's loop.
 */
public interface IngestStage {

    /** The sink that source {@code sourceIndex} (its position in the flow's sources) delivers into. */
    PacketSink input(int sourceIndex);

    /** The flow stops: release every buffer held. Idempotent. */
    void close();
}
