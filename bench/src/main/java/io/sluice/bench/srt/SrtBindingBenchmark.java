package io.sluice.bench.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.srt.SrtMessageReader;
import io.sluice.protocols.srt.SrtMessageWriter;
import io.sluice.protocols.srt.SrtSettings;
import io.sluice.protocols.srt.SrtSockets;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtOption;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-packet cost of the SRT send and receive path through the FFM binding: {@link SrtMessageWriter} (RTP payload
 * handed to {@code srt_sendmsg2} in place) and {@link SrtMessageReader} ({@code srt_recvmsg2} straight into a pooled
 * direct ByteBuf behind the RTP header). A libsrt caller and listener are connected on loopback in one process, with
 * TSBPD off so a message is readable as soon as libsrt has it (the latency buffer is not what is measured).
 *
 * <ul>
 *   <li>{@code receive}: one read of a message libsrt already holds (64 queued before each timed batch).</li>
 *   <li>{@code send}: one send of a 1316-byte payload into libsrt's send buffer (read back after each batch).</li>
 *   <li>{@code sendThenReceive}: 64 x 1316-byte messages sent, then read back until all 64 arrived; per message.
 *       Includes libsrt's own work (its sender and receiver threads, loopback UDP), so it is an upper bound.</li>
 *   <li>{@code receiveNothing}: one read that finds nothing ({@code SRT_EASYNCRCV}), the last call of every drain.</li>
 *   <li>{@code downcallBaseline}: {@code srt_getversion}, the bare FFM call cost.</li>
 * </ul>
 * Every path must allocate nothing per message: check {@code gc.alloc.rate.norm} with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Leak detection off: its sampling (1 in 128 buffers) allocates a tracker, about 12 B/op, in production too only
// when enabled. The adaptive allocator (Netty 4.2 default) caches on every thread, like the flow's event loop.
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
public class SrtBindingBenchmark {
    private static final int BATCH = 64;
    private static final int PAYLOAD_BYTES = 1316;

    private int listener;
    private int sender;
    private int receiver;
    private final SrtMessageWriter writer = new SrtMessageWriter();
    private SrtMessageReader reader;
    private ByteBuf packet;
    private long nowNs;
    private final MemorySegment scratch = Arena.ofAuto().allocate(16, 8);
    private final long scratchAddress = scratch.address();

    @Setup(Level.Trial)
    public void connect() throws InterruptedException {
        SrtSettings settings = SrtSettings.defaults();
        listener = SrtSockets.create(settings);
        Srt.setInt(listener, SrtOption.TSBPDMODE, 0);
        Srt.setInt(listener, SrtOption.RCVBUF, 64 * 1024 * 1024);
        SrtSockets.bind(listener, new InetSocketAddress("127.0.0.1", 0));
        Srt.listen(listener, 1);
        InetSocketAddress address = Srt.localName(listener);
        sender = SrtSockets.create(settings);
        Srt.setInt(sender, SrtOption.TSBPDMODE, 0);
        Srt.connect(sender, address);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        receiver = -1;
        while (receiver < 0 || Srt.state(sender) != SrtErrors.STATE_CONNECTED) {
            if (receiver < 0) {
                receiver = Srt.accept(listener);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("SRT loopback connection did not come up: " + Srt.lastErrorText());
            }
            Thread.sleep(10);
        }
        reader = new SrtMessageReader(ByteBufAllocator.DEFAULT, 0x5EED, 0);
        packet = ByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + PAYLOAD_BYTES);
        RtpView.writeHeader(packet, false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x5EED);
        for (int i = 0; i < PAYLOAD_BYTES; i++) {
            packet.writeByte(i % 188 == 0 ? 0x47 : i);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        reader.close();
        packet.release();
        Srt.close(sender);
        Srt.close(receiver);
        Srt.close(listener);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendThenReceive() {
        long bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            if (writer.send(sender, packet) != SrtMessageWriter.SENT) {
                throw new IllegalStateException("send failed: " + writer.lastError());
            }
        }
        int received = 0;
        long spins = 0;
        while (received < BATCH) {
            int length = reader.read(receiver, nowNs++);
            if (length > 0) {
                ByteBuf rtp = reader.takePacket();
                bytes += rtp.readableBytes();
                rtp.release();
                received++;
            } else if (length == SrtMessageReader.BROKEN || ++spins > 1_000_000_000L) {
                throw new IllegalStateException("receive failed: " + reader.lastError());
            } else {
                Thread.onSpinWait();
            }
        }
        return bytes;
    }

    /** 64 messages already in libsrt's receive buffer before each invocation (not timed). */
    @State(Scope.Thread)
    public static class Filled {
        SrtBindingBenchmark link;

        @Setup(Level.Invocation)
        public void fill(SrtBindingBenchmark benchmark) {
            link = benchmark;
            benchmark.sendBatch();
            benchmark.awaitReadable(BATCH);
        }
    }

    /** After each invocation the 64 sent messages are read back (not timed), so the send buffer never fills. */
    @State(Scope.Thread)
    public static class Drained {
        SrtBindingBenchmark link;

        @Setup(Level.Invocation)
        public void bind(SrtBindingBenchmark benchmark) {
            link = benchmark;
        }

        @TearDown(Level.Invocation)
        public void drain() {
            link.awaitReadable(BATCH);
            link.receiveBatch();
        }
    }

    /** {@link SrtMessageReader#read}: readiness check, srt_recvmsg2 into a pooled buffer, RTP header; per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long receive(Filled filled) {
        return filled.link.receiveBatch();
    }

    /** {@link SrtMessageWriter#send}: RTP view, srt_sendmsg2 of the payload in place; per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int send(Drained drained) {
        return drained.link.sendBatch();
    }

    int sendBatch() {
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            sent += writer.send(sender, packet);
        }
        if (sent != BATCH) {
            throw new IllegalStateException("send failed: " + writer.lastError());
        }
        return sent;
    }

    void awaitReadable(int messages) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (receiveBufferMessages() < messages) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("libsrt did not deliver " + messages + " messages in 5 s");
            }
            Thread.onSpinWait();
        }
    }

    /** SRTO_RCVDATA through preallocated memory: the untimed fixture must not allocate either, or -prof gc counts it. */
    private int receiveBufferMessages() {
        scratch.set(ValueLayout.JAVA_INT, 8, 4);
        Srt.getsockflag(receiver, SrtOption.RCVDATA, scratchAddress, scratchAddress + 8);
        return scratch.get(ValueLayout.JAVA_INT, 0);
    }

    long receiveBatch() {
        long bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            if (reader.read(receiver, nowNs++) <= 0) {
                throw new IllegalStateException("receive failed: " + reader.lastError());
            }
            ByteBuf rtp = reader.takePacket();
            bytes += rtp.readableBytes();
            rtp.release();
        }
        return bytes;
    }

    @Benchmark
    public int receiveNothing() {
        return reader.read(receiver, nowNs++);
    }

    @Benchmark
    public int downcallBaseline() {
        return Srt.version();
    }
}
