package io.sluice.protocols.rist;

/** What {@link RtcpReader} found in a compound RTCP packet; called on the event loop, nothing is retained. */
public interface RtcpListener {
    /** An SR or RR from {@code ssrc}. */
    default void onReport(long ssrc) {}

    /** An SDES chunk from {@code ssrc}: the peer has done the RIST handshake. */
    default void onSdes(long ssrc) {}

    /** Packets {@code firstSeq} .. {@code firstSeq + extra} (16-bit, wrapping) were requested again. */
    default void onNack(int firstSeq, int extra) {}

    /**
     * Packets {@code firstSeq} .. {@code firstSeq + extra} (32-bit, wrapping) were requested again: NACKs after an
     * EXTSEQ packet in the same compound. Endpoints without 32-bit sequence numbers see the low 16 bits.
     */
    default void onExtendedNack(long firstSeq, int extra) {
        onNack((int) (firstSeq & 0xFFFF), extra);
    }

    /** The peer asks for an RTT echo of {@code timestamp}. */
    default void onEchoRequest(long timestamp) {}

    /** The peer echoed our {@code timestamp} after holding it {@code processingDelayUs}. */
    default void onEchoResponse(long timestamp, long processingDelayUs) {}
}
