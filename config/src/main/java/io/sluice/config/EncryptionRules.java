package io.sluice.config;

/** MediaConnect's encryption matrix (mediaconnect-api.md §7.5) plus the two Sluice extensions of static-key. */
final class EncryptionRules {
    /** Where an Encryption appears. */
    enum Where { SOURCE, OUTPUT, ENTITLEMENT, ENTITLED_SOURCE }

    private EncryptionRules() {
    }

    static void validate(EncryptionConfig e, String path, Where where, Protocol protocol, Problems p) {
        KeyType keyType = e.keyType() == null ? KeyType.STATIC_KEY : e.keyType();
        String keyTypePath = p.member(path, "KeyType");
        if (e.roleArn() == null) {
            p.add(p.member(path, "RoleArn"), "is required (MediaConnect requires it; Sluice keeps it but does not "
                    + "use it, so any IAM role ARN will do, e.g. arn:aws:iam::111122223333:role/sluice)");
        } else {
            check(p, p.member(path, "RoleArn"), Syntax.roleArn(e.roleArn()));
        }
        if (e.secretArn() != null) {
            check(p, p.member(path, "SecretArn"), Syntax.secretArn(e.secretArn()));
        }
        switch (keyType) {
            case SPEKE -> p.add(keyTypePath, "\"speke\" needs a SPEKE key server (MediaConnect allows it on entitlements "
                    + "only); Sluice does not support it: use \"static-key\"");
            case SRT_PASSWORD -> {
                if (where == Where.ENTITLEMENT || where == Where.ENTITLED_SOURCE || !Protocols.isSrt(protocol)) {
                    p.add(keyTypePath, "\"srt-password\" applies to srt-listener and srt-caller only"
                            + (protocol == null || where == Where.ENTITLEMENT || where == Where.ENTITLED_SOURCE
                                    ? "" : " (for " + protocol.wireValue() + " use \"static-key\")"));
                }
                requireSecret(e, path, p, "the SRT passphrase");
                spekeMembersAbsent(e, path, p, "srt-password");
            }
            case STATIC_KEY -> {
                staticKeyAllowed(e, path, where, protocol, p);
                requireSecret(e, path, p, "the key");
                if (e.algorithm() == null) {
                    p.add(p.member(path, "Algorithm"), "is required with static-key (expected one of \"aes128\", \"aes192\", \"aes256\")");
                } else if (protocol == Protocol.RIST && e.algorithm() == Algorithm.AES192) {
                    p.add(p.member(path, "Algorithm"), "\"aes192\" is not a RIST key size (RIST main profile PSK uses "
                            + "\"aes128\" or \"aes256\")");
                }
                spekeMembersAbsent(e, path, p, "static-key");
            }
        }
    }

    private static void staticKeyAllowed(EncryptionConfig e, String path, Where where, Protocol protocol, Problems p) {
        if (where == Where.ENTITLEMENT || where == Where.ENTITLED_SOURCE || protocol == null) {
            return;
        }
        String keyTypePath = p.member(path, "KeyType");
        if (Protocols.isSrt(protocol)) {
            p.add(keyTypePath, (e.keyType() == null ? "defaults to \"static-key\", which" : "\"static-key\"")
                    + " does not apply to " + protocol.wireValue() + " (expected \"srt-password\")");
        } else if (protocol == Protocol.UDP) {
            p.add(keyTypePath, "udp carries plain MPEG-TS and cannot be encrypted (use rtp with static-key, rist or srt)");
        }
        // rtp, rtp-fec (SRTP-style AES-CTR) and rist (main-profile PSK) take static-key: the Sluice extensions.
    }

    private static void requireSecret(EncryptionConfig e, String path, Problems p, String what) {
        if (e.secretArn() == null) {
            p.add(p.member(path, "SecretArn"), "is required (the secret that holds " + what
                    + ", e.g. arn:aws:secretsmanager:us-east-1:111122223333:secret:my-key)");
        }
    }

    private static void spekeMembersAbsent(EncryptionConfig e, String path, Problems p, String keyType) {
        String[][] members = {
            {"ConstantInitializationVector", e.constantInitializationVector()},
            {"DeviceId", e.deviceId()},
            {"Region", e.region()},
            {"ResourceId", e.resourceId()},
            {"Url", e.url()},
        };
        for (String[] member : members) {
            if (member[1] != null) {
                p.add(p.member(path, member[0]), "applies to speke only (not to " + keyType + "): remove it");
            }
        }
    }

    static void check(Problems p, String path, String error) {
        if (error != null) {
            p.add(path, error);
        }
    }
}
