package io.sluice.protocols.mpegts;

import io.netty.buffer.ByteBuf;

/**
 * Watches one source's MPEG-TS for the ETSI TR 101 290 indicators that need no decoding: priority 1 (TS sync loss,
 * sync byte, PAT, continuity count, PMT, PID errors) and priority 2 (transport error, CRC, PCR repetition and
 * discontinuity, CAT). It reads each datagram's 188-byte packets in place on the flow's loop and allocates nothing:
 * per-PID state lives in arrays indexed by PID, PSI sections are reassembled into preallocated arrays, and the PAT
 * and PMTs are parsed again only when their CRC changes ({@link PsiTables}).
 *
 * <pre>
 *  byte 0      1                      2          3
 *  +--------+-+-+-+---------+--------+--+--+----+   then, when adaptation_field_control has bit 1:
 *  |  0x47  |E|S|P| PID(13) ...      |SC|AF| CC |   length(8) flags(8: discontinuity 0x80, PCR 0x10) PCR(48) ...
 *  +--------+-+-+-+---------+--------+--+--+----+   E = transport_error_indicator, S = payload_unit_start
 * </pre>
 *
 * Timing indicators (PAT/PMT missing for over 0.5 s, a referenced PID absent for longer than the PID timeout) are
 * checked at each datagram against the caller's clock and count once per absence; PCR repetition uses arrival
 * times, PCR discontinuity the PCR values. A packet that cannot be trusted (bad sync byte, transport_error_indicator
 * set) is counted and not analysed further, as a demultiplexer would discard it; the next packet of its PID then
 * shows the loss as a continuity error. Single-threaded: call every method on the flow's loop.
 */
public final class TsMonitor implements SectionAssembler.SectionSink {
    public static final int PACKET_BYTES = 188;
    public static final long DEFAULT_PID_TIMEOUT_NS = 5_000_000_000L;     // TSDuck's default for 1.6 PID_error

    private static final int SYNC_BYTE = 0x47;
    private static final int NULL_PID = 0x1FFF;
    private static final int PID_COUNT = 8192;
    private static final int SYNC_ACQUIRE_PACKETS = 5;                    // TR 101 290 1.1
    private static final int SYNC_LOSE_PACKETS = 2;
    private static final long TABLE_INTERVAL_NS = 500_000_000L;           // 1.3 and 1.5: at least every 0.5 s
    private static final long PCR_INTERVAL_NS = 100_000_000L;             // 2.3a
    private static final long PCR_MAX_STEP = 100L * 27_000;               // 2.3b: 100 ms in 27 MHz ticks
    private static final long PCR_MODULUS = (1L << 33) * 300;             // 33-bit base * 300 + 9-bit extension
    private static final int CC_OK = 0;
    private static final int CC_DUPLICATE = 1;
    private static final int CC_BROKEN = 2;
    private static final int[] FIXED_PSI_PIDS = {0x0000, 0x0001, 0x0010, 0x0011, 0x0012, 0x0014};
    private static final int FIRST_PMT_SLOT = FIXED_PSI_PIDS.length;
    private static final int MAX_WATCHED = PsiTables.MAX_STREAMS + PsiTables.MAX_PROGRAMS;

    private final long pidTimeoutNs;
    private final PsiTables tables = new PsiTables();

    // Per PID: 0 = never seen, else 0x80 | duplicates << 4 | last continuity_counter.
    private final byte[] ccState = new byte[PID_COUNT];
    // Per PID: 0 = none, else 1 + index into assemblers / watched arrays.
    private final byte[] psiSlot = new byte[PID_COUNT];
    private final byte[] watchSlot = new byte[PID_COUNT];

    private final SectionAssembler[] assemblers = new SectionAssembler[FIRST_PMT_SLOT + PsiTables.MAX_PROGRAMS];
    private int pmtSlotCount;

    private final long[] lastPmtNs = new long[PsiTables.MAX_PROGRAMS];
    private final boolean[] pmtLate = new boolean[PsiTables.MAX_PROGRAMS];

    private int watchedCount;
    private final int[] watchedPid = new int[MAX_WATCHED];
    private final long[] lastSeenNs = new long[MAX_WATCHED];
    private final boolean[] pidMissing = new boolean[MAX_WATCHED];
    private final boolean[] pcrValid = new boolean[MAX_WATCHED];
    private final long[] lastPcr = new long[MAX_WATCHED];
    private final long[] lastPcrNs = new long[MAX_WATCHED];

