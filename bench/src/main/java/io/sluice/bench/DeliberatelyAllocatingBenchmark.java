package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
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

/**
 * Copying a 1328-byte RTP packet to a fresh {@code byte[]}: the per-packet allocation the hot path must never make
 * (≈ 1.3 kB/op). It is a baseline for the reader of the figures and the allocation guard's own check: the guard
 * skips it (exempt below), and {@code AllocationGuardTest} runs it on purpose and expects the guard to flag it.
 */
@AllocationExempt(reason = "allocates by design: AllocationGuardTest checks that the guard flags it")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DeliberatelyAllocatingBenchmark {
    private ByteBuf packet;

    @Setup(Level.Trial)
    public void allocatePacket() {
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(1328).writeZero(1328);
    }

    @TearDown(Level.Trial)
    public void releasePacket() {
        packet.release();
    }

    /** A heap copy of the packet, returned so it escapes and cannot be scalar-replaced. */
    @Benchmark
    public byte[] copyPacketToHeap() {
        return ByteBufUtil.getBytes(packet);
    }
}
