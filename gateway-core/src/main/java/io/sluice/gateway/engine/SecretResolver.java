package io.sluice.gateway.engine;

/**
 * Placeholder for {@code io.sluice.crypto.secrets.SecretResolver} (built by the configuration work, not merged
 * yet): maps a Secrets Manager ARN to key material. Deleted when the real one lands.
 */
@FunctionalInterface
public interface SecretResolver {
    /** Fails for every ARN: nothing in the RTP engine needs a secret. */
    SecretResolver NONE = arn -> {
        throw new IllegalStateException("no secret resolver configured (cannot resolve a SecretArn)");
    };

    byte[] resolve(String secretArn);
}