    private boolean started;
    private long lastPatNs;
    private boolean patLate;
    private boolean catSeen;
    private boolean catMissingCounted;
    private boolean inSync;
    private int goodSyncRun;
    private int badSyncRun;

    private long tsPackets;
    private long malformedDatagrams;
    private long syncLosses;
    private long syncByteErrors;
    private long patErrors;
    private long continuityErrors;
    private long pmtErrors;
    private long pidErrors;
    private long transportErrors;
    private long crcErrors;
    private long pcrRepetitionErrors;
    private long pcrDiscontinuityErrors;
    private long catErrors;

    /** A monitor with the default PID timeout of 5 s. */
    public TsMonitor() {
        this(DEFAULT_PID_TIMEOUT_NS);
    }

    /** @param pidTimeoutNs how long a PID referenced by a PMT may be absent before a PID_error (TR 101 290 1.6) */
    public TsMonitor(long pidTimeoutNs) {
        if (pidTimeoutNs <= 0) {
            throw new IllegalArgumentException("pidTimeoutNs must be positive, was " + pidTimeoutNs);
        }
        this.pidTimeoutNs = pidTimeoutNs;
        for (int i = 0; i < assemblers.length; i++) {
            int pid = i < FIRST_PMT_SLOT ? FIXED_PSI_PIDS[i] : -1;
            assemblers[i] = new SectionAssembler(pid == 0x0012 ? 4096 : 1024);   // EIT sections reach 4096 bytes
            if (pid >= 0) {
                assemblers[i].reset(pid);
                psiSlot[pid] = (byte) (i + 1);
            }
        }
    }

    /**
     * Looks at the TS packets in {@code buf[index, index + length)}, typically one RTP payload of 7 packets that
     * arrived at {@code nowNs}. Reads in place; does not retain, release or move the buffer's indices.
     */
    public void onDatagram(ByteBuf buf, int index, int length, long nowNs) {
        if (!started) {
            started = true;
            lastPatNs = nowNs;                    // the PAT is due 0.5 s after monitoring starts
        }
        int whole = length - length % PACKET_BYTES;
        if (whole != length) {
            malformedDatagrams++;
        }
        for (int p = index, end = index + whole; p < end; p += PACKET_BYTES) {
            onPacket(buf, p, nowNs);
        }
        checkDeadlines(nowNs);
    }

    private void onPacket(ByteBuf buf, int p, long nowNs) {
        tsPackets++;
        if (buf.getByte(p) != SYNC_BYTE) {
            onBadSyncByte();
            return;
        }
        onGoodSyncByte();
        int b1 = buf.getUnsignedByte(p + 1);
        if ((b1 & 0x80) != 0) {
            transportErrors++;                    // 2.1: the header itself may be wrong, so look no further
            return;
        }
        int pid = ((b1 & 0x1F) << 8) | buf.getUnsignedByte(p + 2);
        if (pid == NULL_PID) {
            return;
        }
        int b3 = buf.getUnsignedByte(p + 3);
        int scrambling = b3 >>> 6;
        int afc = (b3 >>> 4) & 0x3;
        if (afc == 0) {
            return;                               // reserved: decoders discard it (13818-1 §2.4.3.3)
        }
        int payload = p + 4;
        int afLength = 0;
        int afFlags = 0;
        if ((afc & 0x2) != 0) {
            afLength = buf.getUnsignedByte(p + 4);
            payload = Math.min(p + 5 + afLength, p + PACKET_BYTES);
            if (afLength > 0) {
                afFlags = buf.getUnsignedByte(p + 5);
            }
        }
        boolean discontinuity = (afFlags & 0x80) != 0;
        boolean hasPayload = (afc & 0x1) != 0;
        int continuity = checkContinuity(pid, b3 & 0x0F, hasPayload, discontinuity);
        if (scrambling != 0) {
            onScrambled(pid);
        }
        int watch = watchSlot[pid];
        if (watch != 0) {
            onWatchedPid(watch - 1, buf, p, afLength, afFlags, nowNs);
        }
        int psi = psiSlot[pid];
        if (psi != 0 && hasPayload && scrambling == 0 && continuity != CC_DUPLICATE) {
            assemblers[psi - 1].onPayload(buf, payload, p + PACKET_BYTES, (b1 & 0x40) != 0,
                    continuity == CC_BROKEN, this, nowNs);
        }
    }

