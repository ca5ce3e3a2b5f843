package io.sluice.protocols.mpegts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds MPEG-TS packets for tests: PSI sections with a correct CRC_32, split over packets with pointer_field and
 * stuffing, elementary-stream packets with per-PID continuity counters and optional PCRs, and a synthetic timeline
 * (one 7-packet datagram every 10 ms: PAT + PMT every 100 ms, SDT every 500 ms, PCR every 20 ms) shaped like
 * ffmpeg's output (PMT PID 0x1000, H.264 on 0x100 carrying the PCR, AAC on 0x101).
 */
final class TsTestStream {
    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;
    static final long TICK_NS = 10_000_000L;

    private final int[] cc = new int[8192];
    /** Ticks (10 ms each) during which no PAT is sent, as [from, to). */
    long patGapFromTick = -1;
    long patGapToTick = -1;
    long pmtGapFromTick = -1;
    long pmtGapToTick = -1;
    long audioGapFromTick = -1;
    long audioGapToTick = -1;

    /** One datagram of the timeline: when it arrives and its packets. */
    record Datagram(long timeNs, List<byte[]> packets) {
        byte[] bytes() {
            byte[] out = new byte[packets.size() * 188];
            for (int i = 0; i < packets.size(); i++) {
                System.arraycopy(packets.get(i), 0, out, i * 188, 188);
            }
            return out;
        }
    }

    /** {@code ticks} datagrams of 10 ms, starting at time 0. */
    List<Datagram> timeline(int ticks) {
        List<Datagram> out = new ArrayList<>();
        for (long tick = 0; tick < ticks; tick++) {
            long timeNs = tick * TICK_NS;
            List<byte[]> packets = new ArrayList<>();
            if (tick % 10 == 0) {
                if (!(tick >= patGapFromTick && tick < patGapToTick)) {
                    packets.addAll(sectionPackets(0, patSection(1, new int[] {1, PMT_PID})));
                }
                if (!(tick >= pmtGapFromTick && tick < pmtGapToTick)) {
                    packets.addAll(sectionPackets(PMT_PID, pmtSection(1, VIDEO_PID,
                            new int[] {0x1B, VIDEO_PID}, new int[] {0x0F, AUDIO_PID})));
                }
            }
            if (tick % 50 == 0) {
                packets.addAll(sectionPackets(0x11, sdtSection(1, 1, "Sluice Test")));
            }
            if (!(tick >= audioGapFromTick && tick < audioGapToTick)) {
                packets.add(esPacket(AUDIO_PID, false, -1));
            }
            packets.add(esPacket(VIDEO_PID, tick % 2 == 0, tick % 2 == 0 ? timeNs * 27 / 1000 : -1));
            while (packets.size() < 7) {
                packets.add(esPacket(VIDEO_PID, false, -1));
            }
            out.add(new Datagram(timeNs, packets));
        }
        return out;
    }

    /** A payload-carrying packet on {@code pid}; with {@code pcr >= 0} an adaptation field carries it. */
    byte[] esPacket(int pid, boolean unitStart, long pcr) {
        byte[] p = new byte[188];
        Arrays.fill(p, (byte) 0xA5);
        int afc = pcr >= 0 ? 0x30 : 0x10;
        header(p, pid, unitStart, afc, nextCc(pid));
        if (pcr >= 0) {
            p[4] = 7;
            p[5] = 0x10;
            writePcr(p, 6, pcr);
        }
        return p;
    }

    /** An adaptation-only packet (AFC 10) repeating the last counter, with a PCR. */
    byte[] pcrOnlyPacket(int pid, long pcr, boolean discontinuity) {
        byte[] p = new byte[188];
        header(p, pid, false, 0x20, cc[pid] == 0 ? 0 : (cc[pid] - 1) & 0x0F);
        p[4] = (byte) 183;
        p[5] = (byte) (0x10 | (discontinuity ? 0x80 : 0));
        writePcr(p, 6, pcr);
        Arrays.fill(p, 12, 188, (byte) 0xFF);
        return p;
    }

