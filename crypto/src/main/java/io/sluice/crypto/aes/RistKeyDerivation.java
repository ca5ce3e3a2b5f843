package io.sluice.crypto.aes;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The RIST main-profile pre-shared-key derivation (VSF TR-06-2 §7, as librist 0.2.7 does it):
 * key = PBKDF2-HMAC-SHA256(passphrase bytes, salt = the 4 nonce bytes as on the wire, 1024 iterations).
 *
 * <p>Bouncy Castle's generator takes the passphrase as raw bytes, exactly as librist passes its C string; the JDK's
 * {@code PBKDF2WithHmacSHA256} would take a {@code char[]} and re-encode it. About a millisecond per call: run it when
 * the nonce changes, never per packet.
 */
public final class RistKeyDerivation {
    /** PBKDF2 iteration count fixed by TR-06-2. */
    public static final int ITERATIONS = 1024;

    private RistKeyDerivation() {}

    /** Derives a {@code keyBits} (128 or 256) AES key for {@code nonce} (the 32-bit GRE key field). */
    public static byte[] deriveKey(byte[] passphrase, int nonce, int keyBits) {
        if (keyBits != 128 && keyBits != 256) {
            throw new IllegalArgumentException("RIST key size " + keyBits + " bits (expected 128 or 256)");
        }
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("RIST passphrase is empty");
        }
        byte[] salt = {(byte) (nonce >>> 24), (byte) (nonce >>> 16), (byte) (nonce >>> 8), (byte) nonce};
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(passphrase, salt, ITERATIONS);
        return ((KeyParameter) generator.generateDerivedParameters(keyBits)).getKey();
    }
}
