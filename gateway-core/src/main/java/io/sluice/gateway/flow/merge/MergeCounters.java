package io.sluice.gateway.flow.merge;

/**
 * What a {@link HitlessMerge} saw, per leg (0 = first source, 1 = second) and merged. Plain fields, written only on
 * the flow's event loop; read a {@link #snapshot()} taken there.
 */
public final class MergeCounters {
    /** Valid RTP packets received on each leg. */
    public final long[] received = new long[2];
    /** Packets each leg delivered first (they went to the output). */
    public final long[] deliveredFirst = new long[2];
    /** Copies that arrived after the other leg's (the normal case for the slower path). */
    public final long[] duplicates = new long[2];
    /** Packets that arrived after their sequence number was given up or had left the window. */
    public final long[] late = new long[2];
    public final long[] malformed = new long[2];
    /** Settled sequence numbers (the window passed) that only this leg delivered: the merge filled the other's loss. */
    public final long[] onlyFrom = new long[2];
    public long fromBoth;
    /** Sequence numbers neither leg delivered within the recovery window: gaps in the output. */
    public long lostOnBoth;
    public long output;
    public long resyncs;

    /** An immutable copy; call on the loop. */
    public Snapshot snapshot() {
        return new Snapshot(received[0], received[1], deliveredFirst[0], deliveredFirst[1], duplicates[0],
                duplicates[1], late[0], late[1], malformed[0], malformed[1], onlyFrom[0], onlyFrom[1], fromBoth,
                lostOnBoth, output, resyncs);
    }

    /** The counters at one instant. */
    public record Snapshot(long received0, long received1, long deliveredFirst0, long deliveredFirst1,
                           long duplicates0, long duplicates1, long late0, long late1, long malformed0,
                           long malformed1, long onlyFrom0, long onlyFrom1, long fromBoth, long lostOnBoth,
                           long output, long resyncs) {}
}
