package io.sluice.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Flow-wide rules (mediaconnect-api.md §7): counts, unique names, failover, ports, references. */
final class FlowValidator {
    static final int MAX_SOURCES = 2;
    static final int MAX_OUTPUTS = 50;
    static final int MAX_ENTITLEMENTS = 50;

    private FlowValidator() {
    }

    static void validate(FlowConfig flow, Problems p) {
        if (flow.name() == null) {
            p.add(p.member("", "Name"), "is required (the flow name: 1-64 characters of A-Z a-z 0-9 _ -)");
        } else {
            EncryptionRules.check(p, p.member("", "Name"), Syntax.name(flow.name(), 64));
        }
        sources(flow, p);
        outputs(flow, p);
        entitlements(flow, p);
        MediaRules.validate(flow, p);
        loops(flow, localPorts(flow, p), p);
        if (flow.flowSize() != null && flow.flowSize() != FlowSize.MEDIUM) {
            p.add(p.member("", "FlowSize"), "\"" + flow.flowSize().wireValue() + "\" is for "
                    + (flow.flowSize() == FlowSize.LARGE ? "NDI" : "CDI and JPEG XS") + " flows, which Sluice does not "
                    + "carry (expected \"MEDIUM\" or leave it out)");
        }
    }

    static String sourcePath(FlowConfig flow, int index, Problems p) {
        return flow.sourceMember() == SourceMember.SOURCE ? p.member("", "Source") : p.element("", "Sources", index);
    }

    private static void sources(FlowConfig flow, Problems p) {
        List<SourceConfig> sources = flow.sources();
        String sourcesPath = p.member("", flow.sourceMember() == SourceMember.SOURCE ? "Source" : "Sources");
        if (sources.isEmpty()) {
            p.add(sourcesPath, "a flow needs a source: give Source (one source), or Sources (two sources) with "
                    + "SourceFailoverConfig");
        } else if (sources.size() > MAX_SOURCES) {
            p.add(sourcesPath, "has " + sources.size() + " sources (expected 1, or 2 for failover or merge)");
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String path = sourcePath(flow, i, p);
            SourceRules.validate(sources.get(i), path, p);
            unique(names, sources.get(i).name(), p.member(path, "Name"), p);
        }
        FailoverConfig failover = flow.sourceFailoverConfig();
        String failoverPath = p.member("", "SourceFailoverConfig");
        if (failover != null) {
            failover(flow, failover, failoverPath, p);
        }
        if (sources.size() == 2) {
            SourceConfig first = sources.get(0);
            SourceConfig second = sources.get(1);
            String secondPath = sourcePath(flow, 1, p);
            if (failover == null || failover.state() != State.ENABLED) {
                p.add(p.member(failoverPath, "State"), "must be \"ENABLED\" for a flow with two sources");
            }
            if (first.entitled() || second.entitled()) {
                p.add(sourcesPath, "failover is not supported with an entitled source (MediaConnect rule): give one source");
            } else if (first.protocol() != null && second.protocol() != null && first.protocol() != second.protocol()
                    && !(isRtpFamily(first.protocol()) && isRtpFamily(second.protocol()))) {
                p.add(p.member(secondPath, "Protocol"), "\"" + second.protocol().wireValue() + "\" differs from the first "
                        + "source's \"" + first.protocol().wireValue() + "\" (both sources use the same protocol; only "
                        + "rtp and rtp-fec may be mixed)");
            }
            if (failover != null && failover.failoverMode() == FailoverMode.MERGE) {
                for (int i = 0; i < 2; i++) {
                    Protocol protocol = sources.get(i).protocol();
                    if (protocol != null && !Protocols.isRtpBased(protocol)) {
                        p.add(p.member(sourcePath(flow, i, p), "Protocol"), "\"" + protocol.wireValue() + "\" cannot be "
                                + "merged: MERGE (SMPTE 2022-7) needs RTP sequence numbers aligned in both sources, so "
                                + "use rtp, rtp-fec or rist, or FailoverMode \"FAILOVER\"");
                    }
                }
            }
        }
    }

