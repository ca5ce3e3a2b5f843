package io.sluice.protocols.srt;

import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtLibrary;
import io.sluice.protocols.srt.ffm.SrtOption;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Creates non-blocking live-mode SRT sockets with {@link SrtSettings} applied. Control path only. */
public final class SrtSockets {
    private SrtSockets() {}

    /**
     * A new non-blocking live-mode socket with {@code settings} applied (TRANSTYPE first: it resets dependent
     * defaults). The caller owns it: {@link Srt#close(int)} it.
     */
    public static int create(SrtSettings settings) {
        SrtLibrary.start();
        int socket = Srt.createSocket();
        try {
            Srt.setInt(socket, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
            Srt.setInt(socket, SrtOption.RCVSYN, 0);
            Srt.setInt(socket, SrtOption.SNDSYN, 0);
            Srt.setInt(socket, SrtOption.LATENCY, settings.latencyMs());
            Srt.setInt(socket, SrtOption.CONNTIMEO, settings.connectTimeoutMs());
            Srt.setInt(socket, SrtOption.PEERIDLETIMEO, settings.peerIdleTimeoutMs());
            if (settings.encrypted()) {
                byte[] passphrase = settings.passphrase();
                try {
                    Srt.setBytes(socket, SrtOption.PASSPHRASE, passphrase);
                } finally {
                    java.util.Arrays.fill(passphrase, (byte) 0);
                }
                Srt.setInt(socket, SrtOption.PBKEYLEN, settings.keyLengthBytes());
            }
            if (!settings.streamId().isEmpty()) {
                Srt.setBytes(socket, SrtOption.STREAMID, settings.streamId().getBytes(StandardCharsets.UTF_8));
            }
            return socket;
        } catch (RuntimeException e) {
            Srt.close(socket);
            throw e;
        }
    }

    /** Binds {@code socket} to {@code local}; an IPv6 address gets IPV6ONLY=0 so a wildcard also takes IPv4. */
    public static void bind(int socket, InetSocketAddress local) {
        if (local.getAddress() instanceof Inet6Address) {
            Srt.setInt(socket, SrtOption.IPV6ONLY, 0);
        }
        Srt.bind(socket, local);
    }

    /** A readable description of why a connection attempt on {@code socket} ended, safe for logs (no secrets). */
    public static String describeFailure(int socket) {
        int reason = Srt.rejectReason(socket);
        return switch (reason) {
            case SrtErrors.REJ_BADSECRET -> "refused at handshake: wrong SRT passphrase (reject reason 10)";
            case SrtErrors.REJ_UNSECURE -> "refused at handshake: passphrase set on one side only (reject reason 11)";
            case SrtErrors.REJ_UNKNOWN -> "connection failed: " + Srt.rejectReasonText(reason);
            default -> "refused at handshake: " + Srt.rejectReasonText(reason) + " (reject reason " + reason + ")";
        };
    }
}
