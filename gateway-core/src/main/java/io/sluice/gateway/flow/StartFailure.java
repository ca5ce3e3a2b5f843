package io.sluice.gateway.flow;

import java.net.BindException;
import java.net.SocketException;
import java.util.Locale;

/**
 * A source or output could not start; the message is written for the person running the gateway
 * ("IngestPort 5000 is already in use by another process"), the cause keeps the socket error.
 */
public final class StartFailure extends Exception {
    public StartFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Turns a socket error while binding or connecting {@code what} (e.g. {@code "IngestPort 5000"}) into an
     * actionable message.
     */
    public static StartFailure of(String what, Throwable cause) {
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        String message;
        if (text.contains("address already in use")) {
            message = what + " is already in use by another process";
        } else if (text.contains("permission denied") || text.contains("access denied")) {
            message = what + " needs privileges (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
        } else if (text.contains("cannot assign requested address")) {
            message = what + ": the address is not one of this host's addresses (check --bind or the bind address)";
        } else if (text.contains("network is unreachable") || text.contains("no route")) {
            message = what + ": no route to the destination (network is unreachable)";
        } else if (cause instanceof BindException || cause instanceof SocketException) {
            message = what + ": " + cause.getMessage();
        } else {
            message = what + ": " + cause;
        }
        return new StartFailure(message, cause);
    }
}