    private void onBadSyncByte() {
        goodSyncRun = 0;
        if (inSync) {
            syncByteErrors++;
            if (++badSyncRun >= SYNC_LOSE_PACKETS) {
                inSync = false;
                syncLosses++;
            }
        }
    }

    private void onGoodSyncByte() {
        badSyncRun = 0;
        if (!inSync && ++goodSyncRun >= SYNC_ACQUIRE_PACKETS) {
            inSync = true;
        }
    }

    /** 13818-1 §2.4.3.3 and TR 101 290 1.4; see protocols.md §6.2. */
    private int checkContinuity(int pid, int cc, boolean hasPayload, boolean discontinuity) {
        int state = ccState[pid] & 0xFF;
        if (state == 0 || discontinuity) {
            ccState[pid] = (byte) (0x80 | cc);
            return CC_OK;
        }
        int last = state & 0x0F;
        if (!hasPayload) {                        // adaptation-only packets repeat the counter
            if (cc == last) {
                return CC_OK;
            }
        } else if (cc == ((last + 1) & 0x0F)) {
            ccState[pid] = (byte) (0x80 | cc);
            return CC_OK;
        } else if (cc == last) {
            if ((state & 0x30) == 0) {            // one duplicate is allowed ...
                ccState[pid] = (byte) (state | 0x10);
                return CC_DUPLICATE;
            }
            continuityErrors++;                   // ... a third copy is not
            return CC_DUPLICATE;
        }
        continuityErrors++;
        ccState[pid] = (byte) (0x80 | cc);
        return CC_BROKEN;
    }

    private void onScrambled(int pid) {
        if (pid == 0) {
            patErrors++;                          // 1.3.a: PID 0 must be clear
        } else if (psiSlot[pid] > FIRST_PMT_SLOT) {
            pmtErrors++;                          // 1.5.a: a PMT PID must be clear
        }
        if (!catSeen && !catMissingCounted) {
            catErrors++;                          // 2.6: scrambled packets need a CAT
            catMissingCounted = true;
        }
    }

    private void onWatchedPid(int slot, ByteBuf buf, int p, int afLength, int afFlags, long nowNs) {
        lastSeenNs[slot] = nowNs;
        pidMissing[slot] = false;
        if ((afFlags & 0x10) == 0 || afLength < 7) {
            return;
        }
        long base = (buf.getUnsignedInt(p + 6) << 1) | (buf.getUnsignedByte(p + 10) >>> 7);
        long pcr = base * 300 + (((buf.getUnsignedByte(p + 10) & 0x01) << 8) | buf.getUnsignedByte(p + 11));
        if (pcrValid[slot] && (afFlags & 0x80) == 0) {
            // A step below 0 wraps to a huge value modulo the PCR range, so one comparison covers both bounds.
            if (Math.floorMod(pcr - lastPcr[slot], PCR_MODULUS) > PCR_MAX_STEP) {
                pcrDiscontinuityErrors++;
            }
            if (nowNs - lastPcrNs[slot] > PCR_INTERVAL_NS) {
                pcrRepetitionErrors++;
            }
        }
        pcrValid[slot] = true;
        lastPcr[slot] = pcr;
        lastPcrNs[slot] = nowNs;
    }

    private void checkDeadlines(long nowNs) {
        if (!patLate && nowNs - lastPatNs > TABLE_INTERVAL_NS) {
            patErrors++;
            patLate = true;
        }
        for (int i = 0; i < tables.programCount; i++) {
            if (!pmtLate[i] && nowNs - lastPmtNs[i] > TABLE_INTERVAL_NS) {
                pmtErrors++;
                pmtLate[i] = true;
            }
        }
        for (int k = 0; k < watchedCount; k++) {
            if (!pidMissing[k] && nowNs - lastSeenNs[k] > pidTimeoutNs) {
                pidErrors++;
                pidMissing[k] = true;
            }
        }
    }

