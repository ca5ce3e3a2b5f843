package io.sluice.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets for a {@code SecretResolver.directory(...)}, as {@code bin/sluice --secrets-dir} reads them: one file per
 * secret, named by the last part of its ARN, readable by its owner only (the resolver refuses wider permissions).
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** Writes {@code value} (UTF-8) to {@code directory/name} with mode rw-------; returns the file. */
    public static Path write(Path directory, String name, String value) {
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, value, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
        return file;
    }
}
