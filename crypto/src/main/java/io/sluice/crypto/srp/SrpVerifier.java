package io.sluice.crypto.srp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;

/**
 * What an SRP authenticator stores for one user: the salt s and the verifier v = g^x mod N with
 * x = H(s | H0(user ":" password)) (Bouncy Castle's {@code SRP6VerifierGenerator} given librist's zero-state
 * SHA-256 H0, see {@link LibristSrpHash}). Either made from a password, or read from a line of the file librist's {@code ristsrppasswd USER
 * PASS} prints and {@code ristreceiver -F} reads: {@code user:verifier:salt:3} (base64 without padding; newer
 * librist appends {@code :0} for this hashing, or {@code :1} for another one Sluice does not speak).
 */
public final class SrpVerifier {
    private static final Pattern LINE = Pattern.compile("([^:\\s]+):([A-Za-z0-9+/]+=*):([A-Za-z0-9+/]+=*):(\\d+)(?::(\\d+))?");

    private final byte[] salt;
    private final BigInteger verifier;

    private SrpVerifier(byte[] salt, BigInteger verifier) {
        this.salt = LibristSrpHash.minimal(new BigInteger(1, salt)); // librist hashes the salt as a number
        this.verifier = verifier;
        if (this.salt.length == 0 || verifier.signum() <= 0 || verifier.compareTo(LibristSrp.GROUP.getN()) >= 0) {
            throw new IllegalArgumentException("SRP verifier or salt is out of range for the 2048-bit group");
        }
    }

    /** A new random salt and the verifier of {@code password} for {@code username} (the bytes are not kept). */
    public static SrpVerifier create(byte[] username, byte[] password, SecureRandom random) {
        LibristSrp.checkCredential("user name", username);
        LibristSrp.checkCredential("password", password);
        byte[] salt = new byte[LibristSrp.SALT_BYTES];
        do {
            random.nextBytes(salt);
        } while (salt[0] == 0); // a full-length salt, so that the stored and the hashed bytes are the same
        SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
        generator.init(LibristSrp.GROUP, LibristSrpHash.newZeroIvDigest()); // x = H(s | H0(I ":" P))
        return new SrpVerifier(salt, generator.generateVerifier(salt, username, password));
    }

    /** A stored salt and verifier (big-endian bytes). */
    public static SrpVerifier of(byte[] salt, byte[] verifier) {
        return new SrpVerifier(salt, new BigInteger(1, verifier));
    }

    /** Whether {@code text} is a librist SRP file: every non-blank line is {@code user:verifier:salt:N[:M]}. */
    public static boolean isLibristFile(String text) {
        boolean any = false;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!LINE.matcher(line.strip()).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * The verifier of {@code username} in a librist SRP file. Throws with a message that names the problem (never a
     * value) when the user has no line or the line is not one librist 0.2.7 would accept.
     */
    public static SrpVerifier fromLibristFile(String text, String username) {
        for (String raw : text.split("\r?\n")) {
            Matcher m = LINE.matcher(raw.strip());
            if (!m.matches() || !m.group(1).equals(username)) {
                continue;
            }
            if (!m.group(4).equals("3")) {
                throw new IllegalArgumentException("the SRP file line of user \"" + username + "\" names group/hash "
                        + m.group(4) + " (expected 3: SHA-256 with the 2048-bit group, as ristsrppasswd writes)");
            }
            if (m.group(5) != null && !m.group(5).equals("0")) {
                throw new IllegalArgumentException("the SRP file line of user \"" + username + "\" ends in :"
                        + m.group(5) + ", the hashing of librist releases after 0.2.7, which Sluice does not speak "
                        + "(use a line ending in :3 or :3:0)");
            }
            byte[] verifier = decode(m.group(2), username, "verifier");
            byte[] salt = decode(m.group(3), username, "salt");
            try {
                return new SrpVerifier(salt, new BigInteger(1, verifier));
            } finally {
                Arrays.fill(verifier, (byte) 0);
            }
        }
        throw new IllegalArgumentException("the SRP file has no line for user \"" + username + "\"");
    }

    private static byte[] decode(String base64, String username, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + field + " of user \"" + username + "\" in the SRP file is not base64");
        }
    }

    /** The salt as sent in the SRP challenge (minimal big-endian bytes). */
    public byte[] salt() {
        return salt.clone();
    }

    BigInteger verifier() {
        return verifier;
    }

    /** The line {@code ristsrppasswd} would print for this verifier, for {@code ristreceiver -F}. */
    public String toLibristLine(String username) {
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return username + ":" + encoder.encodeToString(LibristSrpHash.minimal(verifier)) + ":"
                + encoder.encodeToString(salt) + ":3";
    }
}
