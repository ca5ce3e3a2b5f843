package io.sluice.protocols.rist;

import java.net.InetSocketAddress;

/**
 * Whether a RIST peer is there: connected from the first valid RIST control packet (RTCP, or any GRE the framer
 * accepts) until nothing has come for {@link #SESSION_TIMEOUT_NS}, librist's default {@code session-timeout}
 * (protocols.md §4.7; librist sends RTCP every ~100 ms, so 2 s of silence is a lost peer, not a pause). Counts the
 * disconnections. Loop-confined; {@link #heard} is a field write per packet.
 */
final class RistPeerLiveness {
    static final long SESSION_TIMEOUT_NS = 2_000_000_000L;

    private InetSocketAddress peer;
    private long lastHeardNs;
    private boolean connected;
    private long disconnections;

    /** A valid RIST control packet came from {@code from}. */
    void heard(InetSocketAddress from, long nowNs) {
        peer = from;
        lastHeardNs = nowNs;
        connected = true;
    }

    /** Marks the peer gone once it has been silent for the session timeout; call from the endpoint's tick. */
    void check(long nowNs) {
        if (connected && nowNs - lastHeardNs > SESSION_TIMEOUT_NS) {
            connected = false;
            disconnections++;
        }
    }

    boolean connected() {
        return connected;
    }

    boolean everHeard() {
        return peer != null;
    }

    /** The peer last heard, or null before the first packet. */
    InetSocketAddress peer() {
        return peer;
    }

    long lastHeardNs() {
        return lastHeardNs;
    }

    long disconnections() {
        return disconnections;
    }

    /** "127.0.0.1:40000": how a peer is named in link figures and problem lines. */
    static String name(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        return (address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress())
                + ":" + address.getPort();
    }
}
