package io.sluice.bench.merge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.merge.HitlessMerge;
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
 * Per-packet cost of the 2022-7 merge path: one op = one sequence number arriving on both legs (the first copy goes
 * downstream, the second is recognised as a duplicate and released). With {@code lossEvery} = N, leg 0 misses every
 * Nth packet and leg 1's copy, arriving 3 packets later, fills it (the ring holds the packets behind the gap).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class MergeBenchmark {
    private static final int SKEW = 3;

    @Param({"0", "100"})
    public int lossEvery;

    private HitlessMerge merge;
    private final ByteBuf[] ring = new ByteBuf[64];
    private int sequence;
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        merge = new HitlessMerge(new PacketSink() {
            @Override public void onPacket(ByteBuf p, long arrivalNs) { blackhole.consume(p.getByte(20)); p.release(); }
            @Override public void onBatchComplete() { }
        }, 200_000_000L, 4096);
        for (int i = 0; i < ring.length; i++) {
            ring[i] = PooledByteBufAllocator.DEFAULT.directBuffer(1328);
            RtpView.writeHeader(ring[i], false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x1234);
            ring[i].writeZero(1316);
        }
    }

    @Benchmark
    public void oneSequenceNumberOnBothLegs() {
        int s = sequence++;
        nowNs += 2_000;
        if (lossEvery == 0 || s % lossEvery != 0) {
            merge.onPacket(0, packet(s), nowNs);
        }
        if (s >= SKEW) {
            merge.onPacket(1, packet(s - SKEW), nowNs + 1_000);  // leg 1 runs 3 packets behind
        }
    }

    /** The ring's buffer for {@code seq}, stamped, with one more reference for the merge to own. */
    private ByteBuf packet(int seq) {
        ByteBuf buf = ring[seq & (ring.length - 1)];
        buf.setShort(2, seq);
        return buf.retain();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        merge.close();
        for (ByteBuf buf : ring) {
            buf.release();
        }
    }
}
