package io.sluice.cli;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.metrics.LinkSummary;
import io.sluice.gateway.metrics.Tr101290Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code sluice run} prints: a table (one row per source and output: state, Mbit/s, packets/s, packets,
 * loss, drops, errors, TR 101 290, link figures) for an interactive terminal, or one summary line per flow for logs.
 * Under each flow: what its failover or merge does, error reasons, and the problem line of each source and output
 * (at most {@value #MAX_PROBLEM_LINES} per flow, then a count, so a flow with 50 failing outputs stays readable).
 */
final class LiveTable {
    private static final String ROW = "%-16s %-7s %-16s %-8s %9s %8s %11s %8s %8s %8s  %-24s %s%n";
    static final int MAX_PROBLEM_LINES = 10;
    /** Problems named in one log line, so the line stays one line. */
    static final int MAX_PROBLEMS_IN_SUMMARY = 5;

    private LiveTable() {}

    static String table(List<FlowSnapshot> flows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "FLOW", "ROLE", "NAME", "STATE", "Mbit/s", "pkt/s", "packets",
                "lost", "dropped", "errors", "TR 101 290", "LINK"));
        boolean marked = false;
        for (FlowSnapshot flow : flows) {
            boolean two = flow.ingest().mode() != IngestStats.Mode.SINGLE;
            marked |= two;
            for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
                SourceCounters.Snapshot c = source.counters();
                out.append(String.format(Locale.ROOT, ROW, cut(flow.name()), two && source.selected() ? "source*" : "source",
                        cut(source.name()), source.state(), mbps(c.bitrateBps()), c.packetsPerSecond(), c.packets(),
                        c.lost(), c.droppedByAllowList() + c.duplicates() + c.malformed(), c.receiveErrors(),
                        Tr101290Summary.of(source.ts()), LinkSummary.of(source.link(), false)));
            }
            for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
                OutputCounters.Snapshot c = output.counters();
                out.append(String.format(Locale.ROOT, ROW, cut(flow.name()), "output", cut(output.name()),
                        output.state(), mbps(c.bitrateBps()), c.packetsPerSecond(), c.packets(), "-", c.dropped(),
                        c.sendErrors(), "", LinkSummary.of(output.link(), true)));
            }
            String ingest = LinkSummary.ingest(flow.ingest(), sourceNames(flow));
            if (ingest != null) {
                out.append("  ").append(flow.name()).append(": ").append(ingest).append('\n');
            }
            if (flow.errorReason() != null) {
                out.append("  ").append(flow.name()).append(": ").append(flow.errorReason()).append('\n');
            }
            List<String> problems = problems(flow);
            for (int i = 0; i < problems.size() && i < MAX_PROBLEM_LINES; i++) {
                out.append("  ! ").append(problems.get(i)).append('\n');
            }
            if (problems.size() > MAX_PROBLEM_LINES) {
                out.append("  ! ... and ").append(problems.size() - MAX_PROBLEM_LINES)
                        .append(" more (SluiceSourceLinkProblem / SluiceOutputLinkProblem on /metrics)\n");
            }
        }
        out.append(Tr101290Summary.LEGEND).append('\n');
        if (marked) {
            out.append("* the source in use (failover: forwarded; merge: delivering)\n");
        }
        return out.toString();
    }

    /** One line per flow, for a log: each source's figures, the outputs' totals, then any problems. */
    static String summary(FlowSnapshot flow) {
        StringBuilder line = new StringBuilder();
        line.append("flow ").append(flow.name()).append(' ').append(flow.status());
        if (flow.errorReason() != null) {
            line.append(" (").append(flow.errorReason()).append(')');
        }
        boolean two = flow.ingest().mode() != IngestStats.Mode.SINGLE;
        for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
            SourceCounters.Snapshot c = source.counters();
            line.append(String.format(Locale.ROOT, " | in %s %s%s: %s Mbit/s %d pkt/s, %d packets, lost %d, "
                            + "duplicates %d, reordered %d, denied %d, malformed %d", source.name(), source.state(),
                    two ? (source.selected() ? " in use" : " standby") : "", mbps(c.bitrateBps()),
                    c.packetsPerSecond(), c.packets(), c.lost(), c.duplicates(), c.reordered(), c.droppedByAllowList(),
                    c.malformed()));
            line.append(", TR 101 290 ").append(Tr101290Summary.of(source.ts()));
            String link = LinkSummary.of(source.link(), false);
            if (!"-".equals(link)) {
                line.append(", link ").append(link);
            }
        }
        String ingest = LinkSummary.ingest(flow.ingest(), sourceNames(flow));
        if (ingest != null) {
            line.append(" | ").append(ingest);
        }
        long connected = 0;
        long bitrate = 0;
        long packetsPerSecond = 0;
        long dropped = 0;
        long errors = 0;
        for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
            if (output.state() == EndpointState.ACTIVE && (output.link().connection() == LinkStats.Connection.NOT_APPLICABLE
                    || output.link().connected())) {
                connected++;
            }
            bitrate += output.counters().bitrateBps();
            packetsPerSecond += output.counters().packetsPerSecond();
            dropped += output.counters().dropped();
            errors += output.counters().sendErrors();
        }
        line.append(String.format(Locale.ROOT, " | out %d/%d connected: %s Mbit/s %d pkt/s, dropped %d, send errors %d",
                connected, flow.outputs().size(), mbps(bitrate), packetsPerSecond, dropped, errors));
        List<String> problems = problems(flow);
        if (!problems.isEmpty()) {
            line.append(" | problems: ");
            for (int i = 0; i < problems.size() && i < MAX_PROBLEMS_IN_SUMMARY; i++) {
                line.append(i == 0 ? "" : "; ").append(problems.get(i));
            }
            if (problems.size() > MAX_PROBLEMS_IN_SUMMARY) {
                line.append(" (+").append(problems.size() - MAX_PROBLEMS_IN_SUMMARY).append(" more)");
            }
        }
        return line.toString();
    }

    /** "name: reason" for every source and output in ERROR or with a link problem, sources first. */
    private static List<String> problems(FlowSnapshot flow) {
        List<String> problems = new ArrayList<>();
        for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
            add(problems, source.name(), source.errorReason(), source.link().problem());
        }
        for (FlowSnapshot.OutputSnapshot output : flow.outputs()) {
            add(problems, output.name(), output.errorReason(), output.link().problem());
        }
        return problems;
    }

    private static void add(List<String> problems, String name, String error, String problem) {
        if (error != null) {
            problems.add(name + ": " + error);
        }
        if (problem != null && !problem.equals(error)) {
            problems.add(name + ": " + problem);
        }
    }

    private static List<String> sourceNames(FlowSnapshot flow) {
        return flow.sources().stream().map(FlowSnapshot.SourceSnapshot::name).toList();
    }

    private static String mbps(long bitsPerSecond) {
        return String.format(Locale.ROOT, "%.2f", bitsPerSecond / 1e6);
    }

    private static String cut(String text) {
        return text.length() <= 16 ? text : text.substring(0, 15) + "~";
    }
}
