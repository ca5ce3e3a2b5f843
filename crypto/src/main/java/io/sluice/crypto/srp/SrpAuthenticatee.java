package io.sluice.crypto.srp;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;

/**
 * The client (authenticatee) side of librist's SRP-6a, one exchange at a time: {@link #clientKey()} starts it (A),
 * {@link #clientEvidence} answers the server's salt and B with M1, {@link #verifyServerEvidence} checks M2.
 *
 * <p>Bouncy Castle supplies the group, x ({@code SRP6Util.calculateX} with librist's zero-state SHA-256) and the check of B
 * ({@code SRP6Util.validatePublicValue}); k, u and the evidence messages follow librist's hashing
 * ({@link LibristSrpHash}), so S = (B - k g^x)^(a + u x) mod N is written out here with them. Not thread-safe: one
 * per connection, used on its event loop. Holds a copy of the password until {@link #destroy()}.
 */
public final class SrpAuthenticatee {
    private static final BigInteger N = LibristSrp.GROUP.getN();
    private static final BigInteger G = LibristSrp.GROUP.getG();

    private final byte[] identity;
    private final byte[] password;
    private final SecureRandom random;
    private BigInteger privateA;
    private BigInteger publicA;
    private byte[] expectedM2;

    public SrpAuthenticatee(byte[] username, byte[] password, SecureRandom random) {
        LibristSrp.checkCredential("user name", username);
        LibristSrp.checkCredential("password", password);
        this.identity = username.clone();
        this.password = password.clone();
        this.random = random;
    }

    /** Starts a new exchange: a fresh private a, and A = g^a mod N as minimal big-endian bytes. */
    public byte[] clientKey() {
        privateA = LibristSrp.privateValue(random);
        publicA = G.modPow(privateA, N);
        expectedM2 = null;
        return LibristSrpHash.minimal(publicA);
    }

    /**
     * M1 (32 bytes) for the server's {@code salt} and {@code serverKey} B, or null when B is not acceptable
     * (B mod N = 0 or u = 0: SRP-6a's safety checks) or {@link #clientKey()} has not run.
     */
    public byte[] clientEvidence(byte[] salt, byte[] serverKey) {
        if (publicA == null) {
            return null;
        }
        BigInteger b;
        try {
            b = SRP6Util.validatePublicValue(N, new BigInteger(1, serverKey));
        } catch (CryptoException e) {
            return null;
        }
        BigInteger u = LibristSrpHash.u(publicA, b);
        if (u.signum() == 0) {
            return null;
        }
        BigInteger s = new BigInteger(1, salt);
        BigInteger x = SRP6Util.calculateX(LibristSrpHash.newZeroIvDigest(), N, LibristSrpHash.minimal(s), identity, password);
        BigInteger k = LibristSrpHash.k(N, G);
        BigInteger base = b.subtract(k.multiply(G.modPow(x, N))).mod(N);
        BigInteger secret = base.modPow(privateA.add(u.multiply(x)), N);
        byte[] key = LibristSrpHash.sessionKey(secret);
        byte[] m1 = LibristSrpHash.clientEvidence(N, G, identity, s, publicA, b, key);
        expectedM2 = LibristSrpHash.serverEvidence(publicA, m1, key);
        Arrays.fill(key, (byte) 0);
        return m1;
    }

    /** Whether {@code m2} proves that the server knows the verifier (constant-time comparison). */
    public boolean verifyServerEvidence(byte[] m2) {
        return expectedM2 != null && MessageDigest.isEqual(expectedM2, m2);
    }

    /** Overwrites the password copy. */
    public void destroy() {
        Arrays.fill(password, (byte) 0);
        privateA = null;
        expectedM2 = null;
    }
}
