package io.sluice.protocols.rist;

import java.net.InetSocketAddress;

/**
 * Remembers the latest {@link RistRefusal} (which peer, when) and when a packet was last accepted, so an endpoint can
 * say what is wrong with its link in one line: only while refusals are recent and nothing was accepted for as long
 * (a wrong key refuses every packet; stray garbage next to a good stream is counted, not reported). Recording is a
 * few field writes; the line is built only when asked for (a snapshot), never per packet.
 */
final class RistTroubleLog {
    private final String what;
    private RistRefusal refusal;
    private InetSocketAddress refusedPeer;
    private long refusedNs;
    private long acceptedNs;
    private boolean accepted;

    /** @param what how the refused packets are named in the line ("packets", "RTCP packets") */
    RistTroubleLog(String what) {
        this.what = what;
    }

    void refused(RistRefusal why, InetSocketAddress from, long nowNs) {
        refusal = why;
        refusedPeer = from;
        refusedNs = nowNs;
    }

    void accepted(long nowNs) {
        acceptedNs = nowNs;
        accepted = true;
    }

    /** The problem line, or null when nothing was refused in the last session timeout or packets get through. */
    String problem(long nowNs) {
        if (refusal == null || nowNs - refusedNs > RistPeerLiveness.SESSION_TIMEOUT_NS) {
            return null;
        }
        if (accepted && nowNs - acceptedNs <= RistPeerLiveness.SESSION_TIMEOUT_NS) {
            return null;
        }
        return refusal.describe(what, RistPeerLiveness.name(refusedPeer));
    }
}
