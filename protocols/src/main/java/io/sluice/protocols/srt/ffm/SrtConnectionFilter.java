package io.sluice.protocols.srt.ffm;

import java.net.InetSocketAddress;

/**
 * Decides, during the handshake, whether a caller may connect to a listener (CIDR allow-list, stream id). Runs on
 * a libsrt thread: be quick, do not block, and touch only thread-safe state.
 */
@FunctionalInterface
public interface SrtConnectionFilter {
    /** Accept. */
    int ACCEPT = 0;

    /**
     * Returns {@link #ACCEPT}, or the reject code the caller will see, e.g. {@link SrtErrors#REJX_FORBIDDEN} for an
     * address outside the allow-list or {@link SrtErrors#REJX_NOTFOUND} for an unknown stream id.
     *
     * @param socket      the socket that will be accepted; per-connection options may be set on it
     * @param hsVersion   handshake version (5 for current peers, 4 for legacy ones without stream id)
     * @param peer        the caller's address (IPv4 or IPv6)
     * @param streamId    the stream id the caller sent, "" if none
     */
    int decide(int socket, int hsVersion, InetSocketAddress peer, String streamId);
}
