package io.sluice.gateway.engine;

import java.util.List;

/**
 * Interim flow description, shaped like {@code io.sluice.config.FlowConfig} (same accessor names) until the config
 * module lands; then it is replaced by FlowConfig. Immutable.
 */
public record FlowDefinition(String name, List<SourceDefinition> sources, List<OutputDefinition> outputs) {
    public FlowDefinition {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
    }

    /** A copy with {@code outputs} instead. */
    public FlowDefinition withOutputs(List<OutputDefinition> newOutputs) {
        return new FlowDefinition(name, sources, newOutputs);
    }
}
