package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.rtp.RtpSequence;

/**
 * The RIST receiver's buffer (TR-06-1 §5.3, protocols.md §4.4): holds every packet for {@code latencyNs} after it
 * arrived (or, for a gap, after the gap was seen), asks again for gaps once they are older than the reorder time and
 * then every RTT or so while a retransmission could still arrive in time, and releases packets strictly in sequence
 * order at their deadline, skipping gaps whose deadline passed. So the output is a constant delay behind the input.
 *
 * <p>A ring of slots indexed by extended sequence number; no allocation per packet. Owned by one event loop.
 */
public final class RistReceiveBuffer {
    private static final long NONE = Long.MIN_VALUE;

    private final int mask;
    private final ByteBuf[] packets;
    private final long[] slotSeq;
    private final long[] dueNs;
    private final long[] nextNackNs;
    private final int[] nackCount;
    private final long latencyNs;
    private final long reorderNs;
    private final long minRetryNs;
    private final int maxRetries;
    private final RistCounters counters;
    private boolean started;
    private long head;
    private long highest;
    private int missing;

    /**
     * @param slots       ring size, a power of two at least twice the packets in {@code latencyNs} at the max bitrate
     * @param latencyNs   how long every packet is held (the RIST buffer, MediaConnect's MaxLatency)
     * @param reorderNs   how long a gap waits before its first NACK (librist: 25 ms)
     * @param minRetryNs  floor of the interval between NACKs for one packet (the RTT is used when larger)
     * @param maxRetries  most NACKs for one packet (librist max-retries: 20)
     */
    public RistReceiveBuffer(int slots, long latencyNs, long reorderNs, long minRetryNs, int maxRetries, RistCounters counters) {
        if (Integer.bitCount(slots) != 1 || slots < 64) {
            throw new IllegalArgumentException("slots " + slots + " (expected a power of two >= 64)");
        }
        this.mask = slots - 1;
        this.packets = new ByteBuf[slots];
        this.slotSeq = new long[slots];
        this.dueNs = new long[slots];
        this.nextNackNs = new long[slots];
        this.nackCount = new int[slots];
        java.util.Arrays.fill(slotSeq, NONE);
        this.latencyNs = latencyNs;
        this.reorderNs = reorderNs;
        this.minRetryNs = minRetryNs;
        this.maxRetries = maxRetries;
        this.counters = counters;
    }

    /** Slots needed for {@code latencyMs} at {@code maxBitrateBps} with 1316-byte payloads, with headroom. */
    public static int slotsFor(long latencyMs, long maxBitrateBps) {
        long packetsPerSecond = Math.max(1000, maxBitrateBps / (1316 * 8) + 1);
        long needed = Math.max(256, packetsPerSecond * Math.max(latencyMs, 100) / 1000 * 2);
        return (int) Math.min(1 << 20, Long.highestOneBit(needed - 1) << 1);
    }

    /**
     * Inserts one RTP packet (taking ownership) with 16-bit sequence {@code seq}; {@code retransmission} when its
     * SSRC had the RIST retransmission bit set.
     */
    public void insert(ByteBuf packet, int seq, boolean retransmission, long nowNs, RistPacketSink sink) {
        if (retransmission) {
            counters.retransmissionsReceived++;
        }
        if (!started) {
            started = true;
            head = (1L << 32) + seq; // away from zero so extension below stays positive
            highest = head - 1;
        }
        long ext = RtpSequence.extend(seq, highest < head ? head : highest);
        if (ext < head) {
            counters.late++;
            packet.release();
            return;
        }
        if (ext - head > mask) {
            if (ext - highest > mask || retransmission) {
                if (retransmission) { // a stale retransmission of a long-gone packet: not a restart
                    counters.late++;
                    packet.release();
                    return;
                }
                restart(ext, nowNs, sink);
            } else {
                forceRelease(ext - mask, nowNs, sink);
            }
        }
        int slot = (int) (ext & mask);
        if (ext > highest) {
            for (long s = highest + 1; s < ext; s++) {
                int gap = (int) (s & mask);
                releaseSlot(gap);
                slotSeq[gap] = s;
                dueNs[gap] = nowNs + latencyNs;
                nextNackNs[gap] = nowNs + reorderNs;
                nackCount[gap] = 0;
                missing++;
                counters.lostBeforeArq++;
            }
            highest = ext;
            releaseSlot(slot);
            slotSeq[slot] = ext;
            dueNs[slot] = nowNs + latencyNs;
            packets[slot] = packet;
            accept(packet);
            return;
        }
        if (slotSeq[slot] == ext && packets[slot] == null) {
            packets[slot] = packet;
            missing--;
            if (nackCount[slot] > 0) {
                counters.recoveredByArq++;
            } else {
                counters.lostBeforeArq--; // only reordered: it came back before we asked
            }
            accept(packet);
            return;
        }
        counters.duplicates++;
        packet.release();
    }

