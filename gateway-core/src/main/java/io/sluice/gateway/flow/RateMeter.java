package io.sluice.gateway.flow;

/**
 * Bitrate and packet rate over the last whole second, without allocation: counts into the current one-second
 * window and keeps the previous window's totals. Single-threaded (the flow's loop).
 */
public final class RateMeter {
    private static final long WINDOW_NS = 1_000_000_000L;
    private long windowStartNs = Long.MIN_VALUE;
    private long windowBytes;
    private long windowPackets;
    private long lastBytes;
    private long lastPackets;

    public void add(int length, long nowNs) {
        roll(nowNs);
        windowBytes += length;
        windowPackets++;
    }

    /** Counts {@code packets} packets of {@code bytes} bytes in total, all at {@code nowNs}. */
    public void add(int packets, long bytes, long nowNs) {
        roll(nowNs);
        windowBytes += bytes;
        windowPackets += packets;
    }

    public long bitsPerSecond(long nowNs) {
        roll(nowNs);
        return lastBytes * 8;
    }

    public long packetsPerSecond(long nowNs) {
        roll(nowNs);
        return lastPackets;
    }

    private void roll(long nowNs) {
        if (windowStartNs == Long.MIN_VALUE) {
            windowStartNs = nowNs;
            return;
        }
        long elapsed = nowNs - windowStartNs;
        if (elapsed < WINDOW_NS) {
            return;
        }
        if (elapsed < 2 * WINDOW_NS) {          // exactly one window ended: it becomes "the last second"
            lastBytes = windowBytes;
            lastPackets = windowPackets;
            windowStartNs += WINDOW_NS;
        } else {                                 // idle for over a second: the last second was empty
            lastBytes = 0;
            lastPackets = 0;
            windowStartNs = nowNs;
        }
        windowBytes = 0;
        windowPackets = 0;
    }
}
