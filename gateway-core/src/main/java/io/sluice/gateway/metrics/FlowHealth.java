package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.mpegts.TsHealth;

import java.util.List;

/**
 * A copy of one flow's figures at one instant, taken on the flow's loop ({@code loop.submit(flow::health)}) and read
 * by the metrics endpoint, {@code /ready} and the live table of {@code sluice run}. Nothing here is live.
 *
 * @param status    the MediaConnect flow status: STANDBY, STARTING, ACTIVE, UPDATING, STOPPING, DELETING or ERROR
 * @param shouldRun true when the flow was started and is meant to be ACTIVE (what {@code /ready} checks)
 */
public record FlowHealth(String name, String status, boolean shouldRun, List<Source> sources, List<Output> outputs) {

    public static final String ACTIVE = "ACTIVE";

    public FlowHealth {
        sources = List.copyOf(sources);
        outputs = List.copyOf(outputs);
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
     */
    public record Source(String name, String protocol, boolean selected, boolean connected, long disconnections,
                         SourceCounters.Snapshot counters, TsHealth ts) {}

    /**
     * One output of the flow.
     *
     * @param connected      true while the receiver is connected (SRT, RIST); true for connectionless RTP/UDP
     * @param disconnections times the receiver went away since the flow started
     */
    public record Output(String name, String protocol, boolean connected, long disconnections,
                         OutputCounters.Snapshot counters) {}
}
