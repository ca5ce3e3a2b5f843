package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;
import java.util.Arrays;

/**
 * SMPTE 2022-1 receiver: takes the media stream and both FEC streams, rebuilds lost media packets by XOR
 * (protocols.md §2.4), iterating row to column and back until nothing changes, and releases media in sequence order.
 *
 * <p><b>Window.</b> Packets live in a ring indexed by extended sequence number. A missing packet is waited for until
 * {@code 2·L·D + L + D} newer packets have arrived (column FEC of matrix n comes during matrix n+1, §2.5) or it has
 * been missing for {@code maxHoldNs}, whichever comes first; then it is given up and counted unrecoverable. L and D
 * are learned from the FEC headers (Offset and NA), so block-aligned and staircase senders both work. Packets stay
 * after release for another matrix's worth, because a later loss in the same column needs them.
 *
 * <p><b>Ownership.</b> {@link #onMedia} and {@link #onFec} take ownership of the packet. The sink receives one
 * more reference to the same buffer per released packet (the decoder keeps its own until the packet leaves the
 * window); it may move that buffer's indices but must not write its bytes (copy first, STYLE.md §3). {@link #close()} releases everything held.
 *
 * <p>Single-threaded, never throws on bad input (counts it), no allocation per packet: rebuilt packets come from a
 * preallocated pool ({@link RebuiltPacketPool}).
 */
public final class FecDecoder implements AutoCloseable {
    /** Where the decoder releases media, in sequence order. */
    @FunctionalInterface
    public interface MediaSink {
        /** Takes ownership of one reference to {@code rtpPacket}. */
        void onMedia(ByteBuf rtpPacket, long arrivalNs);
    }

    /** 2022-1 and ffmpeg: L x D &lt;= 100. */
    public static final int DEFAULT_MAX_MATRIX_PACKETS = 100;
    private static final int COLUMN = 0;
    private static final int ROW = 1;
    private static final long NONE = Long.MIN_VALUE;
    /** Consecutive packets older than the window that mean the sender restarted (RFC 3550 §A.1 uses 2). */
    private static final int STALE_RUN_FOR_RESYNC = 3;
    /** Until the first FEC packet says otherwise, assume 10 x 10. */
    private static final int INITIAL_COLUMNS = 10;
    private static final int INITIAL_ROWS = 10;
    /** Rebuilt packets held at once: a window's worth at a few percent loss before the pool allocates more. */
    private static final int REBUILT_BUFFERS = 32;

    private final RebuiltPacketPool rebuiltPool;
    private final MediaSink sink;
    private final long maxHoldNs;
    private final int maxMatrixPackets;
    private final int mask;
    private final FecDecoderCounters counters = new FecDecoderCounters();

    private final ByteBuf[] media;
    private final int[] start;             // reader index and length when stored: the sink may move the indices of
    private final int[] length;            // the same buffer object it receives, never its bytes
    private final long[] timeNs;           // arrival (present) or when first seen missing (absent)
    private final boolean[] rebuilt;
    private final long[][] link;           // [dimension][slot]: SNBase of the FEC packet covering that seq, or NONE
    private final ByteBuf[][] fec;         // [dimension][slot of SNBase]
    private final long[][] fecBase;
    private final long[] work;             // pending (SNBase << 1 | dimension) to try
    private int workSize;

    private boolean started;
    private long highest;                  // newest extended sequence number stored
    private long floor;                    // oldest extended sequence number kept
    private long nextOut;                  // next extended sequence number to release
    private int columns;
    private int rows;
    private int windowPackets;
    private int keepPackets;
    private int staleRun;
    private long lastStale;

    private final RtpView view = new RtpView();
    private final FecHeaderView fecView = new FecHeaderView();

    /**
     * @param maxHoldNs        longest a missing packet holds back the stream (from the flow's latency setting)
     * @param maxMatrixPackets largest L x D accepted; sizes the ring (8 x this, rounded up to a power of two)
     */
    public FecDecoder(ByteBufAllocator allocator, MediaSink sink, long maxHoldNs, int maxMatrixPackets) {
        if (maxHoldNs <= 0) {
            throw new IllegalArgumentException("maxHoldNs " + maxHoldNs + " must be positive");
        }
        if (maxMatrixPackets < 1 || maxMatrixPackets > 4096) {
            throw new IllegalArgumentException("maxMatrixPackets " + maxMatrixPackets + " is out of range 1-4096");
        }
        this.rebuiltPool = new RebuiltPacketPool(allocator, REBUILT_BUFFERS);
        this.sink = sink;
        this.maxHoldNs = maxHoldNs;
        this.maxMatrixPackets = maxMatrixPackets;
        int capacity = Integer.highestOneBit(Math.max(256, 8 * maxMatrixPackets) - 1) << 1;
        this.mask = capacity - 1;
        this.media = new ByteBuf[capacity];
        this.start = new int[capacity];
        this.length = new int[capacity];
        this.timeNs = new long[capacity];
        this.rebuilt = new boolean[capacity];
        this.link = new long[2][capacity];
        this.fec = new ByteBuf[2][capacity];
        this.fecBase = new long[2][capacity];
        this.work = new long[4 * capacity];
        Arrays.fill(link[COLUMN], NONE);
        Arrays.fill(link[ROW], NONE);
        learnShape(INITIAL_COLUMNS, INITIAL_ROWS);
    }

