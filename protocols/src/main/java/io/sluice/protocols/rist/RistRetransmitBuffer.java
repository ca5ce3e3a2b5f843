package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * The RIST sender's retransmission buffer: every sent RTP packet, by 16-bit sequence number, for
 * {@code retentionNs} (librist keeps buffer + 2 x max RTT). A NACK finds the packet in O(1). A packet is retransmitted
 * at most once per {@code minGapNs}, so a burst of duplicate NACKs does not multiply traffic.
 *
 * <p>Ring of 65536 / n slots, no allocation per packet; owned by one event loop.
 */
public final class RistRetransmitBuffer {
    private final int mask;
    private final ByteBuf[] packets;
    private final int[] seqs;
    private final long[] sentNs;
    private final long[] lastRetransmitNs;
    private final long retentionNs;
    private final long minGapNs;
    private int oldestSeq = -1;
    private int newestSeq = -1;

    /** {@code slots}: a power of two from 64 to 65536, at least the packets sent in {@code retentionNs}. */
    public RistRetransmitBuffer(int slots, long retentionNs, long minGapNs) {
        if (Integer.bitCount(slots) != 1 || slots < 64 || slots > 65536) {
            throw new IllegalArgumentException("slots " + slots + " (expected a power of two 64-65536)");
        }
        this.mask = slots - 1;
        this.packets = new ByteBuf[slots];
        this.seqs = new int[slots];
        this.sentNs = new long[slots];
        this.lastRetransmitNs = new long[slots];
        this.retentionNs = retentionNs;
        this.minGapNs = minGapNs;
    }

    /** Keeps {@code packet} (taking ownership) as sequence {@code seq}, releasing whatever held its slot. */
    public void store(ByteBuf packet, int seq, long nowNs) {
        int slot = seq & mask;
        ByteBuf old = packets[slot];
        if (old != null) {
            old.release();
        }
        packets[slot] = packet;
        seqs[slot] = seq;
        sentNs[slot] = nowNs;
        lastRetransmitNs[slot] = nowNs - minGapNs;
        if (oldestSeq < 0) {
            oldestSeq = seq;
        }
        newestSeq = seq;
    }

    /**
     * The stored packet for {@code seq} if it may be retransmitted now (held, within retention, not resent in the
     * last {@code minGapNs}), else null. The buffer keeps its reference; the caller copies what it sends.
     */
    public ByteBuf forRetransmit(int seq, long nowNs) {
        int slot = seq & mask;
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
    public ByteBuf peek(int seq) {
        int slot = seq & mask;
        return packets[slot] != null && seqs[slot] == seq ? packets[slot] : null;
    }

    /** Whether {@code seq} is held but was resent less than {@code minGapNs} ago (a repeated NACK, not a miss). */
    public boolean recentlyRetransmitted(int seq, long nowNs) {
        int slot = seq & mask;
        return packets[slot] != null && seqs[slot] == seq && nowNs - lastRetransmitNs[slot] < minGapNs;
    }

    /** Releases packets older than the retention time, oldest first. */
    public void expire(long nowNs) {
        if (oldestSeq < 0) {
            return;
        }
        while (true) {
            int slot = oldestSeq & mask;
            ByteBuf packet = packets[slot];
            if (packet != null && seqs[slot] == oldestSeq) {
                if (nowNs - sentNs[slot] <= retentionNs) {
                    return;
                }
                packet.release();
                packets[slot] = null;
            }
            if (oldestSeq == newestSeq) {
                oldestSeq = -1;
                return;
            }
            oldestSeq = (oldestSeq + 1) & 0xFFFF;
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
        oldestSeq = -1;
    }
}
