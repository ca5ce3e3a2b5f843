package io.sluice.crypto.secrets;

import java.io.Serial;

/** A secret that cannot be resolved. The message names the reference and says why; it never holds the secret. */
public final class SecretException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }
}