    static byte[] nullPacket() {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = 0x1F;
        p[2] = (byte) 0xFF;
        p[3] = 0x10;
        return p;
    }

    /** The packets carrying {@code section} on {@code pid}: pointer_field 0, then continuation packets, 0xFF fill. */
    List<byte[]> sectionPackets(int pid, byte[] section) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        boolean first = true;
        while (at < section.length) {
            byte[] p = new byte[188];
            Arrays.fill(p, (byte) 0xFF);
            header(p, pid, first, 0x10, nextCc(pid));
            int start = 4;
            if (first) {
                p[4] = 0;
                start = 5;
            }
            int n = Math.min(188 - start, section.length - at);
            System.arraycopy(section, at, p, start, n);
            at += n;
            first = false;
            out.add(p);
        }
        return out;
    }

    private int nextCc(int pid) {
        int value = cc[pid];
        cc[pid] = (value + 1) & 0x0F;
        return value;
    }

    private static void header(byte[] p, int pid, boolean unitStart, int afc, int counter) {
        p[0] = 0x47;
        p[1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = (byte) (afc | counter);
    }

    static void writePcr(byte[] p, int at, long pcr) {
        long base = pcr / 300;
        long ext = pcr % 300;
        p[at] = (byte) (base >>> 25);
        p[at + 1] = (byte) (base >>> 17);
        p[at + 2] = (byte) (base >>> 9);
        p[at + 3] = (byte) (base >>> 1);
        p[at + 4] = (byte) (((base & 1) << 7) | 0x7E | (ext >>> 8));
        p[at + 5] = (byte) ext;
    }

    /** PAT: pairs of (program_number, PMT PID). */
    static byte[] patSection(int transportStreamId, int[] programs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < programs.length; i += 2) {
            u16(body, programs[i]);
            u16(body, 0xE000 | programs[i + 1]);
        }
        return longSection(0x00, transportStreamId, body.toByteArray());
    }

    /** PMT: each stream is {stream_type, pid, descriptor bytes...}. */
    static byte[] pmtSection(int programNumber, int pcrPid, int[]... streams) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0xE000 | pcrPid);
        u16(body, 0xF000);
        for (int[] stream : streams) {
            body.write(stream[0]);
            u16(body, 0xE000 | stream[1]);
            u16(body, 0xF000 | (stream.length - 2));
            for (int i = 2; i < stream.length; i++) {
                body.write(stream[i]);
            }
        }
        return longSection(0x02, programNumber, body.toByteArray());
    }

    /** SDT actual with one service and a service_descriptor naming it. */
    static byte[] sdtSection(int transportStreamId, int serviceId, String name) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0xFF01);                 // original_network_id
        body.write(0xFF);
        u16(body, serviceId);
        body.write(0xFC);
        byte[] provider = "FFmpeg".getBytes();
        byte[] service = name.getBytes();
        int descriptorLength = 3 + provider.length + service.length;
        u16(body, 0x8000 | (descriptorLength + 2));
        body.write(0x48);
        body.write(descriptorLength);
        body.write(0x01);
        body.write(provider.length);
        body.writeBytes(provider);
        body.write(service.length);
        body.writeBytes(service);
        return longSection(0x42, transportStreamId, body.toByteArray());
    }

    /** A long-form section with version 0, section 0 of 0, and a correct CRC_32. */
    static byte[] longSection(int tableId, int extension, byte[] body) {
        int sectionLength = 5 + body.length + 4;
        byte[] s = new byte[3 + sectionLength];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | (sectionLength >> 8));
        s[2] = (byte) sectionLength;
        s[3] = (byte) (extension >> 8);
        s[4] = (byte) extension;
        s[5] = (byte) 0xC1;
        s[6] = 0;
        s[7] = 0;
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        s[s.length - 4] = (byte) (crc >>> 24);
        s[s.length - 3] = (byte) (crc >>> 16);
        s[s.length - 2] = (byte) (crc >>> 8);
        s[s.length - 1] = (byte) crc;
        return s;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
