package io.sluice.bench.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.fec.FecEncoder;
import io.sluice.protocols.fec.FecMatrix;
import io.sluice.protocols.fec.FecSink;
import io.sluice.protocols.rtp.RtpView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of 2022-1 FEC generation per outgoing media packet (1328-byte RTP, 1316-byte MPEG-TS payload): XOR into the
 * column and row accumulators, and completing (then releasing) each FEC packet. Run with {@code -prof gc}: the
 * allocation per op should be ~0 B (pooled buffers, no objects per packet).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FecEncodeBenchmark {
    /** "columns x rows". */
    @Param({"10x10", "20x5"})
    public String matrix;

    private FecEncoder encoder;
    private ByteBuf media;
    private int sequence;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        String[] lxd = matrix.split("x");
        FecMatrix shape = new FecMatrix(Integer.parseInt(lxd[0]), Integer.parseInt(lxd[1]), true, 96);
        encoder = new FecEncoder(shape, PooledByteBufAllocator.DEFAULT, new ReleasingSink(blackhole), 0, 0);
        media = PooledByteBufAllocator.DEFAULT.directBuffer(1328);
        RtpView.writeHeader(media, false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x1234);
        for (int i = 12; i < 1328; i++) {
            media.writeByte(i * 31);
        }
    }

    @Benchmark
    public boolean encode() {
        media.setShort(2, sequence++);                      // consecutive, so the matrix never restarts
        return encoder.encode(media);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        media.release();
    }

    /** Stands in for the output's FEC sockets: consumes and releases. */
    private record ReleasingSink(Blackhole blackhole) implements FecSink {
        @Override
        public void onColumnFec(ByteBuf fec) {
            blackhole.consume(fec.getByte(30));
            fec.release();
        }

        @Override
        public void onRowFec(ByteBuf fec) {
            blackhole.consume(fec.getByte(30));
            fec.release();
        }
    }
}
