package io.sluice.gateway.flow;

import java.util.List;

/**
 * A consistent copy of a flow's state and counters, taken on its loop; safe to read anywhere.
 *
 * @param errorReason why the flow is in ERROR, else null
 * @param takenAtNs when it was taken, on the gateway's NanoClock
 */
public record FlowSnapshot(String name, FlowStatus status, String errorReason, long takenAtNs,
                           List<SourceSnapshot> sources, List<OutputSnapshot> outputs) {
    public FlowSnapshot {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
    }

    /** One source: protocol wire name, state, reason (null unless ERROR) and counters. */
    public record SourceSnapshot(String name, String protocol, EndpointState state, String errorReason,
                                 SourceCounters.Snapshot counters) {}

    /** One output: protocol wire name, state, reason (null unless ERROR) and counters. */
    public record OutputSnapshot(String name, String protocol, EndpointState state, String errorReason,
                                 OutputCounters.Snapshot counters) {}
}
