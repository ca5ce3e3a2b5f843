package io.sluice.gateway.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per event that matters, on the logger {@code sluice.events}, as {@code key=value} pairs
 * (logfmt): {@code event=flow_state flow=news from=STARTING to=ACTIVE}. Every line names its flow, and its source or
 * output. Only names, states, addresses and counts are written: never a passphrase, key, secret ARN contents or a
 * stream id. Events are rare (state changes, connects, once-per-interval summaries); nothing here is per packet.
 */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("sluice.events");

    private EventLog() {}

    public static void flowState(String flow, String from, String to, String reason) {
        log(true, "flow_state", "flow", flow, "from", from, "to", to, "reason", reason);
    }

    public static void sourceConnected(String flow, String source, String protocol, String peer) {
        log(true, "source_connected", "flow", flow, "source", source, "protocol", protocol, "peer", peer);
    }

    public static void sourceLost(String flow, String source, String protocol, String reason) {
        log(false, "source_lost", "flow", flow, "source", source, "protocol", protocol, "reason", reason);
    }

    public static void failoverSwitch(String flow, String from, String to, String reason) {
        log(false, "failover_switch", "flow", flow, "from", from, "to", to, "reason", reason);
    }

    public static void outputConnected(String flow, String output, String protocol, String peer) {
        log(true, "output_connected", "flow", flow, "output", output, "protocol", protocol, "peer", peer);
    }

    public static void outputDisconnected(String flow, String output, String protocol, String reason) {
        log(false, "output_disconnected", "flow", flow, "output", output, "protocol", protocol, "reason", reason);
    }

    /** A source's or output's link has a problem a person can act on ({@code role} is "source" or "output"). */
    public static void linkProblem(String flow, String role, String name, String problem) {
        log(false, "link_problem", "flow", flow, role, name, "problem", problem);
    }

    /** The problem reported by {@link #linkProblem} is gone. */
    public static void linkOk(String flow, String role, String name) {
        log(true, "link_ok", "flow", flow, role, name);
    }

    /** Called by {@link AllowListDenials} once per interval at most. */
    static void allowListDenied(String flow, String source, long count, String lastSender, long intervalMs) {
        log(false, "allowlist_denied", "flow", flow, "source", source, "count", Long.toString(count),
                "last_sender", lastSender, "interval_ms", Long.toString(intervalMs));
    }

    /** Called by {@link TsHealthReporter}: what moved during the interval, or that the stream is clean again. */
    static void sourceHealth(String flow, String source, String state, String changes) {
        log(!"unhealthy".equals(state), "source_health", "flow", flow, "source", source, "state", state, "errors", changes);
    }

    private static void log(boolean info, String event, String... pairs) {
        if (info ? !LOG.isInfoEnabled() : !LOG.isWarnEnabled()) {
            return;
        }
        String line = format(event, pairs);
        if (info) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
    }

    /** {@code event=<event> k1=v1 ...}; values with spaces, quotes or '=' are quoted; null values are left out. */
    static String format(String event, String... pairs) {
        StringBuilder out = new StringBuilder("event=").append(event);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String value = pairs[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(pairs[i]).append('=');
            if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\')) {
                out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\n", "\\n").replace("\r", "\\r")).append('"');
            } else {
                out.append(value);
            }
        }
        return out.toString();
    }
}
