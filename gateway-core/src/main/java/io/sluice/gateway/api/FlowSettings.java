package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * UpdateFlow: the flow-level settings (failover, maintenance, monitoring, NDI, size, encoding). Each member given
 * merges into the stored one a level deep, so changing {@code RecoveryWindow} keeps {@code FailoverMode}; sources,
 * outputs and the other items have their own operations.
 */
final class FlowSettings {
    private static final List<String> MEMBERS = List.of("sourceFailoverConfig", "maintenance", "sourceMonitoringConfig",
            "ndiConfig", "flowSize", "encodingConfig");

    private final FlowRegistry flows;
    private final FlowChanges changes;

    FlowSettings(FlowRegistry flows, FlowChanges changes) {
        this.flows = flows;
        this.changes = changes;
    }

    /** Applies the settings in {@code body}; returns the changed flow, which the caller renders. */
    FlowRecord update(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "UpdateFlow");
        ObjectNode next = flow.request.deepCopy();
        for (String member : MEMBERS) {
            JsonNode change = body.get(member);
            if (change instanceof ObjectNode settings && next.get(member) instanceof ObjectNode current) {
                current.setAll(settings);
            } else if (change != null && !change.isNull()) {
                next.set(member, change.deepCopy());
            }
        }
        changes.apply(flow, next);
        return flow;
    }
}
