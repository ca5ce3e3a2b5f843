package io.sluice.gateway.engine;

import io.sluice.config.FlowConfig;
import io.sluice.config.OutputConfig;
import io.sluice.config.SourceConfig;
import io.sluice.gateway.flow.IngestStage;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.PassThroughIngest;
import io.sluice.gateway.flow.Source;

/**
 * Builds a flow's parts from its config: sources and outputs through the protocol factories, and the ingest stage
 * between them. Called on the thread that creates or changes the flow (never on a loop: building an output may
 * resolve a host name).
 */
public record FlowParts(EngineContext context) {

    public Source source(SourceConfig definition) {
        return SourceFactory.create(definition, context);
    }

    public Output output(OutputConfig definition) {
        return OutputFactory.create(definition, context);
    }

    /**
     * One source passes straight through to {@code downstream}; two sources need the FAILOVER / MERGE stage
     * (SourceFailoverConfig), which is not built yet and fails with that reason.
     */
    public IngestStage ingest(FlowConfig flow, PacketSink downstream) {
        return switch (flow.sources().size()) {
            case 1 -> new PassThroughIngest(downstream);
            case 2 -> throw new UnsupportedOperationException("flow " + flow.name()
                    + " has two sources: FAILOVER and MERGE (SourceFailoverConfig) are not built into this Sluice yet");
            default -> throw new IllegalArgumentException("flow " + flow.name() + " has " + flow.sources().size()
                    + " sources (expected 1, or 2 with SourceFailoverConfig)");
        };
    }
}
