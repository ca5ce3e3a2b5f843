package io.sluice.protocols.rist;

/**
 * Counters of one RIST endpoint (receiver or sender), plain longs written only on its event loop. Read them from
 * another thread through a {@link #copy()} made on the loop ({@code loop.submit(counters::copy)}).
 */
public final class RistCounters implements Cloneable {
    long packetsReceived;
    long bytesReceived;
    long lostBeforeArq;
    long recoveredByArq;
    long unrecovered;
    long overflow;
    long packetsRequested;
    long nullPacketsRestored;
    long retransmissionsReceived;
    long retransmissionsSent;
    long retransmissionsUnavailable;
    long nackRequestsSent;
    long nackRequestsReceived;
    long duplicates;
    long late;
    long packetsSent;
    long bytesSent;
    long rttNs = -1;
    long decryptionFailures;
    long malformed;
    long unsupported;
    long streamResets;
    long droppedByAllowList;

    /** Media packets accepted (originals and useful retransmissions, no duplicates). */
    public long packetsReceived() { return packetsReceived; }
    public long bytesReceived() { return bytesReceived; }
    /** Sequence gaps seen (packets missing when a later one arrived), before any retransmission. */
    public long lostBeforeArq() { return lostBeforeArq; }
    /** Gaps filled by a retransmission before their release deadline. */
    public long recoveredByArq() { return recoveredByArq; }
    /** Gaps the output skipped: still open at their release deadline, at a restart, or pushed out of a full ring. */
    public long unrecovered() { return unrecovered; }
    /** The part of {@link #unrecovered()} given up early because the ring was full (MaxBitrate too low). */
    public long overflow() { return overflow; }
    /** Distinct packets NACKed at least once (a receiver); {@link #nackRequestsSent()} counts every request. */
    public long packetsRequested() { return packetsRequested; }
    /** MPEG-TS null packets put back where a sender's null packet deletion (TR-06-2 NPD) took them out. */
    public long nullPacketsRestored() { return nullPacketsRestored; }
    public long retransmissionsReceived() { return retransmissionsReceived; }
    public long retransmissionsSent() { return retransmissionsSent; }
    /** NACKed packets the sender no longer (or never) held. */
    public long retransmissionsUnavailable() { return retransmissionsUnavailable; }
    /** Sequence numbers requested in NACKs sent (a receiver) or received (a sender). */
    public long nackRequestsSent() { return nackRequestsSent; }
    public long nackRequestsReceived() { return nackRequestsReceived; }
    public long duplicates() { return duplicates; }
    /** Packets that arrived after their slot had been released. */
    public long late() { return late; }
    public long packetsSent() { return packetsSent; }
    public long bytesSent() { return bytesSent; }
    /** Latest round-trip time from the RIST echo, or -1 before the first answer. */
    public long rttNs() { return rttNs; }
    /** Main profile: packets that could not be decrypted (wrong key, missing key, unexpected clear packet). */
    public long decryptionFailures() { return decryptionFailures; }
    /** Datagrams that were neither valid RTP, RTCP nor GRE. */
    public long malformed() { return malformed; }
    /** Valid but unsupported datagrams (GRE keep-alive, out-of-band IPv4, EAPOL when no SRP is configured). */
    public long unsupported() { return unsupported; }
    /** Times the receive buffer restarted on a new SSRC or a sequence jump beyond its window. */
    public long streamResets() { return streamResets; }

    /** Datagrams from senders outside the allow-list (WhitelistCidr). */
    public long droppedByAllowList() { return droppedByAllowList; }

    /**
     * A copy for another thread; call on the owning loop. Field for field ({@code Object.clone}), so a counter added
     * later cannot be left out of it.
     */
    public RistCounters copy() {
        try {
            return (RistCounters) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public String toString() {
        return "RistCounters{received=" + packetsReceived + ", lostBeforeArq=" + lostBeforeArq
                + ", recovered=" + recoveredByArq + ", unrecovered=" + unrecovered + ", overflow=" + overflow
                + ", requested=" + packetsRequested + ", nullsRestored=" + nullPacketsRestored
                + ", retransmissionsReceived=" + retransmissionsReceived + ", retransmissionsSent=" + retransmissionsSent
                + ", nacksSent=" + nackRequestsSent + ", nacksReceived=" + nackRequestsReceived
                + ", duplicates=" + duplicates + ", late=" + late + ", sent=" + packetsSent
                + ", rttNs=" + rttNs + ", decryptionFailures=" + decryptionFailures + ", malformed=" + malformed
                + ", unsupported=" + unsupported + ", resets=" + streamResets + ", droppedByAllowList=" + droppedByAllowList + "}";
    }
}
