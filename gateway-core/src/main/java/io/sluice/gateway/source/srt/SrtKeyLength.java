package io.sluice.gateway.source.srt;

/** MediaConnect's Encryption.Algorithm to SRTO_PBKEYLEN: aes128/aes192/aes256 → 16/24/32 bytes. */
public final class SrtKeyLength {
    private SrtKeyLength() {}

    /** @param algorithm the wire value ("aes128" ...); null gives 16, libsrt's default with a passphrase */
    public static int ofAlgorithm(String algorithm) {
        if (algorithm == null) {
            return 16;
        }
        return switch (algorithm) {
            case "aes128" -> 16;
            case "aes192" -> 24;
            case "aes256" -> 32;
            default -> throw new IllegalArgumentException("Encryption.Algorithm \"" + algorithm
                    + "\" is not supported for srt-password (expected aes128, aes192 or aes256)");
        };
    }
}
