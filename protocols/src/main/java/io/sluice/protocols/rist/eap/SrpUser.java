package io.sluice.protocols.rist.eap;

import io.sluice.crypto.srp.SrpVerifier;
import java.nio.charset.StandardCharsets;

/**
 * The user a RIST receiver accepts over EAP-SRP: the name and its SRP verifier (from a password, or from a line of
 * librist's {@code ristsrppasswd} file). The receiver never holds the password itself.
 */
public record SrpUser(String username, SrpVerifier verifier) {
    public SrpUser {
        int userBytes = username.getBytes(StandardCharsets.UTF_8).length;
        if (userBytes == 0 || userBytes > 255 || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("SRP user name must be 1-255 bytes without ':'");
        }
        java.util.Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String toString() {
        return "SrpUser[username=" + username + "]";
    }
}
