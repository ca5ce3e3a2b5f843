package io.sluice.gateway.flow;

import java.util.List;

/**
 * What the ingest stage between a flow's sources and its outputs did: the failover switch (FAILOVER, or a second
 * source with failover DISABLED) or the SMPTE 2022-7 merge (MERGE). An immutable copy taken on the flow's loop with
 * the snapshot; MediaConnect's {@code MergeActive}, {@code MergeLatency}, {@code SourceMergeActive},
 * {@code SourceMergeLatency} and {@code SourceSelected} come from here.
 *
 * @param mode               how the sources are combined
 * @param failoverSwitches   switches between the sources since the flow started (FAILOVER), else 0
 * @param lastSwitchReason   why the last switch happened ("ACTIVE_SOURCE_SILENT", "PRIMARY_HEALTHY_AGAIN"), or null
 * @param mergeOutputPackets packets the merge handed to the outputs (MERGE), else 0
 * @param mergeLostPackets   sequence numbers neither source delivered within the recovery window (MERGE), else 0
 * @param mergeResyncs       sender restarts the merge followed (MERGE), else 0
 * @param legs               one entry per source, in the flow's order; empty for {@link Mode#SINGLE}
 */
public record IngestStats(Mode mode, long failoverSwitches, String lastSwitchReason, long mergeOutputPackets,
                          long mergeLostPackets, long mergeResyncs, List<Leg> legs) {

    /** How a flow combines its sources. */
    public enum Mode {
        /** One source, passed through. */
        SINGLE,
        /** Two sources, one forwarded at a time (FailoverMode FAILOVER, or failover State DISABLED). */
        FAILOVER,
        /** Two copies of one RTP stream merged packet by packet (FailoverMode MERGE, SMPTE 2022-7). */
        MERGE
    }

    /** A one-source flow: nothing to report beyond the source itself. */
    public static final IngestStats SINGLE = new IngestStats(Mode.SINGLE, 0, null, 0, 0, 0, List.of());

    public IngestStats {
        legs = List.copyOf(legs);
    }

    /** The figures of source {@code index}, or null when the stage has none (one-source flows). */
    public Leg leg(int index) {
        return index >= 0 && index < legs.size() ? legs.get(index) : null;
    }

    /** MERGE: every source delivers into the merge ({@code MergeActive}). */
    public boolean mergeActive() {
        if (mode != Mode.MERGE || legs.isEmpty()) {
            return false;
        }
        for (Leg leg : legs) {
            if (!leg.inUse()) {
                return false;
            }
        }
        return true;
    }

    /** MERGE: how far the slowest source trails the fastest, in ms ({@code MergeLatency}); NaN when unknown. */
    public double mergeLatencyMs() {
        double max = Double.NaN;
        for (Leg leg : legs) {
            if (!Double.isNaN(leg.trailMs())) {
                max = Double.isNaN(max) ? leg.trailMs() : Math.max(max, leg.trailMs());
            }
        }
        return max;
    }

    /**
     * One source as the ingest stage sees it.
     *
     * @param inUse          FAILOVER: the source being forwarded; MERGE: the source delivered packets the merge could
     *                       use (first copies or duplicates in time, not late ones) recently
     * @param trailMs        MERGE: how many ms this source's copies arrive after the other source's (smoothed; 0 for
     *                       the faster source), NaN until both sources delivered a common packet; NaN in FAILOVER
     * @param received       packets the stage received from this source
     * @param forwarded      FAILOVER: packets forwarded; MERGE: packets this source delivered first (they went out)
     * @param standbyDropped FAILOVER: packets dropped while this source was on standby; MERGE: 0
     * @param filled         MERGE: sequence numbers only this source delivered (the merge filled the other's loss)
     * @param duplicates     MERGE: copies that arrived after the other source's
     * @param late           MERGE: copies that arrived after their sequence number was given up or left the window
     */
    public record Leg(boolean inUse, double trailMs, long received, long forwarded, long standbyDropped, long filled,
                      long duplicates, long late) {}
}
