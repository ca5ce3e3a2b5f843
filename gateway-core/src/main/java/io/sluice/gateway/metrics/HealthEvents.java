package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the event lines of {@link EventLog} from successive flow snapshots, so the engine needs no logging of its
 * own on the packet path: given the snapshots {@code sluice run} takes every interval, it reports flow state changes,
 * sources connecting and going away (a peer connecting or leaving for SRT and RIST, per {@code LinkStats}; packets
 * starting and stopping for connectionless protocols), failover switches (the switch's active source changes), outputs
 * connecting or not, a link's problem line appearing, changing or clearing, TR 101 290 counters that moved
 * ({@link TsHealthReporter}), and allow-list denials summed over at most one line per {@code denialIntervalNs} per
 * source. Single-threaded: call from one thread.
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
            for (FlowSnapshot.SourceSnapshot source : now.sources()) {
                FlowSnapshot.SourceSnapshot old = before == null ? null : find(before.sources(), source.name());
                boolean was = old != null && connected(old);
                if (connected(source) && !was) {
                    EventLog.sourceConnected(now.name(), source.name(), source.protocol(), source.link().peer());
                } else if (!connected(source) && was) {
                    EventLog.sourceLost(now.name(), source.name(), source.protocol(), lostReason(source));
                }
                problemChange(now.name(), "source", source.name(), old == null ? null : old.link().problem(),
                        source.link().problem());
                String key = now.name() + '\u0000' + source.name();
                if (source.ts() != null) {
                    reporters.computeIfAbsent(key, k -> new TsHealthReporter(now.name(), source.name())).report(source.ts());
                }
                summariseDenials(now.name(), source, key, now.takenAtNs());
            }
            String activeBefore = before == null ? null : failoverActive(before);
            String activeNow = failoverActive(now);
            if (activeBefore != null && activeNow != null && !activeBefore.equals(activeNow)) {
                String reason = now.ingest().lastSwitchReason();
                EventLog.failoverSwitch(now.name(), activeBefore, activeNow,
                        reason == null ? "source in use changed" : reason.toLowerCase(java.util.Locale.ROOT));
            }
            for (FlowSnapshot.OutputSnapshot output : now.outputs()) {
                FlowSnapshot.OutputSnapshot old = before == null ? null : findOutput(before.outputs(), output.name());
                boolean was = old != null && connected(old);
                boolean is = connected(output);
                if (is && !was) {
                    EventLog.outputConnected(now.name(), output.name(), output.protocol(), output.link().peer());
                } else if (!is && was) {
                    EventLog.outputDisconnected(now.name(), output.name(), output.protocol(), lostReason(output));
                }
                problemChange(now.name(), "output", output.name(), old == null ? null : old.link().problem(),
                        output.link().problem());
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

    /** A peer is connected (SRT, RIST), or, for connectionless protocols, packets arrived in the last second. */
    private static boolean connected(FlowSnapshot.SourceSnapshot source) {
        if (source.state() != EndpointState.ACTIVE) {
            return false;
        }
        return source.link().connection() == LinkStats.Connection.NOT_APPLICABLE
                ? source.counters().packetsPerSecond() > 0 : source.link().connected();
    }

    /** ACTIVE, and for connection-oriented protocols a receiver is connected. */
    private static boolean connected(FlowSnapshot.OutputSnapshot output) {
        return output.state() == EndpointState.ACTIVE
                && (output.link().connection() == LinkStats.Connection.NOT_APPLICABLE || output.link().connected());
    }

    private static String lostReason(FlowSnapshot.SourceSnapshot source) {
        if (source.errorReason() != null) {
            return source.errorReason();
        }
        if (source.link().problem() != null) {
            return source.link().problem();
        }
        if (source.state() != EndpointState.ACTIVE) {
            return source.state().name();
        }
        return source.link().connection() == LinkStats.Connection.NOT_APPLICABLE ? "no packets for a second"
                : "peer disconnected";
    }

    private static String lostReason(FlowSnapshot.OutputSnapshot output) {
        if (output.errorReason() != null) {
            return output.errorReason();
        }
        if (output.link().problem() != null) {
            return output.link().problem();
        }
        return output.state() == EndpointState.ACTIVE ? "peer disconnected" : output.state().name();
    }

    private static void problemChange(String flow, String role, String name, String before, String now) {
        if (now != null && !now.equals(before)) {
            EventLog.linkProblem(flow, role, name, now);
        } else if (now == null && before != null) {
            EventLog.linkOk(flow, role, name);
        }
    }

    /** FAILOVER flows: the name of the source the switch forwards; null for other flows. */
    private static String failoverActive(FlowSnapshot flow) {
        if (flow.ingest().mode() != IngestStats.Mode.FAILOVER) {
            return null;
        }
        for (int i = 0; i < flow.sources().size(); i++) {
            IngestStats.Leg leg = flow.ingest().leg(i);
            if (leg != null && leg.inUse()) {
                return flow.sources().get(i).name();
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
