package io.sluice.gateway.flow;

/**
 * What a source saw. Plain fields, written only on the flow's event loop (no locks, no volatile); another thread
 * reads a consistent copy with {@code loop.submit(counters::snapshot)}. Protocol-specific figures (FEC, ARQ, SRT
 * statistics) live in {@link #protocolStats}, a small map filled by the source's snapshot hook.
 */
public final class SourceCounters {
    public long packets;
    public long bytes;
    /** Packets that never arrived (sequence gaps), before any recovery. */
    public long lost;
    /** Lost packets recovered (FEC, ARQ, the other path of a merge). */
    public long recovered;
    public long duplicates;
    public long reordered;
    public long droppedByAllowList;
    /** Malformed packets: not RTP, not MPEG-TS, bad length, bad version. */
    public long malformed;
    /** Stream restarts: a new SSRC, or a sequence jump confirmed by the next packet (RFC 3550 §A.1). */
    public long discontinuities;
    /** Socket errors reported while receiving (the socket keeps running). */
    public long receiveErrors;

    private final RateMeter rate = new RateMeter();

    /** Counts one accepted packet; call on the loop. */
    public void onPacket(int length, long nowNs) {
        packets++;
        bytes += length;
        rate.add(length, nowNs);
    }

    /** A copy for other threads; call on the loop. */
    public Snapshot snapshot(long nowNs) {
        return new Snapshot(packets, bytes, rate.bitsPerSecond(nowNs), rate.packetsPerSecond(nowNs),
                lost, recovered, duplicates, reordered, droppedByAllowList, malformed, discontinuities, receiveErrors);
    }

    /** An immutable copy of the counters at one instant. */
    public record Snapshot(long packets, long bytes, long bitrateBps, long packetsPerSecond, long lost,
                           long recovered, long duplicates, long reordered, long droppedByAllowList, long malformed,
                           long discontinuities, long receiveErrors) {

        /** The original ten figures, without discontinuities and receive errors (kept for existing callers). */
        public Snapshot(long packets, long bytes, long bitrateBps, long packetsPerSecond, long lost, long recovered,
                        long duplicates, long reordered, long droppedByAllowList, long malformed) {
            this(packets, bytes, bitrateBps, packetsPerSecond, lost, recovered, duplicates, reordered,
                    droppedByAllowList, malformed, 0, 0);
        }
    }
}
