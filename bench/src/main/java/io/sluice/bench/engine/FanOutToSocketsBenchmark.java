package io.sluice.bench.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.sluice.bench.AllocationGuardParams;
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
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

/**
 * Per-packet cost of receive → fan-out → send on real sockets, kernel included: batches of {@value #BATCH} received
 * RTP datagrams go through the source handler and the fan-out to N {@code rtp} outputs, each a connected epoll UDP
 * socket on loopback, on a Netty event loop as in a running flow. {@code send=native}: the outputs take whole batches
 * and send them with UDP GSO (one {@code sendmsg} per output and batch, docs/performance.md); {@code send=netty}:
 * a retained duplicate per packet and output written through Netty and flushed once per batch (one
 * {@code sendmmsg}), the engine's path before the native one and its fallback today.
 *
 * <p>The allocation guard runs {@code send=native} only: Netty's write path on real sockets has measured up to
 * 4.9 kB per received packet at 50 outputs in some runs (ChannelOutboundBuffer entries and duplicates that Netty's
 * Recycler did not reuse) and about 0 in others; it is kept here as the comparison, not as a hot path.
 *
 * <p>The receiving sockets are bound but never read, with small buffers, so the kernel drops what does not fit:
 * the cost measured is the sender's system calls and the loopback delivery up to the receiving socket, the same for
 * both variants. One operation is one received packet (so the time per packet out is this / N).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@AllocationGuardParams({"outputs=1,50", "send=native"})
public class FanOutToSocketsBenchmark {
    static {
        NettyTuning.apply();
    }

    static final int BATCH = 16;
    static final int BATCHES_PER_CALL = 32;
    private static final int PAYLOAD_BYTES = 7 * 188;

    @Param({"1", "10", "50"})
    public int outputs;

    @Param({"netty", "native"})
    public String send;

    private MultiThreadIoEventLoopGroup group;
    private EventLoop loop;
    private DatagramChannel[] receivers;
    private RtpOutput[] targets;
    private EmbeddedChannel source;
    private DatagramPacket[] datagrams;
    private Runnable batches;
    private int sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Transport transport = Transport.best();
        if (transport != Transport.EPOLL) {
            throw new IllegalStateException("this benchmark needs the epoll transport (Linux)");
        }
        group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        loop = group.next();
        receivers = new DatagramChannel[outputs];
        targets = new RtpOutput[outputs];
        boolean nativeSend = send.equals("native");
        for (int i = 0; i < outputs; i++) {
            receivers[i] = DatagramChannel.open();
            receivers[i].setOption(StandardSocketOptions.SO_RCVBUF, 64 << 10);
            receivers[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            targets[i] = new RtpOutput(new RtpOutputSettings("out-" + i, (InetSocketAddress) receivers[i].getLocalAddress(), 0),
                    transport, NanoClock.SYSTEM, nativeSend);
            RtpOutput output = targets[i];
            loop.submit(() -> output.open(loop)).sync().getNow().sync();
        }
        if (targets[0].sendsNatively() != nativeSend) {
            throw new IllegalStateException("send=" + send + " but the output " + (nativeSend ? "cannot" : "does")
                    + " send natively");
        }
        FanOut fanOut = new FanOut();
        fanOut.outputs(targets.clone());
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
        batches = this::receiveBatches;
        // Not a @TearDown: JMH runs trial teardown inside the last measured iteration, and closing 50 sockets and an
        // event loop allocates about 100 kB, which -prof gc would charge to the hot path. The fork exits after the
        // trial (one fork per parameter set), so everything is closed on the way out instead.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fan-out-benchmark-close"));
    }

    /** On the loop: {@value #BATCHES_PER_CALL} read batches, each ending as recvmmsg's does. */
    private void receiveBatches() {
        for (int b = 0; b < BATCHES_PER_CALL; b++) {
            for (int i = 0; i < BATCH; i++) {
                DatagramPacket datagram = datagrams[i];
                ByteBuf content = datagram.content();
                content.setShort(content.readerIndex() + 2, sequence);
                content.setInt(content.readerIndex() + 4, sequence * 90);
                sequence = (sequence + 1) & 0xFFFF;
                datagram.retain();                    // the pipeline releases one reference; we keep the template
                source.pipeline().fireChannelRead(datagram);
            }
            source.pipeline().fireChannelReadComplete();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH * BATCHES_PER_CALL)
    public void receiveAndSend() throws Exception {
        loop.submit(batches).sync();
    }

    /** Closes the outputs, the receiving sockets and the loop, and releases the templates. */
    public void close() {
        try {
            for (Output output : targets) {
                loop.submit(output::close).sync();
            }
            source.finishAndReleaseAll();
            for (DatagramPacket datagram : datagrams) {
                datagram.release();
            }
            for (DatagramChannel receiver : receivers) {
                receiver.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        } catch (Exception e) {
            throw new IllegalStateException("closing the benchmark's sockets", e);
        }
    }
}
