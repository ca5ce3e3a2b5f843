package io.sluice.bench.rist;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.rist.Gre;
import io.sluice.protocols.rist.GreFramer;
import io.sluice.protocols.rist.RistCounters;
import io.sluice.protocols.rist.RistPacketSink;
import io.sluice.protocols.rist.RistPsk;
import io.sluice.protocols.rist.RistReceiveBuffer;
import io.sluice.protocols.rtp.RtpView;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Per-packet cost of the RIST main-profile hot path without sockets: {@code sendEncrypt} = GRE framing + AES-CTR of
 * one 1328-byte RTP packet into a datagram buffer (reused here: on an event loop the pooled allocator recycles it,
 * but a JMH thread is no FastThreadLocalThread, so Netty 4.2 would allocate a new buffer object per op); {@code sendEncryptReceiveDecrypt} adds the receiver side: GRE
 * validation, in-place decryption, the ARQ receive buffer insert and the in-order release (latency 0 here so every
 * packet is released in the same operation). Receive cost = the difference. {@code keyBits = 0} is clear GRE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RistPacketBenchmark {
    @Param({"0", "128", "256"})
    int keyBits;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final RtpView view = new RtpView();
    private ByteBuf rtp;
    private ByteBuf wire;
    private GreFramer sender;
    private GreFramer receiver;
    private RistReceiveBuffer buffer;
    private int seq;
    private long nowNs;
    private long delivered;
    private final RistPacketSink sink = new RistPacketSink() {
        @Override
        public void onPacket(ByteBuf rtpPacket, long releaseNs) {
            delivered += rtpPacket.readableBytes();
            rtpPacket.release();
        }

        @Override
        public void onBatchComplete() {}
    };

    @Setup
    public void setUp() {
        byte[] secret = "benchmark-passphrase".getBytes(StandardCharsets.US_ASCII);
        RistCounters counters = new RistCounters();
        sender = new GreFramer(keyBits == 0 ? null : new RistPsk(secret, keyBits, 0), counters);
        receiver = new GreFramer(keyBits == 0 ? null : new RistPsk(secret, keyBits, 0), counters);
        // latency 1 ns with no reorder wait: each packet is released by the operation that inserts it
        buffer = new RistReceiveBuffer(1024, 1, 0, 20_000_000L, 20, counters);
        wire = alloc.directBuffer(2048);
        rtp = alloc.directBuffer(1328);
        RtpView.writeHeader(rtp, false, RtpView.PAYLOAD_TYPE_MP2T, 0, 0, 0x2468L);
        for (int i = 0; i < 188 * 7; i++) {
            rtp.writeByte(i % 188 == 0 ? 0x47 : i);
        }
    }

    @TearDown
    public void tearDown() {
        buffer.close();
        rtp.release();
        wire.release();
    }

    @Benchmark
    public int sendEncrypt() {
        rtp.setShort(2, ++seq);
        wire.clear();
        sender.frameInto(wire, rtp, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT, false);
        return wire.readableBytes();
    }

    @Benchmark
    public long sendEncryptReceiveDecrypt() {
        rtp.setShort(2, ++seq);
        wire.clear();
        sender.frameInto(wire, rtp, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT, false);
        nowNs += 1000;
        if (!receiver.unframe(wire, nowNs)) {
            throw new IllegalStateException("benchmark packet did not decrypt");
        }
        // the receive buffer takes a reference and the sink releases it: the datagram buffer is reused
        buffer.insert(wire.retain(), view.wrap(wire).sequenceNumber(), false, nowNs, sink);
        buffer.releaseDue(nowNs + 1, sink);
        return delivered;
    }
}
