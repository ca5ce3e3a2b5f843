package io.sluice.protocols.rist.eap;

import java.nio.charset.StandardCharsets;

/**
 * What a RIST sender logs in with over EAP-SRP (librist {@code username=}/{@code password=}): a user name and the
 * password bytes, each 1-255 bytes as librist allows. {@link #toString()} never shows the password.
 */
public record SrpLogin(String username, byte[] password) {
    public SrpLogin {
        int userBytes = username.getBytes(StandardCharsets.UTF_8).length;
        if (userBytes == 0 || userBytes > 255 || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("SRP user name must be 1-255 bytes without ':'");
        }
        if (password.length == 0 || password.length > 255) {
            throw new IllegalArgumentException("SRP password has " + password.length + " bytes (expected 1 to 255, as librist)");
        }
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "SrpLogin[username=" + username + ", password=***]";
    }
}
