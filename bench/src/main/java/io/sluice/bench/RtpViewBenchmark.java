package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading an RTP header in place ({@link RtpView} over a pooled direct buffer) and extending its sequence number:
 * the first thing every source does per packet. Must allocate nothing (the allocation guard checks that it does not,
 * which also proves the guard passes a zero-allocation path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class RtpViewBenchmark {
    @Param({"1316"})
    public int payloadBytes;

    private final RtpView view = new RtpView();
    private ByteBuf packet;
    private long extendedSequence;
    private int sequence;

    @Setup(Level.Trial)
    public void allocatePacket() {
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + payloadBytes);
        RtpView.writeHeader(packet, false, RtpView.PAYLOAD_TYPE_MP2T, 65_000, 90_000, 0x51C3_0001L);
        packet.writeZero(payloadBytes);
    }

    @TearDown(Level.Trial)
    public void releasePacket() {
        packet.release();
    }

    /** Validates the header, reads sequence, timestamp and payload bounds, and extends the sequence (wrapping). */
    @Benchmark
    public long readHeaderAndExtendSequence() {
        sequence = (sequence + 1) & 0xFFFF;
        packet.setShort(2, sequence);
        RtpView rtp = view.wrap(packet);
        if (!rtp.isValid()) {
            return -1;
        }
        extendedSequence = RtpSequence.extend(rtp.sequenceNumber(), extendedSequence);
        return extendedSequence + rtp.timestamp() + rtp.payloadIndex() + rtp.payloadLength();
    }
}
