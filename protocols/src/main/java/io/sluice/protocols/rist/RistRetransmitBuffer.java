package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * The RIST sender's retransmission buffer: every sent RTP packet, by extended (never wrapping) sequence number, for
 * {@code retentionNs} (librist keeps buffer + 2 x max RTT). A NACK finds the packet in O(1). A packet is retransmitted
 * at most once per {@code minGapNs}, so a burst of duplicate NACKs does not multiply traffic.
 *
 * <p>A ring of slots, no allocation per packet; owned by one event loop. With 16-bit sequence numbers on the wire the
 * ring must not exceed 65536 slots (a NACK names only the low 16 bits).
 */
public final class RistRetransmitBuffer {
    private static final long NONE = Long.MIN_VALUE;

    private final int mask;
    private final ByteBuf[] packets;
    private final long[] seqs;
    private final long[] sentNs;
    private final long[] lastRetransmitNs;
    private final long retentionNs;
    private final long minGapNs;
    private long oldestSeq = NONE;
    private long newestSeq = NONE;

    /** {@code slots}: a power of two from 64 to 2^20, at least the packets sent in {@code retentionNs}. */
    public RistRetransmitBuffer(int slots, long retentionNs, long minGapNs) {
        if (Integer.bitCount(slots) != 1 || slots < 64 || slots > 1 << 20) {
            throw new IllegalArgumentException("slots " + slots + " (expected a power of two 64-1048576)");
        }
        this.mask = slots - 1;
        this.packets = new ByteBuf[slots];
        this.seqs = new long[slots];
        this.sentNs = new long[slots];
        this.lastRetransmitNs = new long[slots];
        this.retentionNs = retentionNs;
        this.minGapNs = minGapNs;
    }

    /** Keeps {@code packet} (taking ownership) as extended sequence {@code seq}, releasing whatever held its slot. */
    public void store(ByteBuf packet, long seq, long nowNs) {
        int slot = (int) (seq & mask);
        ByteBuf old = packets[slot];
        if (old != null) {
            old.release();
        }
        packets[slot] = packet;
        seqs[slot] = seq;
        sentNs[slot] = nowNs;
        lastRetransmitNs[slot] = nowNs - minGapNs;
        if (oldestSeq == NONE) {
            oldestSeq = seq;
        }
        newestSeq = seq;
    }

    /** The newest stored sequence number (what a NACK's 16 or 32 bits are extended against), or 0 before any. */
    public long newest() {
        return newestSeq == NONE ? 0 : newestSeq;
    }

    /**
     * The stored packet for {@code seq} if it may be retransmitted now (held, within retention, not resent in the
     * last {@code minGapNs}), else null. The buffer keeps its reference; the caller copies what it sends.
     */
    public ByteBuf forRetransmit(long seq, long nowNs) {
        int slot = (int) (seq & mask);
        ByteBuf packet = packets[slot];
        if (packet == null || seqs[slot] != seq || nowNs - sentNs[slot] > retentionNs) {
            return null;
        }
        if (nowNs - lastRetransmitNs[slot] < minGapNs) {
            return null;
        }
        lastRetransmitNs[slot] = nowNs;
        return packet;
    }

    /** The packet held for {@code seq}, or null; the buffer keeps its reference. */
    public ByteBuf peek(long seq) {
        int slot = (int) (seq & mask);
        return packets[slot] != null && seqs[slot] == seq ? packets[slot] : null;
    }

    /** Whether {@code seq} is held but was resent less than {@code minGapNs} ago (a repeated NACK, not a miss). */
    public boolean recentlyRetransmitted(long seq, long nowNs) {
        int slot = (int) (seq & mask);
        return packets[slot] != null && seqs[slot] == seq && nowNs - lastRetransmitNs[slot] < minGapNs;
    }

    /** How long the oldest held packet has been kept (0 when empty). */
    public long heldNs(long nowNs) {
        if (oldestSeq == NONE) {
            return 0;
        }
        int slot = (int) (oldestSeq & mask);
        return packets[slot] != null && seqs[slot] == oldestSeq ? Math.max(0, nowNs - sentNs[slot]) : 0;
    }

    /** Releases packets older than the retention time, oldest first. */
    public void expire(long nowNs) {
        if (oldestSeq == NONE) {
            return;
        }
        if (newestSeq - oldestSeq > mask || newestSeq < oldestSeq) {
            oldestSeq = newestSeq - mask; // a jump (new SSRC): slots before this were overwritten or are stale
        }
        while (true) {
            int slot = (int) (oldestSeq & mask);
            ByteBuf packet = packets[slot];
            if (packet != null && seqs[slot] == oldestSeq) {
                if (nowNs - sentNs[slot] <= retentionNs) {
                    return;
                }
                packet.release();
                packets[slot] = null;
            }
            if (oldestSeq == newestSeq) {
                oldestSeq = NONE;
                return;
            }
            oldestSeq++;
        }
    }

    /** Releases everything held. */
    public void close() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
        }
        oldestSeq = NONE;
    }
}
