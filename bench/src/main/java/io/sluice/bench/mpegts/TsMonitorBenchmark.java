package io.sluice.bench.mpegts;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.mpegts.Crc32Mpeg2;
import io.sluice.protocols.mpegts.TsMonitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of the TR 101 290 monitor per 1316-byte datagram (7 TS packets), as a source's hot path pays it: a stream
 * shaped like ffmpeg's (PAT + PMT every 100 datagrams ≈ 100 ms, H.264 with a PCR every 20, AAC) in pooled direct
 * buffers, one datagram per millisecond of clock. Run with {@code -prof gc}: gc.alloc.rate.norm must be ≈ 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TsMonitorBenchmark {
    private static final int DATAGRAMS = 1600;             // 100 table repetitions; a multiple of 16 keeps counters whole
    private static final int PMT_PID = 0x1000;
    private static final int VIDEO_PID = 0x100;
    private static final int AUDIO_PID = 0x101;

    private final ByteBuf[] datagrams = new ByteBuf[DATAGRAMS];
    private final int[] cc = new int[8192];
    private TsMonitor monitor;
    private long nowNs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] pat = section(0x00, 1, new byte[] {0, 1, (byte) 0xF0, 0x00});
        byte[] pmt = section(0x02, 1, new byte[] {(byte) 0xE1, 0x00, (byte) 0xF0, 0x00,
                0x1B, (byte) 0xE1, 0x00, (byte) 0xF0, 0x00, 0x0F, (byte) 0xE1, 0x01, (byte) 0xF0, 0x00});
        for (int d = 0; d < DATAGRAMS; d++) {
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(1316);
            int packets = 0;
            if (d % 100 == 0) {
                writePsi(buf, 0, pat);
                writePsi(buf, PMT_PID, pmt);
                packets += 2;
            }
            writeEs(buf, AUDIO_PID, -1);
            packets++;
            writeEs(buf, VIDEO_PID, d % 20 == 0 ? d * 27_000L : -1);
            packets++;
            while (packets++ < 7) {
                writeEs(buf, VIDEO_PID, -1);
            }
            datagrams[d] = buf;
        }
        monitor = new TsMonitor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf buf : datagrams) {
            buf.release();
        }
    }

    @Benchmark
    public long monitorOneDatagram() {
        ByteBuf buf = datagrams[next];
        next = next + 1 == DATAGRAMS ? 0 : next + 1;
        nowNs += 1_000_000L;
        monitor.onDatagram(buf, buf.readerIndex(), buf.readableBytes(), nowNs);
        return nowNs;
    }

    private void writePsi(ByteBuf buf, int pid, byte[] section) {
        header(buf, pid, true, 0x10);
        buf.writeByte(0);
        buf.writeBytes(section);
        for (int i = section.length; i < 183; i++) {
            buf.writeByte(0xFF);
        }
    }

    private void writeEs(ByteBuf buf, int pid, long pcr) {
        header(buf, pid, pcr >= 0, pcr >= 0 ? 0x30 : 0x10);
        int payload = 184;
        if (pcr >= 0) {
            long base = pcr / 300;
            buf.writeByte(7).writeByte(0x10).writeInt((int) (base >>> 1))
                    .writeByte((int) (((base & 1) << 7) | 0x7E)).writeByte((int) (pcr % 300));
            payload -= 8;
        }
        for (int i = 0; i < payload; i++) {
            buf.writeByte(0xA5);
        }
    }

    private void header(ByteBuf buf, int pid, boolean unitStart, int afc) {
        buf.writeByte(0x47).writeByte((unitStart ? 0x40 : 0) | (pid >> 8)).writeByte(pid & 0xFF)
                .writeByte(afc | cc[pid]);
        cc[pid] = (cc[pid] + 1) & 0x0F;
    }

    private static byte[] section(int tableId, int extension, byte[] body) {
        int length = 5 + body.length + 4;
        byte[] s = new byte[3 + length];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | (length >> 8));
        s[2] = (byte) length;
        s[3] = (byte) (extension >> 8);
        s[4] = (byte) extension;
        s[5] = (byte) 0xC1;
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        for (int i = 0; i < 4; i++) {
            s[s.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return s;
    }
}
