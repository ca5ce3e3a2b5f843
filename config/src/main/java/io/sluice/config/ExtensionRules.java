package io.sluice.config;

/** Rules for the Sluice-only {@code SluiceExtensions} member of a source or output. */
final class ExtensionRules {
    /** SMPTE 2022-1 limits as ffmpeg's prompeg enforces them (protocols.md §2.2): 4..20 each, L*D at most 100. */
    static final int MIN_FEC_DIMENSION = 4;
    static final int MAX_FEC_DIMENSION = 20;
    static final int MAX_FEC_MATRIX = 100;

    private ExtensionRules() {
    }

    static void validate(SluiceExtensionsConfig x, String path, Protocol protocol, boolean source,
                         EncryptionConfig encryption, Problems p) {
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
