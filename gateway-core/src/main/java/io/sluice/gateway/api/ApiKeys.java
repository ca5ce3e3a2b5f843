package io.sluice.gateway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access keys that may call the API ({@code --api-keys FILE}). One key per line:
 * {@code ACCESS_KEY_ID SECRET_ACCESS_KEY [ACCOUNT_ID]}; blank lines and lines starting with {@code #} are skipped.
 * The optional 12-digit account ID is the caller's identity for ListEntitlements (entitlements granted to it); it
 * defaults to the daemon's account. Like a secrets file, the key file must not be readable by group or others.
 */
public final class ApiKeys {

    /** One caller's credentials. The secret never leaves this object except into the HMAC. */
    public record Key(String accessKeyId, String secretAccessKey, String accountId) {
        @Override
        public String toString() {
            return "Key[" + accessKeyId + ", account " + accountId + "]";
        }
    }

    private final Map<String, Key> byAccessKeyId;

    public ApiKeys(List<Key> keys) {
        Map<String, Key> map = new HashMap<>();
        for (Key key : keys) {
            map.put(key.accessKeyId(), key);
        }
        this.byAccessKeyId = Map.copyOf(map);
    }

    /** Reads a key file; fails naming the file and line, never echoing a secret. */
    public static ApiKeys load(Path file, String defaultAccountId) {
        refuseWideOpen(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--api-keys " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<Key> keys = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("--api-keys " + file + " line " + (i + 1)
                        + ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY [ACCOUNT_ID], found " + parts.length + " fields");
            }
            String account = parts.length == 3 ? parts[2] : defaultAccountId;
            if (!account.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("--api-keys " + file + " line " + (i + 1)
                        + ": account ID \"" + account + "\" is not 12 digits");
            }
            keys.add(new Key(parts[0], parts[1], account));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--api-keys " + file + ": no keys found (expected ACCESS_KEY_ID SECRET_ACCESS_KEY lines)");
        }
        return new ApiKeys(keys);
    }

    /** The key with this access key ID, or null. */
    public Key find(String accessKeyId) {
        return byAccessKeyId.get(accessKeyId);
    }

    private static void refuseWideOpen(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("--api-keys " + file
                        + " is readable by group or others; run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new IllegalArgumentException("--api-keys " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
