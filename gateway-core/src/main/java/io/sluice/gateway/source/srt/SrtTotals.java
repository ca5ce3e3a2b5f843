package io.sluice.gateway.source.srt;

import io.sluice.protocols.srt.ffm.SrtStats;

/**
 * libsrt's per-connection totals summed over an endpoint's connections, those gone included, so the figures a flow
 * reports only ever grow while peers come and go. Mutable, loop-only; {@link SrtLink} keeps one for the
 * connections that left and sums the live ones into a fresh copy when asked.
 */
final class SrtTotals implements Cloneable {
    /** Gaps this receiver detected (pktRcvLossTotal): what it asked again for with NAKs. */
    long lossDetected;
    /** Gaps a retransmission filled in time ({@link SrtStats#packetsRecoveredByRetransmission()}). */
    long recovered;
    /** Packets the peer reported lost to this sender (pktSndLossTotal). */
    long lossReported;
    /** Packets this sender sent again (pktRetransTotal). */
    long retransmitted;
    /** Packets the receiver dropped too late to play (pktRcvDropTotal). */
    long receiveDrops;
    /** Packets the sender dropped too late to send (pktSndDropTotal). */
    long sendDrops;
    /** Packets that could not be decrypted (pktRcvUndecryptTotal). */
    long undecryptable;
    /** Messages Sluice dropped because the connection's send buffer was full. */
    long queueDrops;

    void add(SrtStats stats) {
        lossDetected += stats.packetsLostReceiving();
        recovered += stats.packetsRecoveredByRetransmission();
        lossReported += stats.packetsLostSending();
        retransmitted += stats.packetsRetransmitted();
        receiveDrops += stats.packetsDroppedReceiving();
        sendDrops += stats.packetsDroppedSending();
        undecryptable += stats.packetsUndecryptable();
    }

    /** A copy to sum the live connections into; field for field ({@code Object.clone}), so none can be left out. */
    SrtTotals copy() {
        try {
            return (SrtTotals) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
