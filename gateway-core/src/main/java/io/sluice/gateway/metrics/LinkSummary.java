package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;

import java.util.Locale;

/**
 * A source's or output's {@link LinkStats} in a few words for the live table of {@code sluice run} and its log lines:
 * only the figures that apply, e.g. {@code up 127.0.0.1:50000 rtt 12.3ms arq req 10 rec 8} for an SRT source,
 * {@code fec 450 rec 45} for an rtp-fec source, {@code fec 900 sent} for an rtp-fec output, "-" for plain RTP.
 * The problem line is not part of it: the table prints problems on lines of their own.
 */
public final class LinkSummary {
    private LinkSummary() {}

    /** The link figures of a source ({@code output == false}) or an output. */
    public static String of(LinkStats link, boolean output) {
        StringBuilder out = new StringBuilder();
        switch (link.connection()) {
            case CONNECTED -> word(out, link.peer() == null ? "up" : "up " + link.peer());
            case DISCONNECTED -> word(out, "down");
            case NOT_APPLICABLE -> { }
        }
        if (Double.isFinite(link.roundTripTimeMs())) {
            word(out, String.format(Locale.ROOT, "rtt %.1fms", link.roundTripTimeMs()));
        }
        if (output) {
            if (link.arqRequests() > 0 || link.retransmitted() > 0) {
                word(out, "arq req " + link.arqRequests() + " retx " + link.retransmitted());
            }
            if (link.fecPackets() > 0) {
                word(out, "fec " + link.fecPackets() + " sent");
            }
        } else {
            if (link.arqRequests() > 0 || link.arqRecovered() > 0) {
                word(out, "arq req " + link.arqRequests() + " rec " + link.arqRecovered());
            }
            if (link.fecPackets() > 0 || link.fecRecovered() > 0) {
                word(out, "fec " + link.fecPackets() + " rec " + link.fecRecovered());
            }
        }
        if (link.overflowPackets() > 0) {
            word(out, "overflow " + link.overflowPackets());
        }
        if (link.decryptionFailures() > 0) {
            word(out, "undecryptable " + link.decryptionFailures());
        }
        if (link.disconnections() > 0) {
            word(out, "disconnects " + link.disconnections());
        }
        if (link.bufferMs() >= 0) {
            word(out, "buf " + link.bufferMs() + "ms");
        }
        return out.isEmpty() ? "-" : out.toString();
    }

    /**
     * What a two-source flow's ingest stage does, for a line under the flow: {@code merge active, latency 3.2ms,
     * lost on both 0}, {@code merge INACTIVE (in use: main), lost on both 0} or {@code failover on main, 2 switches
     * (last: active source silent)}; null for one source.
     */
    public static String ingest(IngestStats ingest, java.util.List<String> sourceNames) {
        return switch (ingest.mode()) {
            case SINGLE -> null;
            case MERGE -> {
                double latency = ingest.mergeLatencyMs();
                yield "merge " + (ingest.mergeActive() ? "active" : "INACTIVE (in use: " + inUse(ingest, sourceNames) + ")")
                        + (Double.isFinite(latency) ? String.format(Locale.ROOT, ", latency %.1fms", latency) : "")
                        + ", lost on both " + ingest.mergeLostPackets();
            }
            case FAILOVER -> "failover on " + inUse(ingest, sourceNames) + ", " + ingest.failoverSwitches()
                    + (ingest.failoverSwitches() == 1 ? " switch" : " switches")
                    + (ingest.lastSwitchReason() == null ? ""
                    : " (last: " + ingest.lastSwitchReason().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        };
    }

    private static String inUse(IngestStats ingest, java.util.List<String> sourceNames) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < sourceNames.size(); i++) {
            IngestStats.Leg leg = ingest.leg(i);
            if (leg != null && leg.inUse()) {
                names.append(names.isEmpty() ? "" : ", ").append(sourceNames.get(i));
            }
        }
        return names.isEmpty() ? "none" : names.toString();
    }

    private static void word(StringBuilder out, String text) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(text);
    }
}
