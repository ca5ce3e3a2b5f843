package io.sluice.config;

/** Rules for the Sluice-only {@code SluiceExtensions} member of a source or output. */
final class ExtensionRules {
    /** A Linux interface name (IFNAMSIZ 16 with the NUL), as `ip link` shows it. */
    private static final java.util.regex.Pattern INTERFACE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.@:-]{1,15}");

    /** SMPTE 2022-1 limits as ffmpeg's prompeg enforces them (protocols.md §2.2): 4..20 each, L*D at most 100. */
    static final int MIN_FEC_DIMENSION = 4;
    static final int MAX_FEC_DIMENSION = 20;
    static final int MAX_FEC_MATRIX = 100;

    private ExtensionRules() {
    }

    /** @param destination an output's Destination (null for a source): multicast settings need a multicast one */
    static void validate(SluiceExtensionsConfig x, String path, Protocol protocol, boolean source,
                         EncryptionConfig encryption, String destination, Problems p) {
        if (x.bindAddress() != null) {
            EncryptionRules.check(p, p.member(path, "BindAddress"), Syntax.ipLiteral(x.bindAddress()));
        }
        if (protocol == Protocol.RIST) {
            boolean srp = x.srpUsername() != null || x.srpPasswordSecretArn() != null;
            boolean psk = encryption != null && encryption.keyType() != KeyType.SRT_PASSWORD && encryption.keyType() != KeyType.SPEKE;
            if (x.ristProfile() == RistProfile.SIMPLE && (srp || psk)) {
                p.add(p.member(path, "RistProfile"), "\"simple\" has no " + (psk ? "encryption" : "authentication")
                        + " (VSF TR-06-1): use \"main\" or leave RistProfile out");
            }
            if (x.srpUsername() != null && x.srpPasswordSecretArn() == null) {
                p.add(p.member(path, "SrpPasswordSecretArn"), "is required with SrpUsername (the secret holding the SRP password)");
            }
            if (x.srpPasswordSecretArn() != null) {
                if (x.srpUsername() == null) {
                    p.add(p.member(path, "SrpUsername"), "is required with SrpPasswordSecretArn");
                }
                EncryptionRules.check(p, p.member(path, "SrpPasswordSecretArn"), Syntax.secretArn(x.srpPasswordSecretArn()));
            }
            if (x.srpUsername() != null && (x.srpUsername().isEmpty() || x.srpUsername().contains(":")
                    || x.srpUsername().length() > 64)) {
                p.add(p.member(path, "SrpUsername"), "expected 1-64 characters without \":\"");
            }
        } else {
            String what = "rist " + (source ? "sources" : "outputs");
            Ranges.notAllowed(p, p.member(path, "RistProfile"), x.ristProfile(), what);
            Ranges.notAllowed(p, p.member(path, "SrpUsername"), x.srpUsername(), what);
            Ranges.notAllowed(p, p.member(path, "SrpPasswordSecretArn"), x.srpPasswordSecretArn(), what);
        }
        if (protocol == Protocol.RTP_FEC && !source) {
            fec(x, path, p);
        } else {
            String what = source ? "rtp-fec outputs (an rtp-fec source reads L and D from the FEC headers)" : "rtp-fec outputs";
            Ranges.notAllowed(p, p.member(path, "FecColumns"), x.fecColumns(), what);
            Ranges.notAllowed(p, p.member(path, "FecRows"), x.fecRows(), what);
            Ranges.notAllowed(p, p.member(path, "FecMode"), x.fecMode(), what);
        }
        multicast(x, path, protocol, source, destination, p);
    }

    /**
     * Multicast settings: a source joins the group given as its BindAddress (on MulticastInterface, for
     * MulticastSourceIp only when given); an output to a multicast Destination sets TTL, loopback and interface.
     */
    private static void multicast(SluiceExtensionsConfig x, String path, Protocol protocol, boolean source,
                                  String destination, Problems p) {
        String interfacePath = p.member(path, "MulticastInterface");
        String sourceIpPath = p.member(path, "MulticastSourceIp");
        String ttlPath = p.member(path, "MulticastTtl");
        String loopbackPath = p.member(path, "MulticastLoopback");
        if (protocol != Protocol.RTP && protocol != Protocol.UDP && protocol != Protocol.RTP_FEC) {
            String what = source ? "rtp, udp and rtp-fec sources" : "rtp, udp and rtp-fec outputs";
            Ranges.notAllowed(p, interfacePath, x.multicastInterface(), what);
            Ranges.notAllowed(p, sourceIpPath, x.multicastSourceIp(), "rtp, udp and rtp-fec sources");
            Ranges.notAllowed(p, ttlPath, x.multicastTtl(), "rtp, udp and rtp-fec outputs");
            Ranges.notAllowed(p, loopbackPath, x.multicastLoopback(), "rtp, udp and rtp-fec outputs");
            return;
        }
        if (x.multicastInterface() != null) {
            String name = x.multicastInterface();
            if (Syntax.ipLiteral(name) != null && !INTERFACE_NAME.matcher(name).matches()) {
                p.add(interfacePath, Syntax.quote(name) + " is neither an interface name (1-15 of A-Z a-z 0-9 _ . - @ :)"
                        + " nor an IP address");
            }
        }
        if (source) {
            Ranges.notAllowed(p, ttlPath, x.multicastTtl(), "rtp, udp and rtp-fec outputs (a source does not send)");
            Ranges.notAllowed(p, loopbackPath, x.multicastLoopback(), "rtp, udp and rtp-fec outputs (a source does not send)");
            String group = x.bindAddress();
            boolean multicastGroup = group != null && Syntax.isMulticast(group);
            String needsGroup = "applies to a source whose BindAddress is a multicast group (224.0.0.0/4 or ff00::/8) only";
            if (x.multicastInterface() != null && !multicastGroup) {
                p.add(interfacePath, needsGroup + ": remove it, or give the group in BindAddress");
            }
            String sender = x.multicastSourceIp();
            if (sender != null) {
                String bad = Syntax.ipLiteral(sender);
                if (bad != null) {
                    p.add(sourceIpPath, bad);
                } else if (Syntax.isMulticast(sender)) {
                    p.add(sourceIpPath, Syntax.quote(sender) + " is a multicast address (expected the unicast address of"
                            + " the sender)");
                } else if (!multicastGroup) {
                    p.add(sourceIpPath, needsGroup + ": remove it, or give the group in BindAddress");
                } else if (Syntax.isIpv4(sender) != Syntax.isIpv4(group)) {
                    p.add(sourceIpPath, Syntax.quote(sender) + " is " + (Syntax.isIpv4(sender) ? "IPv4" : "IPv6")
                            + " but the group " + Syntax.quote(group) + " is not (expected the same family)");
                }
            }
            return;
        }
        Ranges.notAllowed(p, sourceIpPath, x.multicastSourceIp(), "rtp, udp and rtp-fec sources (an output sends)");
        Ranges.range(p, ttlPath, x.multicastTtl(), 0, 255);
        String target = destination == null ? null : destination.strip();
        if (target != null && Syntax.ipLiteral(target) == null && !Syntax.isMulticast(target)) {
            String why = "a multicast Destination (224.0.0.0/4 or ff00::/8)";
            Ranges.notAllowed(p, interfacePath, x.multicastInterface(), why);
            Ranges.notAllowed(p, ttlPath, x.multicastTtl(), why);
            Ranges.notAllowed(p, loopbackPath, x.multicastLoopback(), why);
        }
    }

    private static void fec(SluiceExtensionsConfig x, String path, Problems p) {
        String columnsPath = p.member(path, "FecColumns");
        Ranges.range(p, columnsPath, x.fecColumns(), MIN_FEC_DIMENSION, MAX_FEC_DIMENSION);
        Ranges.range(p, p.member(path, "FecRows"), x.fecRows(), MIN_FEC_DIMENSION, MAX_FEC_DIMENSION);
        int columns = x.fecColumns() == null ? FlowDefaults.FEC_COLUMNS : x.fecColumns();
        int rows = x.fecRows() == null ? FlowDefaults.FEC_ROWS : x.fecRows();
        if (!p.has(columnsPath) && columns * rows > MAX_FEC_MATRIX) {
            p.add(columnsPath, "FecColumns x FecRows = " + columns + " x " + rows + " = " + (columns * rows)
                    + " is more than " + MAX_FEC_MATRIX + " packets (SMPTE 2022-1 limit)");
        }
    }
}
