package io.sluice.protocols.rist;

/**
 * Main-profile pre-shared key: the passphrase bytes, AES key size 128 or 256, and how many packets a sender encrypts
 * with one nonce before picking a new one (0 = only before the GRE sequence wraps, as librist's default).
 * {@link #toString()} never shows the passphrase.
 */
public record RistPskSettings(byte[] passphrase, int keyBits, long rotationPackets) {
    public RistPskSettings {
        if (keyBits != 128 && keyBits != 256) {
            throw new IllegalArgumentException("RIST AES key size " + keyBits + " (expected 128 or 256)");
        }
        if (passphrase == null || passphrase.length == 0 || passphrase.length > 127) {
            throw new IllegalArgumentException("RIST passphrase must be 1-127 bytes");
        }
        passphrase = passphrase.clone();
    }

    @Override
    public byte[] passphrase() {
        return passphrase.clone();
    }

    RistPsk newPsk() {
        return new RistPsk(passphrase, keyBits, rotationPackets);
    }

    @Override
    public String toString() {
        return "RistPskSettings[keyBits=" + keyBits + ", rotationPackets=" + rotationPackets + ", passphrase=***]";
    }
}