    private static boolean isRtpFamily(Protocol protocol) {
        return protocol == Protocol.RTP || protocol == Protocol.RTP_FEC;
    }

    private static void failover(FlowConfig flow, FailoverConfig f, String path, Problems p) {
        FailoverMode mode = f.failoverMode() == null ? FlowDefaults.FAILOVER_MODE : f.failoverMode();
        Ranges.range(p, p.member(path, "RecoveryWindow"), f.recoveryWindow(), 100, Ranges.MAX_LATENCY_MS);
        if (mode != FailoverMode.MERGE && f.recoveryWindow() != null) {
            p.add(p.member(path, "RecoveryWindow"), "applies to FailoverMode \"MERGE\" only: remove it");
        }
        if (f.sourcePriority() != null) {
            String priorityPath = p.member(p.member(path, "SourcePriority"), "PrimarySource");
            if (mode != FailoverMode.FAILOVER) {
                p.add(p.member(path, "SourcePriority"), "applies to FailoverMode \"FAILOVER\" only: remove it");
            } else if (f.sourcePriority().primarySource() == null) {
                p.add(priorityPath, "is required in SourcePriority (the name of the preferred source)");
            } else if (flow.sources().stream().noneMatch(s -> f.sourcePriority().primarySource().equals(s.name()))) {
                p.add(priorityPath, "\"" + f.sourcePriority().primarySource() + "\" is not the name of a source of this flow");
            }
        }
    }

    private static void outputs(FlowConfig flow, Problems p) {
        List<OutputConfig> outputs = flow.outputs();
        if (outputs.size() > MAX_OUTPUTS) {
            p.add(p.member("", "Outputs"), "has " + outputs.size() + " outputs (expected at most " + MAX_OUTPUTS + ")");
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> destinations = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            OutputConfig o = outputs.get(i);
            String path = p.element("", "Outputs", i);
            OutputRules.validate(o, path, p);
            unique(names, o.name(), p.member(path, "Name"), p);
            if (o.protocol() != null && o.protocol() != Protocol.SRT_LISTENER && o.destination() != null && o.port() != null
                    && Protocols.refusal(o.protocol(), false) == null) {
                for (int offset : Protocols.portOffsets(o.protocol())) {
                    String key = o.destination() + " port " + (o.port() + offset);
                    String previous = destinations.putIfAbsent(key, path);
                    if (previous != null && !previous.equals(path)) {
                        p.add(p.member(path, "Port"), o.port() + " overlaps " + previous + ", which also sends to "
                                + key + " (each output needs its own destination and ports; rtp-fec also uses Port+2 "
                                + "and Port+4, rist Port+1)");
                        break;
                    }
                }
            }
        }
    }

    private static void entitlements(FlowConfig flow, Problems p) {
        List<EntitlementConfig> entitlements = flow.entitlements();
        if (entitlements.size() > MAX_ENTITLEMENTS) {
            p.add(p.member("", "Entitlements"), "has " + entitlements.size() + " entitlements (expected at most "
                    + MAX_ENTITLEMENTS + ")");
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < entitlements.size(); i++) {
            EntitlementConfig e = entitlements.get(i);
            String path = p.element("", "Entitlements", i);
            if (e.name() != null) {
                EncryptionRules.check(p, p.member(path, "Name"), Syntax.name(e.name(), 64));
            }
            unique(names, e.name(), p.member(path, "Name"), p);
            if (e.description() != null && e.description().length() > 1024) {
                p.add(p.member(path, "Description"), "is " + e.description().length() + " characters long (expected at most 1024)");
            }
            if (e.subscribers().isEmpty()) {
                p.add(p.member(path, "Subscribers"), "is required (one or more 12-digit AWS account IDs)");
            }
            for (int j = 0; j < e.subscribers().size(); j++) {
                EncryptionRules.check(p, p.element(path, "Subscribers", j), Syntax.account(e.subscribers().get(j)));
            }
            Ranges.range(p, p.member(path, "DataTransferSubscriberFeePercent"), e.dataTransferSubscriberFeePercent(), 0, 100);
            if (e.encryption() != null) {
                EncryptionRules.validate(e.encryption(), p.member(path, "Encryption"), EncryptionRules.Where.ENTITLEMENT, null, p);
            }
        }
    }

