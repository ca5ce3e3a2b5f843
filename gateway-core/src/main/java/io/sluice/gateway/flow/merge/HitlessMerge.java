package io.sluice.gateway.flow.merge;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;
import java.util.Arrays;

/**
 * SMPTE 2022-7 seamless merge of two copies of one RTP stream (protocols.md §3.2): each sequence number goes out
 * once, from whichever leg delivers it first, in order; a sequence number missing on the faster leg is waited for
 * until the recovery window has passed since the gap was seen, then given up (lost on both).
 *
 * <p>Output follows the faster path without added delay: a packet is released as soon as every earlier sequence
 * number was released or given up. A ring indexed by extended sequence number holds packets waiting behind a gap,
 * and remembers which legs delivered each sequence number until the window has passed, so the slower leg's copies
 * are recognised as duplicates and the "only one leg delivered" counters are exact.
 *
 * <p>Runs on the flow's event loop. Takes ownership of every packet; hands the first copy downstream (no copy, no
 * retain) and releases the others. No allocation per packet. Call {@link #poll(long)} from a timer so gaps are given
 * up when both legs go quiet.
 */
public final class HitlessMerge {
    private static final int STALE_RUN_FOR_RESYNC = 3;
    /** A leg that delivered nothing usable for this long is not merged (the failover no-packet interval). */
    public static final long IN_USE_NS = 500_000_000L;
    /** Weight of one sample in the smoothed path skew: 1/64, so loop batching (16 reads per socket) averages out. */
    private static final int SKEW_SHIFT = 6;

    private final PacketSink downstream;
    private final long recoveryWindowNs;
    private final int mask;
    private final int half;
    private final MergeCounters counters = new MergeCounters();
    private final ByteBuf[] packets;
    private final long[] slotSeq;          // the extended sequence number a slot describes
    private final long[] timeNs;           // first arrival, or when the gap was seen
    private final byte[] legs;             // bit 0: leg 0 delivered it, bit 1: leg 1
    private final PacketSink[] legSinks = {new LegSink(0), new LegSink(1)};
    private final RtpView view = new RtpView();

    private final long[] lastUsefulNs = new long[2];   // last first copy or in-time duplicate, per leg
    private final boolean[] useful = new boolean[2];
    private long skewNs;                              // smoothed: leg 1's arrival minus leg 0's, same sequence number
    private boolean skewKnown;

    private boolean started;
    private long highest;
    private long nextOut;
    private long settleNext;
    private int staleRun;
    private long lastStale;

    /**
     * @param recoveryWindowNs how long a gap on one leg is waited for from the other (RecoveryWindow)
     * @param capacityPackets  ring size (rounded up to a power of two, at most 16384): at least the packets of two
     *                         recovery windows at the peak bitrate
     */
    public HitlessMerge(PacketSink downstream, long recoveryWindowNs, int capacityPackets) {
        if (recoveryWindowNs <= 0) {
            throw new IllegalArgumentException("recoveryWindowNs " + recoveryWindowNs + " must be positive");
        }
        if (capacityPackets < 16 || capacityPackets > 16384) {
            throw new IllegalArgumentException("merge capacity " + capacityPackets + " is out of range 16-16384");
        }
        int capacity = Integer.highestOneBit(capacityPackets - 1) << 1;
        this.downstream = downstream;
        this.recoveryWindowNs = recoveryWindowNs;
        this.mask = capacity - 1;
        this.half = capacity / 2;
        this.packets = new ByteBuf[capacity];
        this.slotSeq = new long[capacity];
        this.timeNs = new long[capacity];
        this.legs = new byte[capacity];
        Arrays.fill(slotSeq, Long.MIN_VALUE);
    }

    /** Packets needed for two windows at {@code maxBitrateBps} of 1328-byte packets, clamped to 1024-16384. */
    public static int capacityFor(long maxBitrateBps, long recoveryWindowNs) {
        long packetsPerSecond = maxBitrateBps / (1328 * 8) + 1;
        long packets = 2 * packetsPerSecond * recoveryWindowNs / 1_000_000_000L;
        return (int) Math.max(1024, Math.min(16384, packets));
    }

    /** The sink for leg 0 or 1: hand it to that source. */
    public PacketSink leg(int leg) {
        return legSinks[leg];
    }

    public MergeCounters counters() {
        return counters;
    }

    /** One packet from {@code leg}; takes ownership of {@code packet}. */
    public void onPacket(int leg, ByteBuf packet, long nowNs) {
        if (!view.wrap(packet).isValid()) {
            counters.malformed[leg]++;
            packet.release();
            return;
        }
        counters.received[leg]++;
        int sequence = view.sequenceNumber();
        if (!started) {
            start(sequence);
        }
        long s = RtpSequence.extend(sequence, highest);
        if (s > highest) {
            if (s - highest >= half) {                    // a jump beyond the window: the sender restarted
                resync(sequence, nowNs);
                s = RtpSequence.extend(sequence, highest);
            }
            advanceTo(s, nowNs);
            staleRun = 0;
        }
        int slot = (int) s & mask;
        if (slotSeq[slot] != s || s < nextOut && legs[slot] == 0) {   // left the history, or given up already
            counters.late[leg]++;
            packet.release();
            staleRun = s == lastStale + 1 ? staleRun + 1 : 1;
            lastStale = s;
            if (staleRun >= STALE_RUN_FOR_RESYNC && s < nextOut - half) {
                resync(sequence, nowNs);                  // the sender went back in time and stays there
            }
            return;
        }
        if (legs[slot] != 0) {
            long trailNs = nowNs - timeNs[slot];          // the other leg's copy arrived first, at timeNs
            if (legs[slot] == (byte) (1 << (1 - leg))) {
                sampleSkew(leg, trailNs);
            }
            if (trailNs < recoveryWindowNs) {
                markUseful(leg, nowNs);                   // in time: it would have filled a gap on the other leg
            }
            legs[slot] |= (byte) (1 << leg);
            counters.duplicates[leg]++;
            packet.release();
            return;
        }
        legs[slot] = (byte) (1 << leg);
        markUseful(leg, nowNs);
        timeNs[slot] = nowNs;
        packets[slot] = packet;
        counters.deliveredFirst[leg]++;
        release(nowNs);
    }

