package io.sluice.crypto.secrets;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns a secret reference ({@code SecretArn} of a flow document) into the secret's bytes.
 *
 * <p>Secrets never appear in messages: every {@link SecretException} names the ARN and the file, never the value.
 */
public interface SecretResolver {

    /** The default secrets directory, {@code ./secrets}, as {@code bin/sluice --secrets-dir} assumes. */
    Path DEFAULT_DIRECTORY = Path.of("secrets");

    /**
     * The secret's bytes, with one trailing line break ({@code \n} or {@code \r\n}) removed so that files written by
     * {@code echo} work. The caller owns the array and should overwrite it once the key is derived.
     *
     * @throws SecretException when the ARN is malformed, the secret is missing, unreadable or readable by others
     */
    byte[] resolve(String secretArn);

    /** The secret as UTF-8 text (passphrases, hex keys). */
    default String resolveText(String secretArn) {
        byte[] bytes = resolve(secretArn);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecretException("secret " + secretArn + " is not UTF-8 text");
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Resolves ARNs to files under {@code directory}: {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME} → {@code directory/NAME}. */
    static SecretResolver directory(Path directory) {
        return new FileSecretResolver(directory);
    }
}
