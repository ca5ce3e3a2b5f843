package io.sluice.gateway.output;

import io.netty.buffer.ByteBuf;

/**
 * An output's {@code SmoothingLatency} pacer: a preallocated ring of packets, each with the time it may leave, so
 * that a bursty input leaves as a steady stream. Allocation-free; single-threaded (the flow's loop).
 *
 * <p>Pacing: packet <i>i</i> leaves at {@code max(arrival_i, release_{i-1} + gap)}, but never later than
 * {@code arrival_i + smoothingNs}. The gap is the stream's own packet interval, measured from its RTP timestamps
 * (90 kHz) over windows of about one second: for RTP input that is the sender's clock, for plain UDP input (whose
 * timestamps the source stamped on arrival) it is the arrival rate. The gap is shortened by 2% so the queue
 * drains rather than creeping up to the latency bound. Until the first window completes packets leave on arrival.
 * A timestamp jump (backwards, or over 10 s) restarts the measurement.
 */
public final class SmoothingQueue {
    private static final long TICKS_90KHZ_PER_WINDOW = 90_000;            // one second of media time
    private static final long MAX_WINDOW_TICKS = 10 * TICKS_90KHZ_PER_WINDOW;

    private final long smoothingNs;
    private final ByteBuf[] packets;
    private final long[] releaseAtNs;
    private final int mask;
    private int head;
    private int size;

    private long gapNs;
    private boolean windowStarted;
    private long windowStartTimestamp;
    private int windowPackets;
    private boolean hasLastRelease;
    private long lastReleaseNs;

    /**
     * @param capacity packets held at most (rounded up to a power of two); when full, offers are refused
     */
    public SmoothingQueue(long smoothingNs, int capacity) {
        int rounded = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.smoothingNs = smoothingNs;
        this.packets = new ByteBuf[rounded];
        this.releaseAtNs = new long[rounded];
        this.mask = rounded - 1;
    }

    /** A capacity that holds {@code smoothingMs} of a stream of up to about 130 Mbit/s in 1328-byte packets. */
    public static int capacityFor(int smoothingMs) {
        return Math.min(1 << 15, Math.max(256, smoothingMs * 16));
    }

    /**
     * Queues {@code packet}, taking ownership of its reference, or returns false (the caller still owns it and
     * drops it) when the queue is full.
     *
     * @param rtpTimestamp the packet's 32-bit RTP timestamp
     */
    public boolean offer(ByteBuf packet, long arrivalNs, long rtpTimestamp) {
        if (size == packets.length) {
            return false;
        }
        measure(rtpTimestamp & 0xFFFF_FFFFL);
        long release = arrivalNs;
        if (hasLastRelease && gapNs > 0 && lastReleaseNs + gapNs - release > 0) {
            release = lastReleaseNs + gapNs;
        }
        if (release - (arrivalNs + smoothingNs) > 0) {
            release = arrivalNs + smoothingNs;
        }
        if (hasLastRelease && release - lastReleaseNs < 0) {
            release = lastReleaseNs;   // keep the ring in release order (the smoothing bound moves with arrivals)
        }
        hasLastRelease = true;
        lastReleaseNs = release;
        int tail = (head + size) & mask;
        packets[tail] = packet;
        releaseAtNs[tail] = release;
        size++;
        return true;
    }

    /** The oldest packet if its time has come (the caller then owns its reference), else null. */
    public ByteBuf pollDue(long nowNs) {
        if (size == 0 || releaseAtNs[head] - nowNs > 0) {
            return null;
        }
        ByteBuf packet = packets[head];
        packets[head] = null;
        head = (head + 1) & mask;
        size--;
        return packet;
    }

    /** Releases every queued packet and forgets the pacing state; returns how many were released. */
    public int clear() {
        int released = size;
        while (size > 0) {
            packets[head].release();
            packets[head] = null;
            head = (head + 1) & mask;
            size--;
        }
        hasLastRelease = false;
        windowStarted = false;
        gapNs = 0;
        return released;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return packets.length;
    }

    /** The measured interval between packets, 0 until known. */
    public long gapNs() {
        return gapNs;
    }

    private void measure(long timestamp) {
        if (!windowStarted) {
            windowStarted = true;
            windowStartTimestamp = timestamp;
            windowPackets = 0;
            return;
        }
        windowPackets++;
        long elapsedTicks = (int) (timestamp - windowStartTimestamp);   // wrap-safe: signed 32-bit distance
        if (elapsedTicks < 0 || elapsedTicks > MAX_WINDOW_TICKS) {
            windowStartTimestamp = timestamp;
            windowPackets = 0;
            return;
        }
        if (elapsedTicks >= TICKS_90KHZ_PER_WINDOW) {
            long windowNs = elapsedTicks * 100_000L / 9L;
            gapNs = windowNs / windowPackets * 98 / 100;
            windowStartTimestamp = timestamp;
            windowPackets = 0;
        }
    }
}
