package io.sluice.gateway.flow;

/**
 * What an output did. Plain fields, written only on the flow's event loop; read a copy with
 * {@code loop.submit(() -> counters.snapshot(now))}.
 */
public final class OutputCounters {
    public long packets;
    public long bytes;
    /** Dropped because the output's queue or socket buffer was full, or the packet was late. */
    public long dropped;
    /** Send failures: ICMP port unreachable, no route, closed peer. */
    public long sendErrors;

    private final RateMeter rate = new RateMeter();

    /** Counts one packet handed to the socket; call on the loop. */
    public void onSent(int length, long nowNs) {
        packets++;
        bytes += length;
        rate.add(length, nowNs);
    }

    /** Counts {@code count} packets of {@code length} bytes in total, handed to the socket at once; call on the loop. */
    public void onSent(int count, long length, long nowNs) {
        packets += count;
        bytes += length;
        rate.add(count, length, nowNs);
    }

    /** A copy for other threads; call on the loop. */
    public Snapshot snapshot(long nowNs) {
        return new Snapshot(packets, bytes, rate.bitsPerSecond(nowNs), rate.packetsPerSecond(nowNs), dropped, sendErrors);
    }

    /** An immutable copy of the counters at one instant. */
    public record Snapshot(long packets, long bytes, long bitrateBps, long packetsPerSecond, long dropped,
                           long sendErrors) {}
}
