package io.sluice.gateway.source.rist;

import io.sluice.config.SluiceExtensionsConfig;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.crypto.srp.SrpVerifier;
import io.sluice.protocols.rist.eap.SrpLogin;
import io.sluice.protocols.rist.eap.SrpUser;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Maps the RIST EAP-SRP extension members ({@code SluiceExtensions.SrpUsername} and {@code SrpPasswordSecretArn},
 * docs/rist.md) to protocol settings:
 * <ul>
 *   <li>Source (the authenticator, like {@code ristreceiver -F}): the secret holds either the password (Sluice makes
 *       a verifier with a fresh salt and forgets the password) or the file librist's {@code ristsrppasswd USER PASS}
 *       prints ({@code user:verifier:salt:3} lines; the SrpUsername line is used), so the source never needs the
 *       password at all.</li>
 *   <li>Output (the authenticatee, like {@code rist://host:port?username=..&password=..}): the secret holds the
 *       password.</li>
 * </ul>
 * Messages name the JSON path and the secret's ARN, never its content.
 */
final class RistSrp {
    private RistSrp() {}

    /** The user a rist source accepts, or null when SrpUsername is absent. */
    static SrpUser sourceUser(String where, SluiceExtensionsConfig x, SecretResolver secrets) {
        if (x.srpUsername() == null) {
            return null;
        }
        String path = where + ".SluiceExtensions.SrpPasswordSecretArn";
        byte[] secret = resolve(path, x, secrets);
        try {
            String text = utf8(secret);
            if (text != null && SrpVerifier.isLibristFile(text)) {
                try {
                    return new SrpUser(x.srpUsername(), SrpVerifier.fromLibristFile(text, x.srpUsername()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + x.srpPasswordSecretArn() + " holds a ristsrppasswd "
                            + "file, but " + e.getMessage(), e);
                }
            }
            checkPassword(path, x, secret);
            return new SrpUser(x.srpUsername(), SrpVerifier.create(x.srpUsername().getBytes(StandardCharsets.UTF_8),
                    secret, new SecureRandom()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** What a rist output logs in with, or null when SrpUsername is absent. */
    static SrpLogin outputLogin(String where, SluiceExtensionsConfig x, SecretResolver secrets) {
        if (x.srpUsername() == null) {
            return null;
        }
        String path = where + ".SluiceExtensions.SrpPasswordSecretArn";
        byte[] secret = resolve(path, x, secrets);
        try {
            String text = utf8(secret);
            if (text != null && SrpVerifier.isLibristFile(text)) {
                throw new IllegalArgumentException(path + ": " + x.srpPasswordSecretArn() + " holds a ristsrppasswd "
                        + "verifier file; an output logs in with the password itself (put the password in the secret)");
            }
            checkPassword(path, x, secret);
            return new SrpLogin(x.srpUsername(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] resolve(String path, SluiceExtensionsConfig x, SecretResolver secrets) {
        if (x.srpPasswordSecretArn() == null) {
            throw new IllegalArgumentException(path + ": missing (required with SrpUsername)");
        }
        if (secrets == null) {
            throw new IllegalArgumentException(path + ": this gateway has no secrets directory");
        }
        return secrets.resolve(x.srpPasswordSecretArn());
    }

    private static void checkPassword(String path, SluiceExtensionsConfig x, byte[] password) {
        if (password.length > 255) {
            throw new IllegalArgumentException(path + ": the password in " + x.srpPasswordSecretArn() + " has "
                    + password.length + " bytes (expected 1 to 255, as librist)");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null; // binary: a password, not a verifier file
        }
    }
}
