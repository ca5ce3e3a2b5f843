package io.sluice.gateway.testing;

import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, a one-thread {@link Gateway} that reads its secrets from a fresh directory, as
 * {@code bin/sluice --secrets-dir} does: register it with {@code @RegisterExtension} and write the secrets with
 * {@link #secret} before creating a flow that names them (the resolver reads a secret when a flow needs it). After
 * the test the gateway closes and the directory is deleted.
 */
public final class SecretsGateway implements BeforeEachCallback, AfterEachCallback {
    private Path directory;
    private Gateway gateway;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("sluice-secrets");
        gateway = Gateway.builder().threads(1).secrets(SecretResolver.directory(directory)).build();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (directory != null) {
            List<Path> deepestFirst;
            try (Stream<Path> files = Files.walk(directory)) {
                deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
            directory = null;
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Writes the secret {@code name} (the last part of its ARN), owner-only; returns its file. */
    public Path secret(String name, String value) {
        return SecretFiles.write(directory, name, value);
    }
}
