package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.mpegts.TsHealth;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of one flow's figures at one instant, taken on the flow's loop ({@code loop.submit(flow::health)}) and read
 * by the metrics endpoint, {@code /ready} and the live table of {@code sluice run}. Nothing here is live.
 *
 * @param status    the MediaConnect flow status: STANDBY, STARTING, ACTIVE, UPDATING, STOPPING, DELETING or ERROR
 * @param shouldRun true when the flow was started and is meant to be ACTIVE (what {@code /ready} checks)
 * @param ingest    failover and merge figures of a two-source flow ({@link IngestStats#SINGLE} otherwise)
 */
public record FlowHealth(String name, String status, boolean shouldRun, List<Source> sources, List<Output> outputs,
                         IngestStats ingest) {

    public static final String ACTIVE = "ACTIVE";

    public FlowHealth {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
        ingest = ingest == null ? IngestStats.SINGLE : ingest;
    }

    /** A flow without ingest figures (one source, or no snapshot). */
    public FlowHealth(String name, String status, boolean shouldRun, List<Source> sources, List<Output> outputs) {
        this(name, status, shouldRun, sources, outputs, IngestStats.SINGLE);
    }

    /**
     * The health view of an engine snapshot. Selected comes from the flow's ingest stage (the only source, the
     * active failover source, or a merged one). Connected comes from the link for SRT and RIST; a connectionless
     * source (RTP, UDP) counts as connected while it is ACTIVE and packets arrived in the last second, and an
     * connectionless output while it is ACTIVE.
     */
    public static FlowHealth of(FlowSnapshot snapshot, boolean shouldRun) {
        return of(snapshot, snapshot.name(), snapshot.status().name(), shouldRun);
    }

    /**
     * As {@link #of(FlowSnapshot, boolean)}, under the name and status the caller knows the flow by (the control
     * plane's flow name and MediaConnect status, which may differ from the engine's while it updates).
     */
    public static FlowHealth of(FlowSnapshot snapshot, String name, String status, boolean shouldRun) {
        List<Source> sources = new ArrayList<>(snapshot.sources().size());
        for (FlowSnapshot.SourceSnapshot s : snapshot.sources()) {
            boolean connected = s.link().connection() == LinkStats.Connection.NOT_APPLICABLE ? receiving(s)
                    : s.state() == EndpointState.ACTIVE && s.link().connected();
            sources.add(new Source(s.name(), s.protocol(), s.selected(), connected, s.link().disconnections(),
                    s.counters(), s.ts(), s.link()));
        }
        List<Output> outputs = new ArrayList<>(snapshot.outputs().size());
        for (FlowSnapshot.OutputSnapshot o : snapshot.outputs()) {
            boolean active = o.state() == EndpointState.ACTIVE;
            boolean connected = o.link().connection() == LinkStats.Connection.NOT_APPLICABLE ? active
                    : active && o.link().connected();
            outputs.add(new Output(o.name(), o.protocol(), connected, o.link().disconnections(), o.counters(),
                    o.link()));
        }
        return new FlowHealth(name, status, shouldRun, sources, outputs, snapshot.ingest());
    }

    private static boolean receiving(FlowSnapshot.SourceSnapshot source) {
        return source.state() == EndpointState.ACTIVE && source.counters().packetsPerSecond() > 0;
    }

    /** The ingest figures of source {@code index} (two-source flows), else null. */
    public IngestStats.Leg leg(int index) {
        return ingest.leg(index);
    }

    /** The source in use: the selected one, else the first; null for a flow without sources. */
    public Source activeSource() {
        for (Source source : sources) {
            if (source.selected()) {
                return source;
            }
        }
        return sources.isEmpty() ? null : sources.getFirst();
    }

    /**
     * One source of the flow.
     *
     * @param selected       true when the flow uses this source (the only one, the active failover source, or merged)
     * @param connected      true while a sender is connected (SRT, RIST) or packets arrived within the last second
     * @param disconnections times the sender went away since the flow started
     * @param ts             the TR 101 290 monitor's counters, or null when the source carries no MPEG-TS
     * @param link           ARQ, FEC, RTT and connection figures ({@link LinkStats#NONE} for plain RTP/UDP)
     */
    public record Source(String name, String protocol, boolean selected, boolean connected, long disconnections,
                         SourceCounters.Snapshot counters, TsHealth ts, LinkStats link) {

        /** A source without link figures. */
        public Source(String name, String protocol, boolean selected, boolean connected, long disconnections,
                      SourceCounters.Snapshot counters, TsHealth ts) {
            this(name, protocol, selected, connected, disconnections, counters, ts, LinkStats.NONE);
        }
    }

    /**
     * One output of the flow.
     *
     * @param connected      true while the receiver is connected (SRT, RIST); true for connectionless RTP/UDP
     * @param disconnections times the receiver went away since the flow started
     * @param link           ARQ, RTT and connection figures ({@link LinkStats#NONE} for plain RTP/UDP)
     */
    public record Output(String name, String protocol, boolean connected, long disconnections,
                         OutputCounters.Snapshot counters, LinkStats link) {

        /** An output without link figures. */
        public Output(String name, String protocol, boolean connected, long disconnections,
                      OutputCounters.Snapshot counters) {
            this(name, protocol, connected, disconnections, counters, LinkStats.NONE);
        }
    }
}