    private void accept(ByteBuf packet) {
        counters.packetsReceived++;
        counters.bytesReceived += packet.readableBytes();
    }

    /** Releases every packet whose deadline has come, in order, skipping expired gaps. Returns how many went out. */
    public int releaseDue(long nowNs, RistPacketSink sink) {
        int released = 0;
        while (head <= highest) {
            int slot = (int) (head & mask);
            if (dueNs[slot] - nowNs > 0) {
                break;
            }
            released += releaseHead(nowNs, sink);
        }
        return released;
    }

    private int releaseHead(long nowNs, RistPacketSink sink) {
        int slot = (int) (head & mask);
        ByteBuf packet = packets[slot];
        boolean gap = slotSeq[slot] == head;
        packets[slot] = null;
        slotSeq[slot] = NONE;
        head++;
        if (packet == null) {
            if (!gap) {
                return 0; // never a packet nor a counted gap here (after a forced release): nothing was lost
            }
            missing--;
            counters.unrecovered++;
            return 0;
        }
        sink.onPacket(packet, nowNs);
        return 1;
    }

    private void forceRelease(long newHead, long nowNs, RistPacketSink sink) {
        while (head < newHead && head <= highest) {
            releaseHead(nowNs, sink);
        }
        head = Math.max(head, newHead);
    }

    private void restart(long ext, long nowNs, RistPacketSink sink) {
        while (head <= highest) {
            releaseHead(nowNs, sink);
        }
        counters.streamResets++;
        head = ext;
        highest = ext - 1;
    }

    /** Drops everything held and starts over with the next packet (a new SSRC). */
    public void reset() {
        for (int i = 0; i < packets.length; i++) {
            releaseSlot(i);
            slotSeq[i] = NONE;
        }
        started = false;
        missing = 0;
        counters.streamResets++;
    }

    private void releaseSlot(int slot) {
        ByteBuf old = packets[slot];
        if (old != null) {
            packets[slot] = null;
            old.release();
        }
    }

    /**
     * Writes range NACKs for {@code mediaSsrc} into {@code out} for every gap that is due a (re-)request: past the
     * reorder time, its retry interval elapsed, under the retry limit, and with at least one RTT left before its
     * deadline. Returns the number of sequence numbers requested.
     */
    public int writeNacks(ByteBuf out, long mediaSsrc, long nowNs, long rttNs) {
        long retryNs = Math.max(minRetryNs, rttNs + rttNs / 2);
        int requested = 0;
        int ranges = 0;
        int nackStart = -1;
        long rangeFirst = NONE;
        long rangeLast = NONE;
        for (long s = head; s <= highest; s++) {
            int slot = (int) (s & mask);
            if (packets[slot] != null || slotSeq[slot] != s || nextNackNs[slot] - nowNs > 0
                    || nackCount[slot] >= maxRetries || dueNs[slot] - (nowNs + Math.max(rttNs, 0)) <= 0) {
                continue;
            }
            nackCount[slot]++;
            nextNackNs[slot] = nowNs + retryNs;
            requested++;
            if (rangeFirst != NONE && s == rangeLast + 1 && s - rangeFirst < 0xFFFF) {
                rangeLast = s;
                continue;
            }
            if (rangeFirst != NONE) {
                if (nackStart < 0) {
                    nackStart = RtcpWriter.beginRangeNack(out, mediaSsrc);
                }
                RtcpWriter.range(out, RtpSequence.low16(rangeFirst), (int) (rangeLast - rangeFirst));
                if (++ranges == RtcpWriter.MAX_RANGES) {
                    RtcpWriter.endRangeNack(out, nackStart);
                    nackStart = -1;
                    ranges = 0;
                }
            }
            rangeFirst = s;
            rangeLast = s;
        }
        if (rangeFirst != NONE) {
            if (nackStart < 0) {
                nackStart = RtcpWriter.beginRangeNack(out, mediaSsrc);
            }
            RtcpWriter.range(out, RtpSequence.low16(rangeFirst), (int) (rangeLast - rangeFirst));
            RtcpWriter.endRangeNack(out, nackStart);
        }
        counters.nackRequestsSent += requested;
        return requested;
    }

    /** Packets and gaps currently held. */
    public int heldSlots() {
        return started ? (int) (highest - head + 1) : 0;
    }

    public int missing() {
        return missing;
    }

    /** Releases every held packet without delivering it (flow stop). */
    public void close() {
        for (int i = 0; i < packets.length; i++) {
            releaseSlot(i);
        }
    }
}
