package io.sluice.gateway.metrics;

import io.sluice.protocols.mpegts.TsHealth;

/**
 * Turns a source's TR 101 290 counters into events, like MediaConnect's Source Health event: called once per
 * interval (the flow's periodic task, not per packet) with a fresh {@link TsHealth}, it writes
 * {@code event=source_health state=unhealthy errors="ContinuityCounter+3 PATError+1"} for every interval in which an
 * error counter moved, and {@code state=healthy} once when a whole interval passes clean again.
 */
public final class TsHealthReporter {
    private final String flow;
    private final String source;
    private TsHealth previous;
    private boolean unhealthy;

    public TsHealthReporter(String flow, String source) {
        this.flow = flow;
        this.source = source;
    }

    /** Compares with the last report; returns the changes written, or "" when nothing moved. */
    public String report(TsHealth now) {
        TsHealth before = previous == null ? new TsHealth(0, 0, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : previous;
        previous = now;
        StringBuilder changes = new StringBuilder();
        delta(changes, MetricNames.TS_SYNC_LOSS, now.syncLosses() - before.syncLosses());
        delta(changes, MetricNames.TS_BYTE_ERROR, now.syncByteErrors() - before.syncByteErrors());
        delta(changes, MetricNames.PAT_ERROR, now.patErrors() - before.patErrors());
        delta(changes, MetricNames.CONTINUITY_COUNTER, now.continuityErrors() - before.continuityErrors());
        delta(changes, MetricNames.PMT_ERROR, now.pmtErrors() - before.pmtErrors());
        delta(changes, MetricNames.PID_ERROR, now.pidErrors() - before.pidErrors());
        delta(changes, MetricNames.TRANSPORT_ERROR, now.transportErrors() - before.transportErrors());
        delta(changes, MetricNames.CRC_ERROR, now.crcErrors() - before.crcErrors());
        delta(changes, MetricNames.PCR_ERROR, now.pcrErrors() - before.pcrErrors());
        delta(changes, MetricNames.CAT_ERROR, now.catErrors() - before.catErrors());
        if (!changes.isEmpty()) {
            unhealthy = true;
            EventLog.sourceHealth(flow, source, "unhealthy", changes.toString());
        } else if (unhealthy) {
            unhealthy = false;
            EventLog.sourceHealth(flow, source, "healthy", null);
        }
        return changes.toString();
    }

    private static void delta(StringBuilder out, String name, long delta) {
        if (delta > 0) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(name).append('+').append(delta);
        }
    }
}
