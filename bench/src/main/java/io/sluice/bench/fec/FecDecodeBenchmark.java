package io.sluice.bench.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.fec.FecDecoder;
import io.sluice.protocols.fec.FecEncoder;
import io.sluice.protocols.fec.FecMatrix;
import io.sluice.protocols.fec.FecSink;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;
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
 * Cost of the 2022-1 receive path per media packet: store, check the covering FEC, rebuild by XOR when one packet is
 * missing, release in order. One op = one media packet plus the FEC packets the sender emitted after it (2D FEC,
 * ffmpeg order). {@code lostPerMatrix} media packets of every matrix are never delivered and are rebuilt from FEC;
 * the cost of one recovery is (ns/op with loss - ns/op without) x L x D / lostPerMatrix.
 *
 * <p>The stream is precomputed for {@value #MATRICES} matrices in pooled buffers and replayed with sequence numbers
 * moved forward each lap (sequence numbers are outside the XOR, so the FEC stays valid).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FecDecodeBenchmark {
    private static final int MATRICES = 16;

    @Param({"10x10", "20x5"})
    public String matrix;

    /** Media packets of each matrix that are lost and rebuilt: one per row, in different columns (row-fixable). */
    @Param({"0", "4"})
    public int lostPerMatrix;

    private FecDecoder decoder;
    private ByteBuf[] media;
    private boolean[] lost;
    private ByteBuf[][] fecAfter;        // FEC packets sent right after media i
    private int packetsPerLap;
    private int index;
    private int lap;
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        String[] lxd = matrix.split("x");
        FecMatrix shape = new FecMatrix(Integer.parseInt(lxd[0]), Integer.parseInt(lxd[1]), true, 96);
        packetsPerLap = MATRICES * shape.packets();
        media = new ByteBuf[packetsPerLap];
        lost = new boolean[packetsPerLap];
        fecAfter = new ByteBuf[packetsPerLap][];
        List<ByteBuf> pending = new ArrayList<>();
        FecSink collect = new FecSink() {
            @Override public void onColumnFec(ByteBuf fec) { pending.add(fec); }
            @Override public void onRowFec(ByteBuf fec) { pending.add(fec); }
        };
        try (FecEncoder encoder = new FecEncoder(shape, PooledByteBufAllocator.DEFAULT, collect, 0, 0)) {
            for (int i = 0; i < packetsPerLap; i++) {
                ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(1328);
                RtpView.writeHeader(packet, false, RtpView.PAYLOAD_TYPE_MP2T, i, 3000L * i, 0x1234);
                for (int b = 12; b < 1328; b++) {
                    packet.writeByte(b * 7 + i);
                }
                encoder.encode(packet);
                media[i] = packet;
                fecAfter[i] = pending.toArray(new ByteBuf[0]);
                pending.clear();
                int position = i % shape.packets();
                int matrixIndex = i / shape.packets();
                int row = position / shape.columns();
                lost[i] = matrixIndex > 0 && row < lostPerMatrix
                        && position % shape.columns() == (matrixIndex + row) % shape.columns();
            }
        }
        decoder = new FecDecoder(PooledByteBufAllocator.DEFAULT,
                (packet, arrivalNs) -> { blackhole.consume(packet.getByte(12)); packet.release(); },
                1_000_000_000_000L, FecDecoder.DEFAULT_MAX_MATRIX_PACKETS);
    }

    @Benchmark
    public void receiveOneMediaPacket() {
        int i = index;
        if (i == 0) {
            lap++;
        }
        int shift = lap * packetsPerLap;
        nowNs += 1_000;
        if (!lost[i]) {
            ByteBuf packet = media[i];
            packet.setShort(2, i + shift);
            decoder.onMedia(packet.retain(), nowNs);                // the decoder releases its reference later
        }
        ByteBuf[] fec = fecAfter[i];
        for (int k = 0; k < fec.length; k++) {
            ByteBuf f = fec[k];
            f.setShort(12, f.getUnsignedShort(12) + packetsPerLap);  // SNBase follows the media lap
            decoder.onFec(f.retain(), nowNs);
        }
        index = i + 1 == packetsPerLap ? 0 : i + 1;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
        for (int i = 0; i < packetsPerLap; i++) {
            media[i].release();
            for (ByteBuf f : fecAfter[i]) {
                f.release();
            }
        }
    }
}
