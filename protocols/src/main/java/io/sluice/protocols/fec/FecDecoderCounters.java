package io.sluice.protocols.fec;

/**
 * What a {@link FecDecoder} saw. Plain fields, written only on the decoder's thread (the flow's event loop); other
 * threads read a {@link #snapshot()} taken on that thread.
 */
public final class FecDecoderCounters {
    /** Valid media packets received (late ones included, duplicates not). */
    public long mediaReceived;
    /** Media packets missing when they were due for release: {@link #recovered} + {@link #unrecoverable}. */
    public long lostBeforeFec;
    /** Lost media packets rebuilt by FEC and released in place. */
    public long recovered;
    /** Lost media packets neither FEC nor a late arrival filled within the window: a gap in the output. */
    public long unrecoverable;
    public long mediaDuplicates;
    /** Media packets that arrived after their slot was given up (kept to help recover neighbours, not released). */
    public long mediaLate;
    /** Media packets too old for the window, or stale packets before a restart. */
    public long mediaOutOfWindow;
    public long mediaMalformed;
    public long columnFecReceived;
    public long rowFecReceived;
    /** FEC packets that are not 2022-1 XOR FEC: bad version, short, E=0, other type, Offset or NA zero. */
    public long fecMalformed;
    /** FEC packets protecting packets outside the window (too old, too far ahead, or a matrix larger than allowed). */
    public long fecOutOfWindow;
    /** FEC packets whose length recovery or payload disagree with the media they protect. */
    public long fecLengthMismatch;
    public long fecDuplicates;
    /** Sequence restarts (a jump beyond the window, or a run of packets older than it). */
    public long resyncs;

    /** An immutable copy; call on the decoder's thread. */
    public Snapshot snapshot() {
        return new Snapshot(mediaReceived, lostBeforeFec, recovered, unrecoverable, mediaDuplicates, mediaLate,
                mediaOutOfWindow, mediaMalformed, columnFecReceived, rowFecReceived, fecMalformed, fecOutOfWindow,
                fecLengthMismatch, fecDuplicates, resyncs);
    }

    /** The counters at one instant. */
    public record Snapshot(long mediaReceived, long lostBeforeFec, long recovered, long unrecoverable,
                           long mediaDuplicates, long mediaLate, long mediaOutOfWindow, long mediaMalformed,
                           long columnFecReceived, long rowFecReceived, long fecMalformed, long fecOutOfWindow,
                           long fecLengthMismatch, long fecDuplicates, long resyncs) {}
}
