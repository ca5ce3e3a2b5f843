package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the event lines of {@link EventLog} from successive flow snapshots, so the engine needs no logging of its
 * own on the packet path: given the snapshots {@code sluice run} takes every interval, it reports flow state changes,
 * sources starting and stopping to receive, failover switches (the receiving source changes), outputs becoming
 * active or not, TR 101 290 counters that moved ({@link TsHealthReporter}), and allow-list denials summed over at
 * most one line per {@code denialIntervalNs} per source. Single-threaded: call from one thread.
 */
public final class HealthEvents {
    private final long denialIntervalNs;
    private final Map<String, FlowSnapshot> previous = new HashMap<>();
    private final Map<String, TsHealthReporter> reporters = new HashMap<>();
    private final Map<String, long[]> denials = new HashMap<>();   // key -> {window start ns, count at window start}

    public HealthEvents(long denialIntervalNs) {
        this.denialIntervalNs = denialIntervalNs;
    }

    /** Compares {@code snapshots} with the previous ones and writes what changed. */
    public void observe(List<FlowSnapshot> snapshots) {
        for (FlowSnapshot now : snapshots) {
            FlowSnapshot before = previous.put(now.name(), now);
            if (before == null ? now.status() != FlowStatus.STANDBY : before.status() != now.status()) {
                EventLog.flowState(now.name(), before == null ? null : before.status().name(), now.status().name(),
                        now.errorReason());
            }
            String receivingBefore = before == null ? null : receivingSource(before);
            String receivingNow = receivingSource(now);
            for (FlowSnapshot.SourceSnapshot source : now.sources()) {
                FlowSnapshot.SourceSnapshot old = before == null ? null : find(before.sources(), source.name());
                boolean was = old != null && receiving(old);
                if (receiving(source) && !was) {
                    EventLog.sourceConnected(now.name(), source.name(), source.protocol(), null);
                } else if (!receiving(source) && was) {
                    EventLog.sourceLost(now.name(), source.name(), source.protocol(),
                            source.errorReason() != null ? source.errorReason() : "no packets for a second");
                }
                String key = now.name() + '\u0000' + source.name();
                if (source.ts() != null) {
                    reporters.computeIfAbsent(key, k -> new TsHealthReporter(now.name(), source.name())).report(source.ts());
                }
                summariseDenials(now.name(), source, key, now.takenAtNs());
            }
            if (now.sources().size() > 1 && receivingBefore != null && receivingNow != null
                    && !receivingBefore.equals(receivingNow)) {
                EventLog.failoverSwitch(now.name(), receivingBefore, receivingNow, "source in use changed");
            }
            for (FlowSnapshot.OutputSnapshot output : now.outputs()) {
                FlowSnapshot.OutputSnapshot old = before == null ? null : findOutput(before.outputs(), output.name());
                boolean was = old != null && old.state() == EndpointState.ACTIVE;
                boolean is = output.state() == EndpointState.ACTIVE;
                if (is && !was) {
                    EventLog.outputConnected(now.name(), output.name(), output.protocol(), null);
                } else if (!is && was) {
                    EventLog.outputDisconnected(now.name(), output.name(), output.protocol(),
                            output.errorReason() != null ? output.errorReason() : output.state().name());
                }
            }
        }
    }

    private void summariseDenials(String flow, FlowSnapshot.SourceSnapshot source, String key, long nowNs) {
        long total = source.counters().droppedByAllowList();
        long[] window = denials.computeIfAbsent(key, k -> new long[] {nowNs, total});
        if (total < window[1]) {
            window[1] = total;                     // the flow restarted: counters began again
        }
        if (nowNs - window[0] >= denialIntervalNs) {
            long denied = total - window[1];
            if (denied > 0) {
                EventLog.allowListDenied(flow, source.name(), denied, null, (nowNs - window[0]) / 1_000_000);
            }
            window[0] = nowNs;
            window[1] = total;
        }
    }

    private static boolean receiving(FlowSnapshot.SourceSnapshot source) {
        return source.state() == EndpointState.ACTIVE && source.counters().packetsPerSecond() > 0;
    }

    /** The first receiving source's name, or null. */
    private static String receivingSource(FlowSnapshot flow) {
        for (FlowSnapshot.SourceSnapshot source : flow.sources()) {
            if (receiving(source)) {
                return source.name();
            }
        }
        return null;
    }

    private static FlowSnapshot.SourceSnapshot find(List<FlowSnapshot.SourceSnapshot> sources, String name) {
        for (FlowSnapshot.SourceSnapshot source : sources) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        return null;
    }

    private static FlowSnapshot.OutputSnapshot findOutput(List<FlowSnapshot.OutputSnapshot> outputs, String name) {
        for (FlowSnapshot.OutputSnapshot output : outputs) {
            if (output.name().equals(name)) {
                return output;
            }
        }
        return null;
    }
}
