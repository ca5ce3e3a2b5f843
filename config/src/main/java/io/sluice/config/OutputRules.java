package io.sluice.config;

/** Rules for one output (mediaconnect-api.md §7.4, §8.2). */
final class OutputRules {
    private OutputRules() {
    }

    static void validate(OutputConfig o, String path, Problems p) {
        if (o.name() != null) {
            EncryptionRules.check(p, p.member(path, "Name"), Syntax.name(o.name(), 128));
        }
        Protocol protocol = o.protocol();
        String protocolPath = p.member(path, "Protocol");
        if (protocol == null) {
            p.add(protocolPath, "is required (expected one of \"rtp\", \"rtp-fec\", \"rist\", \"srt-listener\", "
                    + "\"srt-caller\", \"udp\")");
            return;
        }
        String refusal = Protocols.refusal(protocol, false);
        if (refusal != null) {
            p.add(protocolPath, refusal);
            return;
        }
        String name = protocol.wireValue();
        if (protocol == Protocol.SRT_LISTENER) {
            Ranges.notAllowed(p, p.member(path, "Destination"), o.destination(), "push outputs (an srt-listener output "
                    + "waits on Port for receivers to connect)");
            if (o.port() == null) {
                p.add(p.member(path, "Port"), "is required for srt-listener outputs (the port receivers connect to)");
            }
            for (int i = 0; i < o.cidrAllowList().size(); i++) {
                EncryptionRules.check(p, p.element(path, "CidrAllowList", i), Syntax.cidr(o.cidrAllowList().get(i)));
            }
        } else {
            if (o.destination() == null) {
                p.add(p.member(path, "Destination"), "is required for " + name + " outputs (the address to send to)");
            } else {
                EncryptionRules.check(p, p.member(path, "Destination"), Syntax.host(o.destination()));
            }
            if (o.port() == null) {
                p.add(p.member(path, "Port"), "is required for " + name + " outputs (the port to send to)");
            }
            if (!o.cidrAllowList().isEmpty()) {
                p.add(p.member(path, "CidrAllowList"), "applies to listener outputs (srt-listener) only: remove it");
            }
        }
        Ranges.port(p, p.member(path, "Port"), o.port(), protocol);
        if (Protocols.isSrt(protocol)) {
            Ranges.range(p, p.member(path, "MinLatency"), o.minLatency(), Ranges.MIN_SRT_LATENCY_MS, Ranges.MAX_LATENCY_MS);
            Ranges.notAllowed(p, p.member(path, "SmoothingLatency"), o.smoothingLatency(), "rtp, rtp-fec, rist and udp outputs");
        } else {
            Ranges.notAllowed(p, p.member(path, "MinLatency"), o.minLatency(), "srt-listener and srt-caller outputs");
            Ranges.notAllowed(p, p.member(path, "StreamId"), o.streamId(), "srt-listener and srt-caller outputs");
            Ranges.range(p, p.member(path, "SmoothingLatency"), o.smoothingLatency(), 0, Ranges.MAX_LATENCY_MS);
        }
        if (protocol == Protocol.RIST) {
            Ranges.range(p, p.member(path, "MaxLatency"), o.maxLatency(), 1, Ranges.MAX_LATENCY_MS);
        } else {
            Ranges.notAllowed(p, p.member(path, "MaxLatency"), o.maxLatency(), "rist outputs");
        }
        Ranges.notAllowed(p, p.member(path, "RemoteId"), o.remoteId(), "zixi-pull outputs");
        Ranges.notAllowed(p, p.member(path, "SenderControlPort"), o.senderControlPort(), "fujitsu-qos outputs");
        if (!o.mediaStreamOutputConfigurations().isEmpty()) {
            p.add(p.member(path, "MediaStreamOutputConfigurations"), "applies to cdi and st2110-jpegxs outputs only: remove it");
        }
        if (o.encryption() != null) {
            EncryptionRules.validate(o.encryption(), p.member(path, "Encryption"), EncryptionRules.Where.OUTPUT, protocol, p);
        }
        ExtensionRules.validate(o.sluiceExtensions(), p.member(path, "SluiceExtensions"), protocol, false, o.encryption(),
                o.destination(), p);
    }
}
