package io.sluice.crypto.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads secrets from files: {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME} is the file {@code NAME} in
 * the secrets directory. Like ssh with private keys, it refuses a file that group or others may read or write:
 * {@code chmod 600} it.
 */
public final class FileSecretResolver implements SecretResolver {
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    /** Keys and passphrases are short; a large file is a wrong reference, not a secret. */
    private static final long MAX_SECRET_BYTES = 64 * 1024;

    private final Path directory;

    public FileSecretResolver(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds {@code secretArn}'s value (it may not exist). */
    public Path fileOf(String secretArn) {
        Path file = directory.resolve(SecretArns.name(secretArn)).normalize();
        if (!file.startsWith(directory)) {
            throw new SecretException("secret " + secretArn + " points outside " + directory);
        }
        return file;
    }

    @Override
    public byte[] resolve(String secretArn) {
        Path file = fileOf(secretArn);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            checkPermissions(secretArn, file);
            if (Files.size(file) > MAX_SECRET_BYTES) {
                throw new SecretException("secret " + secretArn + ": " + file + " is larger than " + MAX_SECRET_BYTES
                        + " bytes (expected a key or passphrase)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SecretException("secret " + secretArn + ": no file " + file + " (Sluice reads each secret from "
                    + "the file NAME in the secrets directory, set with --secrets-dir)");
        } catch (IOException e) {
            throw new SecretException("secret " + secretArn + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
        }
        if (length == 0) {
            throw new SecretException("secret " + secretArn + ": " + file + " is empty");
        }
        if (length == bytes.length) {
            return bytes;
        }
        byte[] trimmed = Arrays.copyOf(bytes, length);
        Arrays.fill(bytes, (byte) 0);
        return trimmed;
    }

    private static void checkPermissions(String secretArn, Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: the platform's ACLs apply
        }
        if (!Collections.disjoint(permissions, OPEN_TO_OTHERS)) {
            throw new SecretException("secret " + secretArn + ": " + file + " is open to group or others (mode "
                    + PosixFilePermissions.toString(permissions) + "); run chmod 600 " + file);
        }
    }
}