    public FecDecoderCounters counters() {
        return counters;
    }

    /** How many newer packets a missing one waits for before it is given up; follows the FEC's L and D. */
    public int windowPackets() {
        return windowPackets;
    }

    /**
     * One datagram from the media port. Takes ownership of {@code packet}; releases in-order media that became due.
     */
    public void onMedia(ByteBuf packet, long nowNs) {
        if (!view.wrap(packet).isValid()) {
            counters.mediaMalformed++;
            packet.release();
            return;
        }
        int sequence = view.sequenceNumber();
        if (!started) {
            start(sequence);
        }
        long s = RtpSequence.extend(sequence, highest);
        if (s > highest) {
            if (s - highest > (mask + 1) / 2) {        // a jump beyond the window: the sender restarted
                resync(sequence, nowNs);
                s = RtpSequence.extend(sequence, highest);
            }
            advanceTo(s, nowNs);
            staleRun = 0;
        } else if (s < floor) {
            staleRun = s == lastStale + 1 ? staleRun + 1 : 1;
            lastStale = s;
            if (staleRun < STALE_RUN_FOR_RESYNC) {
                counters.mediaOutOfWindow++;
                packet.release();
                return;
            }
            resync(sequence, nowNs);                   // the sender went back in time and stays there
            s = RtpSequence.extend(sequence, highest);
            advanceTo(s, nowNs);
        }
        int slot = slot(s);
        if (media[slot] != null) {
            counters.mediaDuplicates++;
            packet.release();
            return;
        }
        counters.mediaReceived++;
        if (s < nextOut) {
            counters.mediaLate++;
        }
        media[slot] = packet;
        start[slot] = packet.readerIndex();
        length[slot] = packet.readableBytes();
        timeNs[slot] = nowNs;
        rebuilt[slot] = false;
        pushCovering(s);
        recover(nowNs);
        release(nowNs);
    }

    /**
     * One datagram from a FEC port (column or row: the D bit decides, so the ports may be swapped). Takes ownership
     * of {@code packet}.
     */
    public void onFec(ByteBuf packet, long nowNs) {
        FecHeaderView f = fecView.wrap(packet);
        if (!f.isValid()) {
            counters.fecMalformed++;
            packet.release();
            return;
        }
        int dimension = f.isRow() ? ROW : COLUMN;
        if (dimension == ROW) {
            counters.rowFecReceived++;
        } else {
            counters.columnFecReceived++;
        }
        int offset = f.offset();
        int count = f.count();
        long span = (long) (count - 1) * offset;
        if (!started || span >= maxMatrixPackets) {
            counters.fecOutOfWindow++;
            packet.release();
            return;
        }
        long base = RtpSequence.extend(f.snBase(), highest);
        if (base < floor || base + span - highest > (mask + 1) / 4) {
            counters.fecOutOfWindow++;
            packet.release();
            return;
        }
        int slot = slot(base);
        if (fec[dimension][slot] != null) {
            counters.fecDuplicates++;
            packet.release();
            return;
        }
        if (dimension == COLUMN) {
            learnShape(offset, count);                 // column FEC: Offset = L, NA = D
        } else {
            learnShape(count, rows);                   // row FEC: NA = L
        }
        fec[dimension][slot] = packet;
        fecBase[dimension][slot] = base;
        long[] links = link[dimension];
        for (int i = 0; i < count; i++) {
            links[slot(base + (long) i * offset)] = base;
        }
        push(base, dimension);
        recover(nowNs);
        release(nowNs);
    }

    /** Gives up missing packets whose hold time has passed and releases what follows them; call from a timer. */
    public void poll(long nowNs) {
        if (started) {
            release(nowNs);
        }
    }

    private void start(int sequence) {
        started = true;
        long first = (1L << 32) + sequence;         // positive, with room below for late packets
        highest = first - 1;
        floor = first;
        nextOut = first;
        staleRun = 0;
    }

    /** Window sizes for an L x D matrix. */
    private void learnShape(int l, int d) {
        if (l == columns && d == rows) {
            return;
        }
        columns = l;
        rows = d;
        int capacity = mask + 1;
        windowPackets = Math.min(capacity / 4, 2 * l * d + l + d);
        keepPackets = Math.min(capacity / 2, windowPackets + l * d);
    }

    /**
     * {@code s} is newer than everything stored: the packets between are now known missing (since now), so the FEC
     * packets covering them get a try; the floor moves up.
     */
    private void advanceTo(long s, long nowNs) {
        for (long m = highest + 1; m < s; m++) {
            timeNs[slot(m)] = nowNs;
            pushCovering(m);
        }
        highest = s;
        long newFloor = s - keepPackets + 1;
        if (newFloor > floor) {
            evictBelow(newFloor, nowNs);
        }
    }

