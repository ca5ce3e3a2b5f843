package io.sluice.protocols.mpegts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs of a transport stream as its latest PAT, PMTs and SDT describe them, kept in preallocated arrays.
 * Sections arrive here already CRC-checked; a section whose CRC equals the one last parsed is the same table and is
 * not parsed again, so steady streams cost one comparison per table repetition. {@link #describe} builds records
 * on request. Single-threaded (the flow's loop).
 *
 * <p>Limits, chosen for broadcast contributions: {@value #MAX_PROGRAMS} programs, {@value #MAX_STREAMS} elementary
 * streams in all; PATs split over several sections keep the entries of every section seen.
 */
final class PsiTables {
    static final int MAX_PROGRAMS = 16;
    static final int MAX_STREAMS = 64;
    private static final int CRC_BYTES = 4;

    boolean patKnown;
    private int patCrc;
    int transportStreamId = -1;
    int programCount;
    final int[] programNumber = new int[MAX_PROGRAMS];
    final int[] pmtPid = new int[MAX_PROGRAMS];
    final int[] pcrPid = new int[MAX_PROGRAMS];
    final boolean[] pmtKnown = new boolean[MAX_PROGRAMS];
    private final int[] pmtCrc = new int[MAX_PROGRAMS];

    int streamCount;
    final int[] streamPid = new int[MAX_STREAMS];
    final int[] streamType = new int[MAX_STREAMS];
    final int[] streamHint = new int[MAX_STREAMS];
    final int[] streamProgram = new int[MAX_STREAMS];

    private final byte[] sdt = new byte[1024];
    private int sdtLength;
    private int sdtCrc;
    long lastChangeNs;

    private final int[] scratchNumber = new int[MAX_PROGRAMS];
    private final int[] scratchPid = new int[MAX_PROGRAMS];

    /**
     * Takes a PAT section (table_id 0x00). Returns true when the list of programs or their PMT PIDs changed, which
     * forgets every PMT (they are parsed again on their next repetition).
     */
    boolean onPat(byte[] s, int length, long nowNs) {
        int crc = crcOf(s, length);
        if (patKnown && crc == patCrc) {
            return false;
        }
        if (length < 12) {
            return false;
        }
        patKnown = true;
        patCrc = crc;
        transportStreamId = u16(s, 3);
        int sectionNumber = s[6] & 0xFF;
        int count = 0;
        if (sectionNumber != 0) {                  // a later section of a split PAT adds to what section 0 said
            System.arraycopy(programNumber, 0, scratchNumber, 0, programCount);
            System.arraycopy(pmtPid, 0, scratchPid, 0, programCount);
            count = programCount;
        }
        for (int i = 8; i + 4 <= length - CRC_BYTES && count < MAX_PROGRAMS; i += 4) {
            int number = u16(s, i);
            if (number == 0) {
                continue;                          // program 0 names the NIT PID, not a program
            }
            scratchNumber[count] = number;
            scratchPid[count] = u16(s, i + 2) & 0x1FFF;
            count++;
        }
        boolean same = count == programCount;
        for (int i = 0; same && i < count; i++) {
            same = scratchNumber[i] == programNumber[i] && scratchPid[i] == pmtPid[i];
        }
        if (same) {
            return false;
        }
        programCount = count;
        System.arraycopy(scratchNumber, 0, programNumber, 0, count);
        System.arraycopy(scratchPid, 0, pmtPid, 0, count);
        for (int i = 0; i < count; i++) {
            pmtKnown[i] = false;
            pcrPid[i] = -1;
        }
        streamCount = 0;
        lastChangeNs = nowNs;
        return true;
    }

    /** The index of the program whose PMT is carried on {@code pid} with {@code number}, or -1. */
    int programIndex(int pid, int number) {
        for (int i = 0; i < programCount; i++) {
            if (programNumber[i] == number && pmtPid[i] == pid) {
                return i;
            }
        }
        return -1;
    }

    /** Takes a PMT section (table_id 0x02) of program {@code index}. Returns true when its streams changed. */
    boolean onPmt(int index, byte[] s, int length, long nowNs) {
        int crc = crcOf(s, length);
        if (pmtKnown[index] && crc == pmtCrc[index]) {
            return false;
        }
        if (length < 16) {
            return false;
        }
        pmtKnown[index] = true;
        pmtCrc[index] = crc;
        pcrPid[index] = u16(s, 8) & 0x1FFF;
        int kept = 0;
        for (int i = 0; i < streamCount; i++) {    // drop this program's old streams, keep the others in order
            if (streamProgram[i] != index) {
                streamPid[kept] = streamPid[i];
                streamType[kept] = streamType[i];
                streamHint[kept] = streamHint[i];
                streamProgram[kept] = streamProgram[i];
                kept++;
            }
        }
        streamCount = kept;
        int end = length - CRC_BYTES;
        int i = 12 + (u16(s, 10) & 0x0FFF);
        while (i + 5 <= end && streamCount < MAX_STREAMS) {
            int infoLength = u16(s, i + 3) & 0x0FFF;
            streamType[streamCount] = s[i] & 0xFF;
            streamPid[streamCount] = u16(s, i + 1) & 0x1FFF;
            streamHint[streamCount] = codecHint(s, i + 5, Math.min(end, i + 5 + infoLength));
            streamProgram[streamCount] = index;
            streamCount++;
            i += 5 + infoLength;
        }
        lastChangeNs = nowNs;
        return true;
    }

    /** Keeps an SDT actual section (table_id 0x42) for program names; parsed only in {@link #describe}. */
    void onSdt(byte[] s, int length, long nowNs) {
        int crc = crcOf(s, length);
        if ((sdtLength > 0 && crc == sdtCrc) || length > sdt.length) {
            return;
        }
        System.arraycopy(s, 0, sdt, 0, length);
        sdtLength = length;
        sdtCrc = crc;
        lastChangeNs = nowNs;
    }

    /** Forgets everything, as after a source reconnects to another sender. */
    void clear() {
        patKnown = false;
        transportStreamId = -1;
        programCount = 0;
        streamCount = 0;
        sdtLength = 0;
        lastChangeNs = 0;
    }

    TransportInfo describe() {
        List<TransportInfo.Program> programs = new ArrayList<>(programCount);
        for (int p = 0; p < programCount; p++) {
            List<TransportInfo.Stream> streams = new ArrayList<>();
            for (int i = 0; i < streamCount; i++) {
                if (streamProgram[i] == p) {
                    streams.add(new TransportInfo.Stream(streamPid[i], streamType[i],
                            StreamTypes.kind(streamType[i], streamHint[i]), StreamTypes.codec(streamType[i], streamHint[i])));
                }
            }
            programs.add(new TransportInfo.Program(programNumber[p], pmtPid[p], pcrPid[p], serviceName(programNumber[p]), streams));
        }
        return new TransportInfo(transportStreamId, programs, lastChangeNs);
    }

    /** The service_descriptor (EN 300 468 §6.2.33) name of {@code serviceId} in the kept SDT, or null. */
    private String serviceName(int serviceId) {
        int end = sdtLength - CRC_BYTES;
        int i = 11;
        while (i + 5 <= end) {
            int id = u16(sdt, i);
            int loopLength = u16(sdt, i + 3) & 0x0FFF;
            int d = i + 5;
            int loopEnd = Math.min(end, d + loopLength);
            while (id == serviceId && d + 2 <= loopEnd) {
                int tag = sdt[d] & 0xFF;
                int len = sdt[d + 1] & 0xFF;
                if (tag == 0x48 && d + 2 + len <= loopEnd && len >= 3) {
                    int providerLength = sdt[d + 3] & 0xFF;
                    int nameAt = d + 4 + providerLength;
                    if (nameAt < d + 2 + len) {
                        int nameLength = Math.min(sdt[nameAt] & 0xFF, d + 2 + len - nameAt - 1);
                        return dvbText(sdt, nameAt + 1, nameLength);
                    }
                }
                d += 2 + len;
            }
            i = loopEnd;
        }
        return null;
    }

    /** EN 300 468 Annex A text: a first byte below 0x20 selects a character table; the rest is read as Latin-1. */
    private static String dvbText(byte[] s, int offset, int length) {
        if (length > 0 && (s[offset] & 0xFF) < 0x20) {
            int skip = (s[offset] & 0xFF) == 0x10 ? 3 : 1;
            offset += skip;
            length = Math.max(0, length - skip);
        }
        return new String(s, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int codecHint(byte[] s, int from, int end) {
        for (int d = from; d + 2 <= end; d += 2 + (s[d + 1] & 0xFF)) {
            int tag = s[d] & 0xFF;
            int fourcc = tag == StreamTypes.TAG_REGISTRATION && d + 6 <= end ? (u16(s, d + 2) << 16) | u16(s, d + 4) : 0;
            if (StreamTypes.isCodecHint(tag, fourcc)) {
                return tag == StreamTypes.TAG_REGISTRATION ? fourcc : tag;
            }
        }
        return 0;
    }

    private static int crcOf(byte[] s, int length) {
        return length < CRC_BYTES ? 0 : (u16(s, length - 4) << 16) | u16(s, length - 2);
    }

    private static int u16(byte[] s, int i) {
        return ((s[i] & 0xFF) << 8) | (s[i + 1] & 0xFF);
    }
}
