package io.sluice.config;

/**
 * MediaConnect's {@code Encryption}: how a stream is encrypted and where its key lives. {@code secretArn} and
 * {@code roleArn} are references kept as given; {@code io.sluice.crypto.secrets.SecretResolver} turns a secret ARN
 * into key material. This record never holds a key.
 */
public record EncryptionConfig(
        Algorithm algorithm,
        KeyType keyType,
        String secretArn,
        String roleArn,
        String constantInitializationVector,
        String deviceId,
        String region,
        String resourceId,
        String url) {
}