    private void evictBelow(long newFloor, long nowNs) {
        while (nextOut < newFloor) {                  // never drop what was not released or given up
            releaseOne(nowNs);
        }
        for (long m = floor; m < newFloor; m++) {
            clearSlot(slot(m));
        }
        floor = newFloor;
    }

    private void clearSlot(int slot) {
        if (media[slot] != null) {
            if (rebuilt[slot]) {
                rebuiltPool.giveBack(media[slot]);
            } else {
                media[slot].release();
            }
            media[slot] = null;
        }
        rebuilt[slot] = false;
        link[COLUMN][slot] = NONE;
        link[ROW][slot] = NONE;
        releaseFec(COLUMN, slot);
        releaseFec(ROW, slot);
    }

    private void releaseFec(int dimension, int slot) {
        ByteBuf f = fec[dimension][slot];
        if (f != null) {
            f.release();
            fec[dimension][slot] = null;
        }
    }

    private void pushCovering(long s) {
        int slot = slot(s);
        if (link[COLUMN][slot] != NONE) {
            push(link[COLUMN][slot], COLUMN);
        }
        if (link[ROW][slot] != NONE) {
            push(link[ROW][slot], ROW);
        }
    }

    private void push(long base, int dimension) {
        if (workSize < work.length) {
            work[workSize++] = base << 1 | dimension;
        }
    }

    /** Tries every pending FEC packet; each rebuilt packet queues the FEC packets covering it (row ↔ column). */
    private void recover(long nowNs) {
        while (workSize > 0) {
            long entry = work[--workSize];
            tryFec((int) (entry & 1), entry >> 1, nowNs);
        }
    }

    private void tryFec(int dimension, long base, long nowNs) {
        int fecSlot = slot(base);
        ByteBuf f = fec[dimension][fecSlot];
        if (f == null || fecBase[dimension][fecSlot] != base) {
            return;                                    // already used, or evicted and the slot reused
        }
        fecView.wrap(f);
        int offset = fecView.offset();
        int count = fecView.count();
        long lost = NONE;
        for (int i = 0; i < count; i++) {
            long m = base + (long) i * offset;
            if (media[slot(m)] == null) {
                if (lost != NONE) {
                    return;                            // two or more missing: wait for the other dimension
                }
                lost = m;
            }
        }
        if (lost > highest) {
            return;                                    // not lost yet, only not arrived: the FEC came early
        }
        if (lost != NONE) {
            ByteBuf rebuiltPacket = FecRecovery.rebuild(fecView, base, offset, count, lost, media, start, length,
                    mask, rebuiltPool, view);
            if (rebuiltPacket == null) {
                counters.fecLengthMismatch++;
            } else {
                int slot = slot(lost);
                media[slot] = rebuiltPacket;
                start[slot] = rebuiltPacket.readerIndex();
                length[slot] = rebuiltPacket.readableBytes();
                timeNs[slot] = nowNs;
                rebuilt[slot] = true;
                pushCovering(lost);
            }
        }
        releaseFec(dimension, fecSlot);                // all members present now: this FEC has no more use
    }

    /** Releases in order: present packets at once, missing ones once given up. */
    private void release(long nowNs) {
        while (nextOut <= highest) {
            int slot = slot(nextOut);
            if (media[slot] == null
                    && highest - nextOut < windowPackets
                    && nowNs - timeNs[slot] < maxHoldNs) {
                return;                                // still recoverable: hold everything behind it
            }
            releaseOne(nowNs);
        }
    }

    /** Releases (or gives up) {@code nextOut} and moves past it. */
    private void releaseOne(long nowNs) {
        int slot = slot(nextOut);
        ByteBuf packet = media[slot];
        if (packet == null) {
            counters.lostBeforeFec++;
            counters.unrecoverable++;
        } else {
            if (rebuilt[slot]) {
                counters.lostBeforeFec++;
                counters.recovered++;
            }
            // The same buffer object, one more reference (a retained duplicate would cost an object per packet on
            // threads whose recycler does not pool, FecDecodeBenchmark): the decoder reads it by the index and
            // length stored above, so the sink may move its indices.
            sink.onMedia(packet.retain(), rebuilt[slot] ? nowNs : timeNs[slot]);
        }
        nextOut++;
    }

    /** Releases what can be released in order, gives up the rest, forgets everything and restarts at {@code sequence}. */
    private void resync(int sequence, long nowNs) {
        counters.resyncs++;
        while (nextOut <= highest) {
            releaseOne(nowNs);
        }
        clearAll();
        start(sequence);
    }

    private void clearAll() {
        for (int slot = 0; slot <= mask; slot++) {
            clearSlot(slot);
        }
        workSize = 0;
    }

    private int slot(long extendedSequence) {
        return (int) extendedSequence & mask;
    }

    /** Releases every packet held; nothing more is released to the sink. */
    @Override
    public void close() {
        clearAll();
        rebuiltPool.close();
        started = false;
    }
}
