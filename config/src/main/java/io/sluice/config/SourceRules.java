package io.sluice.config;

/** Rules for one source (mediaconnect-api.md §7.3, §8.1). */
final class SourceRules {
    private SourceRules() {
    }

    static void validate(SourceConfig s, String path, Problems p) {
        if (s.name() != null) {
            EncryptionRules.check(p, p.member(path, "Name"), Syntax.name(s.name(), 64));
        }
        if (s.entitlementArn() != null) {
            entitled(s, path, p);
            return;
        }
        Protocol protocol = s.protocol();
        String protocolPath = p.member(path, "Protocol");
        if (protocol == null) {
            p.add(protocolPath, "is required (expected one of \"rtp\", \"rtp-fec\", \"rist\", \"srt-listener\", "
                    + "\"srt-caller\", \"udp\"), or give EntitlementArn for a source from another flow's entitlement");
            return;
        }
        String refusal = Protocols.refusal(protocol, true);
        if (refusal != null) {
            p.add(protocolPath, refusal);
            return;
        }
        String name = protocol.wireValue();
        if (protocol == Protocol.SRT_CALLER) {
            Ranges.notAllowed(p, p.member(path, "IngestPort"), s.ingestPort(), "listener sources (srt-caller dials "
                    + "SourceListenerAddress:SourceListenerPort)");
            Ranges.notAllowed(p, p.member(path, "WhitelistCidr"), s.whitelistCidr(), "listener sources (srt-caller "
                    + "dials a known address)");
            if (s.sourceListenerAddress() == null) {
                p.add(p.member(path, "SourceListenerAddress"), "is required for srt-caller (the address of the SRT listener to dial)");
            } else {
                EncryptionRules.check(p, p.member(path, "SourceListenerAddress"), Syntax.host(s.sourceListenerAddress()));
            }
            if (s.sourceListenerPort() == null) {
                p.add(p.member(path, "SourceListenerPort"), "is required for srt-caller (the port of the SRT listener to dial)");
            }
            Ranges.port(p, p.member(path, "SourceListenerPort"), s.sourceListenerPort(), protocol);
        } else {
            if (s.ingestPort() == null) {
                p.add(p.member(path, "IngestPort"), "is required for " + name + " sources (the port Sluice listens on)");
            }
            Ranges.port(p, p.member(path, "IngestPort"), s.ingestPort(), protocol);
            if (s.whitelistCidr() != null) {
                EncryptionRules.check(p, p.member(path, "WhitelistCidr"), Syntax.cidr(s.whitelistCidr()));
            }
            Ranges.notAllowed(p, p.member(path, "SourceListenerAddress"), s.sourceListenerAddress(), "srt-caller sources");
            Ranges.notAllowed(p, p.member(path, "SourceListenerPort"), s.sourceListenerPort(), "srt-caller sources");
        }
        if (s.maxBitrate() != null && s.maxBitrate() <= 0) {
            p.add(p.member(path, "MaxBitrate"), s.maxBitrate() + " is not a bitrate (expected bit/s, more than 0)");
        }
        if (protocol == Protocol.RIST) {
            Ranges.range(p, p.member(path, "MaxLatency"), s.maxLatency(), 1, Ranges.MAX_LATENCY_MS);
        } else if (Protocols.isSrt(protocol)) {
            Ranges.range(p, p.member(path, "MaxLatency"), s.maxLatency(), Ranges.MIN_SRT_LATENCY_MS, Ranges.MAX_LATENCY_MS);
        } else {
            Ranges.notAllowed(p, p.member(path, "MaxLatency"), s.maxLatency(), "rist and srt sources");
        }
        if (Protocols.isSrt(protocol)) {
            Ranges.range(p, p.member(path, "MinLatency"), s.minLatency(), Ranges.MIN_SRT_LATENCY_MS, Ranges.MAX_LATENCY_MS);
        } else {
            Ranges.notAllowed(p, p.member(path, "MinLatency"), s.minLatency(), "srt-listener and srt-caller sources");
            Ranges.notAllowed(p, p.member(path, "StreamId"), s.streamId(), "srt-listener and srt-caller sources");
        }
        Ranges.notAllowed(p, p.member(path, "MaxSyncBuffer"), s.maxSyncBuffer(), "cdi and st2110-jpegxs sources");
        if (!s.mediaStreamSourceConfigurations().isEmpty()) {
            p.add(p.member(path, "MediaStreamSourceConfigurations"), "applies to cdi and st2110-jpegxs sources only: remove it");
        }
        Ranges.notAllowed(p, p.member(path, "SenderControlPort"), s.senderControlPort(), "fujitsu-qos sources");
        Ranges.notAllowed(p, p.member(path, "SenderIpAddress"), s.senderIpAddress(), "fujitsu-qos sources");
        if (s.decryption() != null) {
            EncryptionRules.validate(s.decryption(), p.member(path, "Decryption"), EncryptionRules.Where.SOURCE, protocol, p);
        }
        ExtensionRules.validate(s.sluiceExtensions(), p.member(path, "SluiceExtensions"), protocol, true,
                s.decryption(), null, p);
    }

    private static void entitled(SourceConfig s, String path, Problems p) {
        EncryptionRules.check(p, p.member(path, "EntitlementArn"), Syntax.entitlementArn(s.entitlementArn()));
        String why = "sources without EntitlementArn (an entitled source takes its stream from the entitlement)";
        Ranges.notAllowed(p, p.member(path, "Protocol"), s.protocol(), why);
        Ranges.notAllowed(p, p.member(path, "IngestPort"), s.ingestPort(), why);
        Ranges.notAllowed(p, p.member(path, "WhitelistCidr"), s.whitelistCidr(), why);
        Ranges.notAllowed(p, p.member(path, "SourceListenerAddress"), s.sourceListenerAddress(), why);
        Ranges.notAllowed(p, p.member(path, "SourceListenerPort"), s.sourceListenerPort(), why);
        Ranges.notAllowed(p, p.member(path, "MinLatency"), s.minLatency(), why);
        Ranges.notAllowed(p, p.member(path, "MaxLatency"), s.maxLatency(), why);
        Ranges.notAllowed(p, p.member(path, "StreamId"), s.streamId(), why);
        Ranges.notAllowed(p, p.member(path, "MaxBitrate"), s.maxBitrate(), why);
        if (!s.sluiceExtensions().isEmpty()) {
            p.add(p.member(path, "SluiceExtensions"), "applies to " + why + ": remove it");
        }
        if (s.decryption() != null) {
            EncryptionRules.validate(s.decryption(), p.member(path, "Decryption"), EncryptionRules.Where.ENTITLED_SOURCE, null, p);
        }
    }
}
