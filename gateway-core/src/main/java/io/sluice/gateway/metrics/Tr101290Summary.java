package io.sluice.gateway.metrics;

import io.sluice.protocols.mpegts.TsHealth;

import java.util.Locale;

/**
 * A source's TR 101 290 counters in one short column for the live table of {@code sluice run} and its log lines:
 * {@code OK 0/0/0/0/0/0 | 0/0/0} or {@code ERR 0/0/1/3/0/0 | 0/0/5}, the priority-1 counters (sync loss, sync byte,
 * PAT, continuity, PMT, PID) then priority 2 (transport, CRC, PCR). "-" when the source carries no MPEG-TS monitor.
 */
public final class Tr101290Summary {
    /** What the columns are, for a table header or a legend. */
    public static final String LEGEND = "TR 101 290 sync/byte/PAT/CC/PMT/PID | TEI/CRC/PCR";

    private Tr101290Summary() {}

    public static String of(TsHealth ts) {
        if (ts == null) {
            return "-";
        }
        String verdict = ts.priority1Errors() + ts.priority2Errors() == 0 ? "OK" : "ERR";
        return String.format(Locale.ROOT, "%s %d/%d/%d/%d/%d/%d | %d/%d/%d", verdict, ts.syncLosses(), ts.syncByteErrors(),
                ts.patErrors(), ts.continuityErrors(), ts.pmtErrors(), ts.pidErrors(), ts.transportErrors(),
                ts.crcErrors(), ts.pcrErrors());
    }
}