    private void markUseful(int leg, long nowNs) {
        lastUsefulNs[leg] = nowNs;
        useful[leg] = true;
    }

    /** One sequence number both legs delivered: {@code leg} trails the other by {@code trailNs}. */
    private void sampleSkew(int leg, long trailNs) {
        long sample = leg == 1 ? trailNs : -trailNs;
        if (!skewKnown) {
            skewNs = sample;
            skewKnown = true;
        } else {
            skewNs += (sample - skewNs) >> SKEW_SHIFT;
        }
    }

    /**
     * True when {@code leg} delivered a packet the merge could use (a first copy, or a copy that arrived within the
     * recovery window after the other leg's, so it would have filled a gap there) within the last
     * {@value #IN_USE_NS} ns: MediaConnect's {@code SourceMergeActive}. A leg trailing by more than the window is not
     * in use even though its packets arrive.
     */
    public boolean inUse(int leg, long nowNs) {
        return useful[leg] && nowNs - lastUsefulNs[leg] < IN_USE_NS;
    }

    /**
     * How far {@code leg}'s copies arrive behind the other leg's, in ms, smoothed over the sequence numbers both
     * delivered (1/64 per sample); 0 for the faster leg, NaN before any sequence number came on both
     * ({@code SourceMergeLatency}).
     */
    public double trailMs(int leg) {
        if (!skewKnown) {
            return Double.NaN;
        }
        long trail = leg == 1 ? skewNs : -skewNs;
        return Math.max(0, trail) / 1e6;
    }

    /** Gives up gaps whose window has passed and settles counters; call from a timer on the loop. */
    public void poll(long nowNs) {
        if (started) {
            release(nowNs);
        }
    }

    private void start(int sequence) {
        started = true;
        long first = (1L << 32) + sequence;
        highest = first - 1;
        nextOut = first;
        settleNext = first;
        staleRun = 0;
    }

    /** Opens slots up to {@code s}: the ones between are gaps seen now. Old slots are settled before reuse. */
    private void advanceTo(long s, long nowNs) {
        while (s - nextOut >= half) {                     // bound the span: never wait beyond half the ring
            releaseOne(nowNs);
        }
        while (s - settleNext > mask) {
            settleOne();
        }
        for (long m = highest + 1; m <= s; m++) {
            int slot = (int) m & mask;
            slotSeq[slot] = m;
            timeNs[slot] = nowNs;
            legs[slot] = 0;
        }
        highest = s;
    }

    private void release(long nowNs) {
        while (nextOut <= highest) {
            int slot = (int) nextOut & mask;
            if (packets[slot] == null && nowNs - timeNs[slot] < recoveryWindowNs) {
                break;                                    // the other leg may still fill it
            }
            releaseOne(nowNs);
        }
        while (settleNext < nextOut && nowNs - timeNs[(int) settleNext & mask] >= recoveryWindowNs) {
            settleOne();
        }
    }

    private void releaseOne(long nowNs) {
        int slot = (int) nextOut & mask;
        ByteBuf packet = packets[slot];
        if (packet != null) {
            packets[slot] = null;
            counters.output++;
            downstream.onPacket(packet, timeNs[slot]);
        } else {
            counters.lostOnBoth++;
        }
        nextOut++;
    }

    private void settleOne() {
        if (settleNext >= nextOut) {
            return;                                       // only after release; advanceTo releases first
        }
        switch (legs[(int) settleNext & mask]) {
            case 1 -> counters.onlyFrom[0]++;
            case 2 -> counters.onlyFrom[1]++;
            case 3 -> counters.fromBoth++;
            default -> { }                               // lost on both: counted when given up
        }
        settleNext++;
    }

    private void resync(int sequence, long nowNs) {
        counters.resyncs++;
        while (nextOut <= highest) {
            int slot = (int) nextOut & mask;
            if (packets[slot] != null) {
                releaseOne(nowNs);
            } else {
                nextOut++;                                // a restart, not a loss
            }
        }
        while (settleNext < nextOut) {
            settleOne();
        }
        Arrays.fill(slotSeq, Long.MIN_VALUE);             // the new numbering shares nothing with the old
        skewKnown = false;                                // nor, perhaps, the paths: measure the skew again
        start(sequence);
    }

    /** Releases every packet still held. */
    public void close() {
        for (int slot = 0; slot <= mask; slot++) {
            if (packets[slot] != null) {
                packets[slot].release();
                packets[slot] = null;
            }
        }
        started = false;
    }

    /** Adapts one source's {@link PacketSink} calls to {@link #onPacket(int, ByteBuf, long)}. */
    private final class LegSink implements PacketSink {
        private final int leg;

        LegSink(int leg) {
            this.leg = leg;
        }

        @Override
        public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
            HitlessMerge.this.onPacket(leg, rtpPacket, arrivalNs);
        }

        @Override
        public void onBatchComplete() {
            downstream.onBatchComplete();
        }
    }
}
