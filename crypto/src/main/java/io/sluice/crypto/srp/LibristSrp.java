package io.sluice.crypto.srp;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The SRP-6a parameters librist 0.2.7 uses for RIST EAP-SRP: the RFC 5054 Appendix A 2048-bit group (g = 2, its
 * {@code SRP_NG_2048}, the only group its tools offer) with SHA-256, taken from Bouncy Castle.
 */
public final class LibristSrp {
    /** RFC 5054 2048-bit group, as Bouncy Castle ships it. */
    public static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_2048;
    /** librist draws 32-byte salts and 32-byte private values. */
    public static final int SALT_BYTES = 32;
    static final int PRIVATE_VALUE_BITS = 256;
    /** librist rejects longer user names and passwords (255 bytes plus the C terminator). */
    public static final int MAX_CREDENTIAL_BYTES = 255;

    private LibristSrp() {}

    /**
     * A private value a or b of 256 random bits, as librist's {@code mbedtls_mpi_fill_random(.., 32, ..)}: 128-bit
     * security in this group, and an 8x cheaper exponentiation than Bouncy Castle's default of up to N - 1 (the
     * exchange runs on a flow's event loop, see docs/rist.md).
     */
    static BigInteger privateValue(SecureRandom random) {
        BigInteger value;
        do {
            value = BigIntegers.createRandomBigInteger(PRIVATE_VALUE_BITS, random);
        } while (value.signum() == 0);
        return value;
    }

    static void checkCredential(String what, byte[] value) {
        if (value.length == 0 || value.length > MAX_CREDENTIAL_BYTES) {
            throw new IllegalArgumentException("SRP " + what + " has " + value.length + " bytes (expected 1 to "
                    + MAX_CREDENTIAL_BYTES + ", as librist)");
        }
    }
}
