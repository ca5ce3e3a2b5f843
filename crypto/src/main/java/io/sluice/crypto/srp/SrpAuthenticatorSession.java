package io.sluice.crypto.srp;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;

/**
 * The server (authenticator) side of one librist SRP-6a exchange for one user: {@link #serverKey} answers the
 * client's A with B = (k v + g^b) mod N, {@link #verifyClientEvidence} checks M1 and returns M2.
 *
 * <p>Bouncy Castle supplies the group and the check of A ({@code SRP6Util.validatePublicValue}); k, u and the
 * evidence messages follow librist's hashing ({@link LibristSrpHash}), which is why B and S = (A v^u)^b mod N are
 * written out here rather than taken from {@code SRP6Server}. Not thread-safe; one per exchange.
 */
public final class SrpAuthenticatorSession {
    private static final BigInteger N = LibristSrp.GROUP.getN();
    private static final BigInteger G = LibristSrp.GROUP.getG();

    private final byte[] identity;
    private final SrpVerifier verifier;
    private final SecureRandom random;
    private byte[] expectedM1;
    private byte[] m2;

    public SrpAuthenticatorSession(byte[] username, SrpVerifier verifier, SecureRandom random) {
        this.identity = username.clone();
        this.verifier = verifier;
        this.random = random;
    }

    /** B (minimal big-endian bytes) for the client's {@code clientKey} A, or null when A mod N = 0. */
    public byte[] serverKey(byte[] clientKey) {
        BigInteger a;
        try {
            a = SRP6Util.validatePublicValue(N, new BigInteger(1, clientKey));
        } catch (CryptoException e) {
            return null;
        }
        BigInteger v = verifier.verifier();
        BigInteger privateB = LibristSrp.privateValue(random);
        BigInteger b = LibristSrpHash.k(N, G).multiply(v).add(G.modPow(privateB, N)).mod(N);
        BigInteger u = LibristSrpHash.u(a, b);
        BigInteger secret = a.multiply(v.modPow(u, N)).mod(N).modPow(privateB, N);
        byte[] key = LibristSrpHash.sessionKey(secret);
        expectedM1 = LibristSrpHash.clientEvidence(N, G, identity, new BigInteger(1, verifier.salt()), a, b, key);
        m2 = LibristSrpHash.serverEvidence(a, expectedM1, key);
        java.util.Arrays.fill(key, (byte) 0);
        return LibristSrpHash.minimal(b);
    }

    /** M2 (32 bytes) when {@code m1} proves the client knows the password, else null (constant-time check). */
    public byte[] verifyClientEvidence(byte[] m1) {
        if (expectedM1 == null || !MessageDigest.isEqual(expectedM1, m1)) {
            return null;
        }
        return m2.clone();
    }
}
