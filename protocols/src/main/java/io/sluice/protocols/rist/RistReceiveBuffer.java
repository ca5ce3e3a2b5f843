package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.rtp.RtpSequence;

/**
 * The RIST receiver's buffer (TR-06-1 §5.3, protocols.md §4.4): holds every packet for {@code latencyNs} after it
 * arrived (or, for a gap, after the gap was seen), asks again for gaps once they are older than the reorder time and
 * then at intervals spread over the rest of the budget while a retransmission could still arrive in time, and
 * releases packets strictly in sequence order at their deadline, skipping gaps whose deadline passed. So the output
 * is a constant delay behind the input.
 *
 * <p>Accounting, per gap: {@code lostBeforeArq} when a later packet reveals it (taken back if the packet turns up
 * before it was ever requested: reordering, not loss), then exactly one of {@code recoveredByArq} (it arrived after
 * a request) or {@code unrecovered} (skipped at release; {@code overflow} too when the ring was full). So
 * lost = recovered + unrecovered + the gaps still open.
 *
 * <p>Sequence numbers are 16-bit RTP, or 32-bit when the sender uses the TR-06-2 extension (the stream's first packet
 * decides); NACKs then carry EXTSEQ. A ring of slots indexed by extended sequence number; no allocation per packet.
 * Owned by one event loop.
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
    private final long retryFloorNs;
    private final int maxRetries;
    private final RistCounters counters;
    private final RangeNackEncoder nacks = new RangeNackEncoder();
    private boolean started;
    private boolean extended;
    private long head;
    private long highest;
    private int missing;

    /**
     * @param slots       ring size, a power of two at least twice the packets in {@code latencyNs} at the max bitrate
     * @param latencyNs   how long every packet is held (the RIST buffer, MediaConnect's MaxLatency)
     * @param reorderNs   how long a gap waits before its first NACK (librist: 25 ms)
     * @param minRetryNs  floor of the interval between NACKs for one packet
     * @param maxRetries  most NACKs for one packet (librist max-retries: 20); they are spread over the whole budget
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
        // TR-06-1 §5.3 spreads the requests over the buffer ((1000 - 70) / 7 ms); a fixed short interval would spend
        // every retry in the first few hundred ms and give up on a gap the budget could still have saved
        this.retryFloorNs = Math.max(minRetryNs, (latencyNs - reorderNs) / Math.max(1, maxRetries));
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
        if (!started) {
            start(seq & 0xFFFF, false);
        }
        insertAt(RtpSequence.extend(seq, reference()), packet, retransmission, nowNs, sink);
    }

    /**
     * Inserts one RTP packet (taking ownership) whose 32-bit sequence number {@code seq32} came with the TR-06-2
     * header extension. A stream that began with 16-bit numbers stays 16-bit (the low bits are the same).
     */
    public void insertExtended(ByteBuf packet, long seq32, boolean retransmission, long nowNs, RistPacketSink sink) {
        if (!started) {
            start(seq32 & 0xFFFFFFFFL, true);
        }
        long reference = reference();
        long ext = extended ? reference + (int) (seq32 - reference) : RtpSequence.extend((int) (seq32 & 0xFFFF), reference);
        insertAt(ext, packet, retransmission, nowNs, sink);
    }

    private void start(long seq, boolean extendedSequence) {
        started = true;
        extended = extendedSequence;
        head = (1L << 32) + seq; // away from zero so extension below stays positive; low 32 bits = seq
        highest = head - 1;
    }

    private long reference() {
        return highest < head ? head : highest;
    }

    private void insertAt(long ext, ByteBuf packet, boolean retransmission, long nowNs, RistPacketSink sink) {
        if (retransmission) {
            counters.retransmissionsReceived++;
        }
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
            released += releaseHead(nowNs, sink, false);
        }
        return released;
    }

    private int releaseHead(long nowNs, RistPacketSink sink, boolean overflow) {
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
            if (overflow) {
                counters.overflow++;
            }
            return 0;
        }
        sink.onPacket(packet, nowNs);
        return 1;
    }

    /** The ring is full: release (early) up to {@code newHead}; gaps given up here were lost for lack of buffer. */
    private void forceRelease(long newHead, long nowNs, RistPacketSink sink) {
        while (head < newHead && head <= highest) {
            releaseHead(nowNs, sink, true);
        }
        head = Math.max(head, newHead);
    }

    private void restart(long ext, long nowNs, RistPacketSink sink) {
        while (head <= highest) {
            releaseHead(nowNs, sink, false);
        }
        counters.streamResets++;
        head = ext;
        highest = ext - 1;
    }

    /**
     * A new stream (new SSRC): delivers what is held now, early and in order, counts the open gaps as unrecovered,
     * and starts over with the next packet. Dropping the held second of the old stream would lose it for nothing.
     * Returns how many packets went out.
     */
    public int reset(long nowNs, RistPacketSink sink) {
        int released = 0;
        if (started) {
            while (head <= highest) {
                released += releaseHead(nowNs, sink, false);
            }
        }
        started = false;
        extended = false;
        missing = 0;
        head = 0;
        highest = -1;
        counters.streamResets++;
        return released;
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
     * deadline. With 32-bit sequence numbers, EXTSEQ packets go before the ranges. Returns the number of sequence
     * numbers requested.
     */
    public int writeNacks(ByteBuf out, long mediaSsrc, long nowNs, long rttNs) {
        long rtt = Math.max(rttNs, 0);
        long retryNs = Math.max(retryFloorNs, rtt + rtt / 2);
        int requested = 0;
        nacks.begin(out, mediaSsrc, extended);
        for (long s = head; s <= highest; s++) {
            int slot = (int) (s & mask);
            if (packets[slot] != null || slotSeq[slot] != s || nextNackNs[slot] - nowNs > 0
                    || nackCount[slot] >= maxRetries || dueNs[slot] - (nowNs + rtt) <= 0) {
                continue;
            }
            if (nackCount[slot]++ == 0) {
                counters.packetsRequested++;
            }
            nextNackNs[slot] = nowNs + retryNs;
            requested++;
            nacks.add(s);
        }
        nacks.end();
        counters.nackRequestsSent += requested;
        return requested;
    }

    /** Packets and gaps currently held. */
    public int heldSlots() {
        return started ? (int) (highest - head + 1) : 0;
    }

    /** How long the oldest held packet or gap has been held: the ms of stream in the buffer (0 when empty). */
    public long heldNs(long nowNs) {
        if (heldSlots() <= 0) {
            return 0;
        }
        long arrived = dueNs[(int) (head & mask)] - latencyNs;
        return Math.max(0, nowNs - arrived);
    }

    /** Whether the stream uses 32-bit sequence numbers (TR-06-2 extension on its first packet). */
    public boolean extendedSequence() {
        return extended;
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