    @Override
    public void onSection(int pid, byte[] s, int length, long nowNs) {
        int tableId = s[0] & 0xFF;
        boolean hasCrc = (s[1] & 0x80) != 0 || tableId == 0x73;   // long sections, and the TOT (EN 300 468 §5.2.6)
        if (hasCrc && (length < 7 || Crc32Mpeg2.compute(s, 0, length) != 0)) {
            crcErrors++;
            return;
        }
        switch (pid) {
            case 0x0000 -> {
                if (tableId != 0x00) {
                    patErrors++;                  // 1.3.a: only the PAT belongs on PID 0
                    return;
                }
                lastPatNs = nowNs;
                patLate = false;
                if (tables.onPat(s, length, nowNs)) {
                    onProgramsChanged(nowNs);
                }
            }
            case 0x0001 -> {
                if (tableId == 0x01) {
                    catSeen = true;
                } else {
                    catErrors++;                  // 2.6: only the CAT belongs on PID 1
                }
            }
            case 0x0011 -> {
                if (tableId == 0x42) {
                    tables.onSdt(s, length, nowNs);
                }
            }
            default -> {
                if (tableId == 0x02 && length >= 5) {
                    int index = tables.programIndex(pid, ((s[3] & 0xFF) << 8) | (s[4] & 0xFF));
                    if (index >= 0) {
                        lastPmtNs[index] = nowNs;
                        pmtLate[index] = false;
                        if (tables.onPmt(index, s, length, nowNs)) {
                            onStreamsChanged(nowNs);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void onOversizedSection(int pid) {
        crcErrors++;                              // a section longer than its table allows cannot pass its check
    }

    /** The PAT changed: PMT PIDs get assemblers and a fresh 0.5 s deadline. Runs only when the PAT changes. */
    private void onProgramsChanged(long nowNs) {
        for (int k = 0; k < pmtSlotCount; k++) {
            psiSlot[assemblers[FIRST_PMT_SLOT + k].pid()] = 0;
        }
        pmtSlotCount = 0;
        for (int i = 0; i < tables.programCount; i++) {
            int pid = tables.pmtPid[i];
            lastPmtNs[i] = nowNs;
            pmtLate[i] = false;
            if (psiSlot[pid] == 0) {
                SectionAssembler assembler = assemblers[FIRST_PMT_SLOT + pmtSlotCount];
                assembler.reset(pid);
                psiSlot[pid] = (byte) (FIRST_PMT_SLOT + pmtSlotCount + 1);
                pmtSlotCount++;
            }
        }
        onStreamsChanged(nowNs);
    }

    /** A PMT changed: the referenced PIDs (streams and PCR PIDs) are watched afresh. */
    private void onStreamsChanged(long nowNs) {
        for (int k = 0; k < watchedCount; k++) {
            watchSlot[watchedPid[k]] = 0;
        }
        watchedCount = 0;
        for (int i = 0; i < tables.streamCount; i++) {
            watch(tables.streamPid[i], nowNs);
        }
        for (int i = 0; i < tables.programCount; i++) {
            if (tables.pmtKnown[i] && tables.pcrPid[i] != NULL_PID) {
                watch(tables.pcrPid[i], nowNs);
            }
        }
    }

    private void watch(int pid, long nowNs) {
        if (watchSlot[pid] != 0 || watchedCount == MAX_WATCHED) {
            return;
        }
        int slot = watchedCount++;
        watchedPid[slot] = pid;
        watchSlot[pid] = (byte) (slot + 1);
        lastSeenNs[slot] = nowNs;
        pidMissing[slot] = false;
        pcrValid[slot] = false;
    }

    /** A copy of the counters; allocates, so call it when asked (metrics scrape, live table), not per packet. */
    public TsHealth health() {
        return new TsHealth(tsPackets, malformedDatagrams, inSync, syncLosses, syncByteErrors, patErrors,
                continuityErrors, pmtErrors, pidErrors, transportErrors, crcErrors, pcrRepetitionErrors,
                pcrDiscontinuityErrors, catErrors);
    }

    /** Programs and streams from the latest PAT/PMT/SDT; for DescribeFlowSourceMetadata. Allocates. */
    public TransportInfo describe() {
        return tables.describe();
    }

    /** Clock time of the last PAT, PMT or SDT change, or 0; lets a caller skip {@link #describe()} when unchanged. */
    public long lastTableChangeNs() {
        return tables.lastChangeNs;
    }
}
