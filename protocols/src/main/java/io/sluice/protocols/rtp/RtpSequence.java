package io.sluice.protocols.rtp;

/**
 * Wrap-safe arithmetic on 16-bit RTP sequence numbers (protocols.md §1.3). Never compare raw 16-bit values.
 */
public final class RtpSequence {
    private RtpSequence() {}

    /** Signed distance from {@code b} to {@code a} in [-32768, 32767]; {@code a} is newer when the result is > 0. */
    public static int diff(int a, int b) {
        return (short) (a - b);
    }

    /**
     * Extends a 16-bit sequence number to a long that never wraps, relative to {@code extendedReference} (the
     * extended value of a recent packet, usually the newest seen).
     */
    public static long extend(int seq, long extendedReference) {
        return extendedReference + diff(seq, (int) (extendedReference & 0xFFFF));
    }

    /** The 16-bit sequence number of an extended one. */
    public static int low16(long extended) {
        return (int) (extended & 0xFFFF);
    }
}
