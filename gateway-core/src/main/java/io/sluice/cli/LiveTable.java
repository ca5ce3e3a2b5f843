package io.sluice.cli;

import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;

import java.util.List;
import java.util.Locale;

/**
 * What {@code sluice run} prints: a table (one row per source and output: state, Mbit/s, packets/s, packets,
 * loss, drops, errors) for an interactive terminal, or one summary line per flow for logs.
 */
final class LiveTable {
    private static final String ROW = "%-16s %-7s %-16s %-8s %9s %8s %11s %8s %8s %8s%n";

    private LiveTable() {}

    static String table(List<FlowSnapshot> flows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "FLOW", "ROLE", "NAME", "STATE", "Mbit/s", "pkt/s", "packets",
                "lost", "dropped", "errors"));
        for (FlowSnapshot flow : flows) {
            for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
                SourceCounters.Snapshot c = source.counters();
                out.append(String.format(Locale.ROOT, ROW, cut(flow.name()), "source", cut(source.name()),
                        source.state(), mbps(c.bitrateBps()), c.packetsPerSecond(), c.packets(), c.lost(),
                        c.droppedByAllowList() + c.duplicates() + c.malformed(), c.receiveErrors()));
            }
            for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
                OutputCounters.Snapshot c = output.counters();
                out.append(String.format(Locale.ROOT, ROW, cut(flow.name()), "output", cut(output.name()),
                        output.state(), mbps(c.bitrateBps()), c.packetsPerSecond(), c.packets(), "-", c.dropped(),
                        c.sendErrors()));
            }
            if (flow.errorReason() != null) {
                out.append("  ").append(flow.name()).append(": ").append(flow.errorReason()).append('\n');
            }
            for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
                if (source.errorReason() != null) {
                    out.append("  ").append(source.name()).append(": ").append(source.errorReason()).append('\n');
                }
            }
            for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
                if (output.errorReason() != null) {
                    out.append("  ").append(output.name()).append(": ").append(output.errorReason()).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** One line per flow, for a log: the source's figures and the outputs' totals. */
    static String summary(FlowSnapshot flow) {
        StringBuilder line = new StringBuilder();
        line.append("flow ").append(flow.name()).append(' ').append(flow.status());
        if (flow.errorReason() != null) {
            line.append(" (").append(flow.errorReason()).append(')');
        }
        for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
            SourceCounters.Snapshot c = source.counters();
            line.append(String.format(Locale.ROOT, " | in %s %s: %s Mbit/s %d pkt/s, %d packets, lost %d, duplicates %d, "
                            + "reordered %d, denied %d, malformed %d", source.name(), source.state(), mbps(c.bitrateBps()),
                    c.packetsPerSecond(), c.packets(), c.lost(), c.duplicates(), c.reordered(), c.droppedByAllowList(),
                    c.malformed()));
        }
        long active = flow.outputs().stream().filter(o -> o.state() == io.sluice.gateway.flow.EndpointState.ACTIVE).count();
        long bitrate = 0;
        long packetsPerSecond = 0;
        long dropped = 0;
        long errors = 0;
        for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
            bitrate += output.counters().bitrateBps();
            packetsPerSecond += output.counters().packetsPerSecond();
            dropped += output.counters().dropped();
            errors += output.counters().sendErrors();
        }
        line.append(String.format(Locale.ROOT, " | out %d/%d active: %s Mbit/s %d pkt/s, dropped %d, send errors %d",
                active, flow.outputs().size(), mbps(bitrate), packetsPerSecond, dropped, errors));
        return line.toString();
    }

    private static String mbps(long bitsPerSecond) {
        return String.format(Locale.ROOT, "%.2f", bitsPerSecond / 1e6);
    }

    private static String cut(String text) {
        return text.length() <= 16 ? text : text.substring(0, 15) + "~";
    }
}
