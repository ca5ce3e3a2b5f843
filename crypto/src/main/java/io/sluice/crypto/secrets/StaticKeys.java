package io.sluice.crypto.secrets;

/**
 * Static keys as MediaConnect stores them: a hex string in the secret (32, 48 or 64 hex digits for AES-128, -192,
 * -256). Errors name the ARN and the expected length, never the value.
 */
public final class StaticKeys {
    private StaticKeys() {
    }

    /** The key bytes of {@code secretArn}, which must be {@code keyBytes} long (16, 24 or 32). */
    public static byte[] aesKey(SecretResolver resolver, String secretArn, int keyBytes) {
        byte[] text = resolver.resolve(secretArn);
        try {
            return fromHex(secretArn, text, keyBytes);
        } finally {
            java.util.Arrays.fill(text, (byte) 0);
        }
    }

    /** Decodes hex {@code text} (the secret's bytes) into a key of {@code keyBytes} bytes. */
    public static byte[] fromHex(String secretArn, byte[] text, int keyBytes) {
        if (text.length != keyBytes * 2) {
            throw new SecretException("secret " + secretArn + " holds " + text.length + " characters (expected "
                    + keyBytes * 2 + " hex digits for a " + keyBytes * 8 + "-bit AES key)");
        }
        byte[] key = new byte[keyBytes];
        for (int i = 0; i < keyBytes; i++) {
            int high = Character.digit(text[2 * i], 16);
            int low = Character.digit(text[2 * i + 1], 16);
            if (high < 0 || low < 0) {
                java.util.Arrays.fill(key, (byte) 0);
                throw new SecretException("secret " + secretArn + " is not hex (expected " + keyBytes * 2
                        + " digits 0-9 a-f)");
            }
            key[i] = (byte) (high << 4 | low);
        }
        return key;
    }
}
