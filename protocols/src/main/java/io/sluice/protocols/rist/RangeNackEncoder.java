package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * Encodes requested sequence numbers, given in ascending order, as RIST range NACKs (APP "RIST" subtype 0, at most
 * {@link RtcpWriter#MAX_RANGES} ranges per packet, protocols.md §4.3). For a stream with 32-bit sequence numbers
 * (TR-06-2 §8.3, protocols.md §4.9) each run of ranges is preceded by an EXTSEQ packet (subtype 1) carrying the
 * high 16 bits they share. One per receiver, reused for every compound: no allocation.
 */
final class RangeNackEncoder {
    private static final long NONE = Long.MIN_VALUE;

    private ByteBuf out;
    private long mediaSsrc;
    private boolean extended;
    private long first;
    private long last;
    private int nackStart;
    private int ranges;
    private int high;

    /** Starts encoding into {@code out} (not taken) for {@code ssrc}; {@code extendedSequence}: 32-bit numbers. */
    void begin(ByteBuf buffer, long ssrc, boolean extendedSequence) {
        out = buffer;
        mediaSsrc = ssrc;
        extended = extendedSequence;
        first = NONE;
        last = NONE;
        nackStart = -1;
        ranges = 0;
        high = -1;
    }

    /** Adds one sequence number (the buffer's extended value; its low 16 or 32 bits go on the wire). */
    void add(long seq) {
        if (first != NONE && seq == last + 1 && seq - first < 0xFFFF) {
            last = seq;
            return;
        }
        flushRange();
        first = seq;
        last = seq;
    }

    /** Writes what is pending and closes the last NACK packet. */
    void end() {
        flushRange();
        closePacket();
        out = null;
    }

    private void flushRange() {
        if (first == NONE) {
            return;
        }
        if (extended) {
            int rangeHigh = (int) ((first >>> 16) & 0xFFFF);
            if (rangeHigh != high) {
                closePacket();
                RtcpWriter.extendedSequence(out, mediaSsrc, rangeHigh);
                high = rangeHigh;
            }
        }
        if (nackStart < 0) {
            nackStart = RtcpWriter.beginRangeNack(out, mediaSsrc);
        }
        RtcpWriter.range(out, (int) (first & 0xFFFF), (int) (last - first));
        if (++ranges == RtcpWriter.MAX_RANGES) {
            closePacket();
        }
        first = NONE;
    }

    private void closePacket() {
        if (nackStart >= 0) {
            RtcpWriter.endRangeNack(out, nackStart);
            nackStart = -1;
            ranges = 0;
        }
    }
}
