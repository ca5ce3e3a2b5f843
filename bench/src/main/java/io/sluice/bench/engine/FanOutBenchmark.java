package io.sluice.bench.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.engine.NettyTuning;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.FanOut;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.gateway.source.rtp.RtpSourceHandler;
import io.sluice.protocols.rtp.RtpOriginator;
import io.sluice.protocols.rtp.RtpSequenceTracker;
import io.sluice.protocols.rtp.RtpView;
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
 * {@value #BATCH} received RTP datagrams (as recvmmsg delivers them) goes through the source handler (allow-list,
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

    static final int BATCH = 16;
    private static final int PAYLOAD_BYTES = 7 * 188;

    @Param({"1", "10", "50"})
    public int outputs;

    private EmbeddedChannel source;
    private EmbeddedChannel[] sockets;
    private DatagramPacket[] datagrams;
    private int sequence;

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
        source = new EmbeddedChannel(new RtpSourceHandler(new SenderFilter(AllowList.parse("127.0.0.0/8")),
                new SourceCounters(), new RtpSequenceTracker(), new RtpOriginator(), NanoClock.SYSTEM, fanOut));
        InetSocketAddress sender = new InetSocketAddress("127.0.0.2", 40000);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5000);
        datagrams = new DatagramPacket[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + PAYLOAD_BYTES);
            RtpView.writeHeader(content, false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x1234_5678L);
            for (int ts = 0; ts < 7; ts++) {
                content.writeByte(0x47);
                content.writeZero(187);
            }
            datagrams[i] = new DatagramPacket(content, local, sender);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void receiveAndFanOut() {
        for (int i = 0; i < BATCH; i++) {
            DatagramPacket datagram = datagrams[i];
            ByteBuf content = datagram.content();
            content.setShort(content.readerIndex() + 2, sequence);
            content.setInt(content.readerIndex() + 4, sequence * 90);
            sequence = (sequence + 1) & 0xFFFF;
            datagram.retain();                        // the pipeline releases one reference; we keep the template
            source.pipeline().fireChannelRead(datagram);
        }
        source.pipeline().fireChannelReadComplete();
        for (EmbeddedChannel socket : sockets) {
            Object written;
            while ((written = socket.readOutbound()) != null) {
                ReferenceCountUtil.release(written);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (DatagramPacket datagram : datagrams) {
            datagram.release();
        }
        for (EmbeddedChannel socket : sockets) {
            socket.finishAndReleaseAll();
        }
        source.finishAndReleaseAll();
    }
}
