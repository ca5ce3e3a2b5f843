package io.sluice.bench.engine;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.engine.NettyTuning;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.FanOut;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.protocols.time.NanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Per-packet cost of the engine's receive → fan-out path for 1, 10 and 50 outputs, without sockets: a batch of
 * {@value ReceivedPackets#BATCH} received RTP datagrams (as recvmmsg delivers them) goes through the source handler (allow-list,
 * RTP check, sequence tracking, counters), the fan-out (one retained duplicate per output) and each
 * {@link RtpOutput} on Netty's write path (writability check, write, one flush per batch) into an
 * {@code EmbeddedChannel}, which stands in for the socket; the benchmark then releases what the channels hold. This
 * is the path of smoothing outputs and of every output where the native batch send is unavailable (NIO); the
 * default path on Linux, whole batches sent natively, is measured with its system calls by
 * {@link FanOutToSocketsBenchmark}. Benchmark threads are Netty
 * {@code FastThreadLocalThread}s, as event loops are (see {@link FastThreadExecutor}). Netty's own {@code DatagramPacket} per
 * received datagram and the syscalls are outside the measurement (STYLE.md §4). Run with {@code -prof gc}:
 * gc.alloc.rate.norm should be ≈ 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.sluice.bench.engine.FastThreadExecutor"})
public class FanOutBenchmark {
    static {
        NettyTuning.apply();     // the same Netty settings as a running gateway
    }

    static final int BATCH = ReceivedPackets.BATCH;

    @Param({"1", "10", "50"})
    public int outputs;

    private EmbeddedChannel[] sockets;
    private ReceivedPackets received;

    @Setup(Level.Trial)
    public void setUp() {
        FanOut fanOut = new FanOut();
        Output[] targets = new Output[outputs];
        sockets = new EmbeddedChannel[outputs];
        for (int i = 0; i < outputs; i++) {
            RtpOutput output = new RtpOutput(new RtpOutputSettings("out-" + i,
                    new InetSocketAddress("127.0.0.1", 20000 + i), 0), Transport.best(), NanoClock.SYSTEM, false);
            sockets[i] = new EmbeddedChannel();
            output.openOn(sockets[i]);
            targets[i] = output;
        }
        fanOut.outputs(targets);
        received = new ReceivedPackets(fanOut, NanoClock.SYSTEM);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void receiveAndFanOut() {
        received.readBatch();
        for (EmbeddedChannel socket : sockets) {
            Object written;
            while ((written = socket.readOutbound()) != null) {
                ReferenceCountUtil.release(written);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        received.release();
        for (EmbeddedChannel socket : sockets) {
            socket.finishAndReleaseAll();
        }
    }
}
