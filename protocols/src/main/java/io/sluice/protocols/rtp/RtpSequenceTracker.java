package io.sluice.protocols.rtp;

/**
 * Classifies each arriving RTP sequence number as in order, after a gap, late (reordered), duplicate, or a jump
 * that may be a sender restart, and keeps the loss, duplicate and reorder counts. Allocation-free and
 * single-threaded: one tracker per received stream, called on the flow's loop.
 *
 * <p>Loss follows RFC 3550 §6.4.1 and appendix A.3: a gap adds the missing packets to {@link #lost()}, a late packet
 * that fills a gap takes one back and counts as reordered. A window of the last {@value #WINDOW} extended sequence
 * numbers (a bitmap) tells a late packet from a duplicate. A jump forward beyond {@value #MAX_DROPOUT} or backward
 * beyond the window is, as in RFC 3550 §A.1, only believed when the next packet confirms it: the first packet
 * of such a jump is reported as {@link Verdict#JUMP} (drop it), the confirming one as {@link Verdict#RESYNC}.
 */
public final class RtpSequenceTracker {
    /** How far back duplicates are recognised, in packets (about 0.6 s at 20 Mbit/s). A power of two. */
    public static final int WINDOW = 1024;
    /** RFC 3550 §A.1 MAX_DROPOUT: a larger forward jump needs confirmation. */
    public static final int MAX_DROPOUT = 3000;

    /** What one sequence number was. */
    public enum Verdict {
        /** The first packet seen (or the first after {@link #reset()}). Deliver. */
        FIRST,
        /** The next one expected. Deliver. */
        IN_ORDER,
        /** Newer, with {@link #lastGap()} packets missing before it. Deliver. */
        AFTER_GAP,
        /** Older than the newest, not seen before: it fills a gap. Deliver. */
        LATE,
        /** Seen before within the window. Drop. */
        DUPLICATE,
        /** A jump too large to trust yet (restart or garbage). Drop; the next packet decides. */
        JUMP,
        /** The second packet of a jump confirmed a restart: state restarted from it. Deliver. */
        RESYNC
    }

    private final long[] seen = new long[WINDOW / 64];
    private boolean started;
    private long extendedMax;
    private int pendingJumpNext = -1;
    private int lastGap;
    private long lost;
    private long duplicates;
    private long reordered;
    private long resyncs;

    /** Classifies {@code sequenceNumber} (16 bits) and updates the counts. */
    public Verdict accept(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            restartAt(seq);
            return Verdict.FIRST;
        }
        int delta = RtpSequence.diff(seq, RtpSequence.low16(extendedMax));
        if (delta > 0 && delta <= MAX_DROPOUT) {
            pendingJumpNext = -1;
            advance(delta);
            lastGap = delta - 1;
            lost += lastGap;
            return delta == 1 ? Verdict.IN_ORDER : Verdict.AFTER_GAP;
        }
        if (delta <= 0 && -delta < WINDOW) {
            pendingJumpNext = -1;
            long extended = extendedMax + delta;
            if (isSeen(extended)) {
                duplicates++;
                return Verdict.DUPLICATE;
            }
            markSeen(extended);
            lost--;
            reordered++;
            return Verdict.LATE;
        }
        if (seq == pendingJumpNext) {
            resyncs++;
            restartAt(seq);
            return Verdict.RESYNC;
        }
        pendingJumpNext = (seq + 1) & 0xFFFF;
        return Verdict.JUMP;
    }

    /** Forgets the stream (new SSRC): the next packet is {@link Verdict#FIRST}. Counts are kept. */
    public void reset() {
        started = false;
        pendingJumpNext = -1;
    }

    /** Packets missing before the last {@link Verdict#AFTER_GAP}. */
    public int lastGap()      { return lastGap; }
    /** Packets never received (gaps minus late arrivals that filled them). */
    public long lost()        { return lost; }
    public long duplicates()  { return duplicates; }
    public long reordered()   { return reordered; }
    /** Confirmed restarts (large jumps). */
    public long resyncs()     { return resyncs; }
    /** The extended (never wrapping) sequence number of the newest packet. */
    public long extendedMax() { return extendedMax; }

    private void restartAt(int seq) {
        started = true;
        pendingJumpNext = -1;
        java.util.Arrays.fill(seen, 0L);
        extendedMax = (1L << 16) + seq;   // start one cycle up so late packets before the first stay positive
        markSeen(extendedMax);
    }

    private void advance(int delta) {
        if (delta >= WINDOW) {
            java.util.Arrays.fill(seen, 0L);
        } else {
            for (int i = 1; i <= delta; i++) {
                clearSeen(extendedMax + i);
            }
        }
        extendedMax += delta;
        markSeen(extendedMax);
    }

    private boolean isSeen(long extended) {
        int bit = (int) (extended & (WINDOW - 1));
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    private void markSeen(long extended) {
        int bit = (int) (extended & (WINDOW - 1));
        seen[bit >>> 6] |= 1L << bit;
    }

    private void clearSeen(long extended) {
        int bit = (int) (extended & (WINDOW - 1));
        seen[bit >>> 6] &= ~(1L << bit);
    }
}
