package io.sluice.gateway.flow;

import io.sluice.protocols.mpegts.TsHealth;

import java.util.List;

/**
 * A consistent copy of a flow's state and counters, taken on its loop; safe to read anywhere.
 *
 * @param errorReason why the flow is in ERROR, else null
 * @param takenAtNs when it was taken, on the gateway's NanoClock
 * @param ingest what the stage between sources and outputs did (failover switch, 2022-7 merge)
 */
public record FlowSnapshot(String name, FlowStatus status, String errorReason, long takenAtNs,
                           List<SourceSnapshot> sources, List<OutputSnapshot> outputs, IngestStats ingest) {
    public FlowSnapshot {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
        ingest = ingest == null ? IngestStats.SINGLE : ingest;
    }

    /** A snapshot without ingest figures (one-source flows, tests). */
    public FlowSnapshot(String name, FlowStatus status, String errorReason, long takenAtNs,
                        List<SourceSnapshot> sources, List<OutputSnapshot> outputs) {
        this(name, status, errorReason, takenAtNs, sources, outputs, IngestStats.SINGLE);
    }

    /**
     * One source: protocol wire name, state, reason (null unless ERROR), counters, the TR 101 290 counters of
     * its MPEG-TS ({@link TsMonitoringSink}), whether the flow uses it now, and its link figures.
     */
    public record SourceSnapshot(String name, String protocol, EndpointState state, String errorReason,
                                 SourceCounters.Snapshot counters, TsHealth ts, boolean selected, LinkStats link) {

        /** A selected source without link figures (tests, single-source flows). */
        public SourceSnapshot(String name, String protocol, EndpointState state, String errorReason,
                              SourceCounters.Snapshot counters, TsHealth ts) {
            this(name, protocol, state, errorReason, counters, ts, true, LinkStats.NONE);
        }
    }

    /** One output: protocol wire name, state, reason (null unless ERROR), counters and link figures. */
    public record OutputSnapshot(String name, String protocol, EndpointState state, String errorReason,
                                 OutputCounters.Snapshot counters, LinkStats link) {

        /** An output without link figures (tests). */
        public OutputSnapshot(String name, String protocol, EndpointState state, String errorReason,
                              OutputCounters.Snapshot counters) {
            this(name, protocol, state, errorReason, counters, LinkStats.NONE);
        }
    }
}
