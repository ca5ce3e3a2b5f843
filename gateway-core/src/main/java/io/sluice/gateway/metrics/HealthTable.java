package io.sluice.gateway.metrics;

import io.sluice.protocols.mpegts.TsHealth;

import java.util.List;
import java.util.Locale;

/**
 * The live table of {@code sluice run}: one row per source and output of every flow, with the figures of
 * {@code /metrics} (rate, packets, loss and recovery, TR 101 290 counters). Plain text, fixed-width columns, no
 * terminal control codes, so it reads the same in a terminal and in a log file.
 */
public final class HealthTable {
    private static final String HEADER = String.format(Locale.ROOT, "%-16s %-6s %-16s %-8s %10s %10s %7s %7s  %s",
            "FLOW", "STATE", "SOURCE/OUTPUT", "ROLE", "Mb/s", "PACKETS", "LOST", "RECOV", "TR 101 290 (sync/byte/PAT/CC/PMT/PID | TEI/CRC/PCR)");

    private HealthTable() {}

    public static String render(List<FlowHealth> flows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (FlowHealth flow : flows) {
            for (FlowHealth.Source source : flow.sources()) {
                out.append(String.format(Locale.ROOT, "%-16s %-6s %-16s %-8s %10.2f %10d %7d %7d  %s%n",
                        cut(flow.name()), cut(flow.status(), 6), cut(source.name()),
                        source.selected() ? "in-use" : "standby",
                        source.counters().bitrateBps() / 1e6, source.counters().packets(), source.counters().lost(),
                        source.counters().recovered(), tr101290(source.ts())));
            }
            for (FlowHealth.Output output : flow.outputs()) {
                out.append(String.format(Locale.ROOT, "%-16s %-6s %-16s %-8s %10.2f %10d %7d %7s  %s%n",
                        cut(flow.name()), cut(flow.status(), 6), cut(output.name()), "output",
                        output.counters().bitrateBps() / 1e6, output.counters().packets(), output.counters().dropped(),
                        "-", output.connected() ? "connected" : "not connected"));
            }
        }
        return out.toString();
    }

    static String tr101290(TsHealth ts) {
        if (ts == null) {
            return "-";
        }
        String verdict = ts.priority1Errors() + ts.priority2Errors() == 0 ? "OK" : "ERR";
        return String.format(Locale.ROOT, "%-3s %d/%d/%d/%d/%d/%d | %d/%d/%d", verdict, ts.syncLosses(), ts.syncByteErrors(),
                ts.patErrors(), ts.continuityErrors(), ts.pmtErrors(), ts.pidErrors(), ts.transportErrors(),
                ts.crcErrors(), ts.pcrErrors());
    }

    private static String cut(String text) {
        return cut(text, 16);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
