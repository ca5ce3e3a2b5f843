package io.sluice.gateway.flow;

/** The ingest stage of a one-source flow: the source delivers straight into the fan-out. */
public final class PassThroughIngest implements IngestStage {
    private final PacketSink downstream;

    public PassThroughIngest(PacketSink downstream) {
        this.downstream = downstream;
    }

    @Override
    public PacketSink input(int sourceIndex) {
        if (sourceIndex != 0) {
            throw new IllegalArgumentException("a pass-through ingest has one source, not source " + sourceIndex);
        }
        return downstream;
    }

    @Override
    public void close() {
        // holds nothing
    }
}