    /**
     * Every port this host binds (listener sources and srt-listener outputs, with the extra ports of rtp-fec and
     * rist) must be distinct: two sockets cannot share one.
     */
    private static Map<Integer, String> localPorts(FlowConfig flow, Problems p) {
        Map<Integer, String> taken = new HashMap<>();
        for (int i = 0; i < flow.sources().size(); i++) {
            SourceConfig s = flow.sources().get(i);
            if (!s.entitled() && s.protocol() != Protocol.SRT_CALLER) {
                claim(taken, s.protocol(), s.ingestPort(), p.member(sourcePath(flow, i, p), "IngestPort"), p);
            }
        }
        for (int i = 0; i < flow.outputs().size(); i++) {
            OutputConfig o = flow.outputs().get(i);
            if (o.protocol() == Protocol.SRT_LISTENER) {
                claim(taken, o.protocol(), o.port(), p.member(p.element("", "Outputs", i), "Port"), p);
            }
        }
        return taken;
    }

    /**
     * An output that sends to this host on a port the flow itself listens on would feed the flow its own output:
     * refused (a loop multiplies the stream until the host runs out of bandwidth).
     */
    private static void loops(FlowConfig flow, Map<Integer, String> listening, Problems p) {
        for (int i = 0; i < flow.outputs().size(); i++) {
            OutputConfig o = flow.outputs().get(i);
            String path = p.member(p.element("", "Outputs", i), "Port");
            if (o.protocol() == null || o.protocol() == Protocol.SRT_LISTENER || o.port() == null || o.destination() == null
                    || !isLoopback(o.destination()) || Protocols.refusal(o.protocol(), false) != null) {
                continue;
            }
            for (int offset : Protocols.portOffsets(o.protocol())) {
                String listener = listening.get(o.port() + offset);
                if (listener != null && !listener.equals(path)) {
                    p.add(path, o.port() + " sends to " + o.destination() + " port " + (o.port() + offset) + ", where "
                            + listener + " listens: the flow would receive its own output (a loop)");
                    break;
                }
            }
        }
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") && Syntax.isIpv4(host) || host.equals("::1") || host.equalsIgnoreCase("localhost");
    }

    private static void claim(Map<Integer, String> taken, Protocol protocol, Integer port, String path, Problems p) {
        if (port == null || protocol == null || p.has(path) || Protocols.refusal(protocol, true) != null) {
            return;
        }
        Set<Integer> mine = new HashSet<>();
        for (int offset : Protocols.portOffsets(protocol)) {
            mine.add(port + offset);
        }
        for (int local : mine) {
            String previous = taken.get(local);
            if (previous != null) {
                p.add(path, port + " needs local port " + local + ", already taken by " + previous
                        + " (every listening port of a flow is distinct; rtp-fec also uses +2 and +4, rist +1)");
                return;
            }
        }
        for (int local : mine) {
            taken.put(local, path);
        }
    }

    /** Names unique within a list; absent names are generated later and never collide. */
    static void unique(Map<String, String> names, String name, String path, Problems p) {
        if (name == null) {
            return;
        }
        String previous = names.putIfAbsent(name, path);
        if (previous != null) {
            p.add(path, "\"" + name + "\" is already the name of " + previous.substring(0, previous.lastIndexOf('.'))
                    + " (names are unique within a flow)");
        }
    }
}
