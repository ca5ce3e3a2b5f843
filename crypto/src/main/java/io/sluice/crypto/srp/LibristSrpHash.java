package io.sluice.crypto.srp;

import java.math.BigInteger;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The SRP-6a hash inputs exactly as librist 0.2.7 builds them (its bundled mbedtls port of Tom Cocagne's csrp,
 * {@code contrib/srp.c}, with SHA-256). Two quirks:
 * <ul>
 *   <li>Every number enters a hash as its minimal big-endian bytes ({@code mbedtls_mpi_write_binary} of
 *       {@code mbedtls_mpi_size} bytes), never padded to the length of N.</li>
 *   <li>Its incremental hashes ({@code hash_init/update/final}) call {@code mbedtls_sha256_init} but never
 *       {@code mbedtls_sha256_starts}, so they run SHA-256 from an all-zero initial state: written H0 below. Its
 *       one-shot {@code hash()} is the real SHA-256 (H). Found by recomputing a verifier that 0.2.7's
 *       {@code ristsrppasswd} printed: only x = H(s | H0(I ":" P)) gives it (see SrpExchangeTest).</li>
 * </ul>
 * <pre>
 *   x    = H(s | H0(I ":" P))
 *   k    = H(N | g)                    g is the single byte 0x02, where RFC 5054 pads it to 256 bytes
 *   u    = H(A | B)                    RFC 5054 pads A and B
 *   K    = H(S)
 *   M1   = H0(H(N) xor H(g) | H(I) | s | A | B | K)      (the SRP-6a paper's M, not RFC 5054's)
 *   M2   = H0(A | M1 | K)
 * </pre>
 * This is why Bouncy Castle's {@code SRP6Client}/{@code SRP6Server} cannot talk to librist as they are: their
 * {@code SRP6Util.calculateK}/{@code calculateU} pad (so every B and S differs) and their evidence messages are
 * RFC 5054's {@code H(A | B | S)}. The parts librist shares with Bouncy Castle (the group, x and the verifier given
 * the H0 digest, public value validation) come from Bouncy Castle; see {@link SrpAuthenticatee} and {@link SrpAuthenticatorSession}.
 */
final class LibristSrpHash {
    static final int DIGEST_BYTES = 32;

    private LibristSrpHash() {}

    /** Bouncy Castle's encoded SHA-256 state keeps H0..H7 as 8 big-endian ints from this offset. */
    private static final int ENCODED_STATE_H_OFFSET = 16;

    static Digest newDigest() {
        return new SHA256Digest();
    }

    /**
     * SHA-256 starting from an all-zero state (librist's H0), built from Bouncy Castle's saved-state constructor. Its
     * first {@code doFinal} resets it to the real SHA-256 state: exactly what {@code SRP6Util.calculateX} needs
     * to hash H0(I ":" P) and then H(s | ...) with one digest.
     */
    static Digest newZeroIvDigest() {
        byte[] state = new SHA256Digest().getEncodedState();
        java.util.Arrays.fill(state, ENCODED_STATE_H_OFFSET, ENCODED_STATE_H_OFFSET + 32, (byte) 0);
        return new SHA256Digest(state);
    }

    /** The minimal big-endian bytes of a non-negative number (none for zero), as mbedtls writes it. */
    static byte[] minimal(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = 0;
        while (skip < bytes.length && bytes[skip] == 0) {
            skip++;
        }
        return skip == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
    }

    static byte[] hash(byte[]... parts) {
        return hash(newDigest(), parts);
    }

    static byte[] hashZeroIv(byte[]... parts) {
        return hash(newZeroIvDigest(), parts);
    }

    private static byte[] hash(Digest digest, byte[]... parts) {
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[DIGEST_BYTES];
        digest.doFinal(out, 0);
        return out;
    }

    static BigInteger hashNumbers(BigInteger first, BigInteger second) {
        return new BigInteger(1, hash(minimal(first), minimal(second)));
    }

    /** k = H(N | g), unpadded. */
    static BigInteger k(BigInteger n, BigInteger g) {
        return hashNumbers(n, g);
    }

    /** u = H(A | B), unpadded. */
    static BigInteger u(BigInteger a, BigInteger b) {
        return hashNumbers(a, b);
    }

    /** K = H(S). */
    static byte[] sessionKey(BigInteger s) {
        return hash(minimal(s));
    }

    /** M1 = H0(H(N) xor H(g) | H(I) | s | A | B | K). */
    static byte[] clientEvidence(BigInteger n, BigInteger g, byte[] identity, BigInteger salt, BigInteger a,
                                 BigInteger b, byte[] key) {
        byte[] hn = hash(minimal(n));
        byte[] hg = hash(minimal(g));
        for (int i = 0; i < hn.length; i++) {
            hn[i] ^= hg[i];
        }
        return hashZeroIv(hn, hash(identity), minimal(salt), minimal(a), minimal(b), key);
    }

    /** M2 = H0(A | M1 | K). */
    static byte[] serverEvidence(BigInteger a, byte[] m1, byte[] key) {
        return hashZeroIv(minimal(a), m1, key);
    }
}
