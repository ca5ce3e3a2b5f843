package io.sluice.bench.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.sluice.bench.AllocationGuardParams;
import io.sluice.gateway.engine.NettyTuning;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.FanOut;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.protocols.time.ManualClock;
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
 * RTP datagrams ({@link ReceivedPackets}) go through the source handler and the fan-out to N {@code rtp} outputs,
 * each a connected epoll UDP socket on loopback, on a Netty event loop as in a running flow.
 * <ul>
 *   <li>{@code smoothingMs=0, send=native}: the outputs take whole batches and send them with UDP GSO (one
 *       {@code sendmsg} per output and batch, docs/performance.md);</li>
 *   <li>{@code smoothingMs=10, send=native}: {@code SmoothingLatency} 10 ms: each output gets a retained duplicate
 *       per packet into its smoothing queue and sends what is due with one {@code sendmmsg} per flush
 *       ({@code UdpPacketSender}), the path of smoothing and {@code rtp-fec} outputs. The flow's clock is a
 *       {@link ManualClock} advanced by the stream's own media time per batch (16 ms), so the queue releases
 *       deterministically: what was due by then leaves at the end of each batch;</li>
 *   <li>{@code send=netty}: a retained duplicate per packet and output written through Netty and flushed once per
 *       batch (one {@code sendmmsg}), the fallback where the native path is unavailable (NIO,
 *       {@code -Dsluice.udp.native=false}); kept as the comparison.</li>
 * </ul>
 * The allocation guard runs {@code send=native} with and without smoothing. Netty's write path on real sockets is
 * not guarded: with recycling working it measures about 0.1 B per received packet at 1 output but over 1 B at 50
 * (outbound-buffer entries and duplicates its {@code Recycler} does not always keep).
 *
 * <p>The receiving sockets are bound but never read, with small buffers, so the kernel drops what does not fit:
 * the cost measured is the sender's system calls and the loopback delivery up to the receiving socket, the same for
 * every variant. One operation is one received packet (so the time per packet out is this / N).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@AllocationGuardParams({"outputs=1,50", "send=native", "smoothingMs=0,10"})
public class FanOutToSocketsBenchmark {
    static {
        NettyTuning.apply();
    }

    static final int BATCH = ReceivedPackets.BATCH;
    static final int BATCHES_PER_CALL = 32;

    @Param({"1", "10", "50"})
    public int outputs;

    @Param({"netty", "native"})
    public String send;

    /** The outputs' {@code SmoothingLatency}; 0 is none. */
    @Param({"0", "10"})
    public int smoothingMs;

    private MultiThreadIoEventLoopGroup group;
    private EventLoop loop;
    private DatagramChannel[] receivers;
    private RtpOutput[] targets;
    private ReceivedPackets received;
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private Runnable batches;

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
            RtpOutputSettings settings = new RtpOutputSettings("out-" + i,
                    (InetSocketAddress) receivers[i].getLocalAddress(), smoothingMs);
            targets[i] = new RtpOutput(settings, transport, clock, nativeSend);
            RtpOutput output = targets[i];
            loop.submit(() -> output.open(loop)).sync().getNow().sync();
        }
        if (targets[0].sendsNatively() != nativeSend || targets[0].takesBatches() != (nativeSend && smoothingMs == 0)) {
            throw new IllegalStateException("send=" + send + ", smoothingMs=" + smoothingMs + " but the output "
                    + (targets[0].sendsNatively() ? "sends" : "does not send") + " natively and "
                    + (targets[0].takesBatches() ? "takes" : "does not take") + " whole batches");
        }
        FanOut fanOut = new FanOut();
        fanOut.outputs(targets.clone());
        received = new ReceivedPackets(fanOut, clock);
        batches = this::receiveBatches;
        // Not a @TearDown: JMH runs trial teardown inside the last measured iteration, and closing 50 sockets and an
        // event loop allocates about 100 kB, which -prof gc would charge to the hot path. The fork exits after the
        // trial (one fork per parameter set), so everything is closed on the way out instead.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fan-out-benchmark-close"));
    }

    /**
     * On the loop: {@value #BATCHES_PER_CALL} read batches, each ending as recvmmsg's does, the clock advancing by
     * the batch's media time before it (the smoothing queues release what is due at its end).
     */
    private void receiveBatches() {
        for (int b = 0; b < BATCHES_PER_CALL; b++) {
            clock.advanceNs(BATCH * ReceivedPackets.PACKET_INTERVAL_NS);
            received.readBatch();
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
            loop.submit(received::release).sync();
            for (DatagramChannel receiver : receivers) {
                receiver.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        } catch (Exception e) {
            throw new IllegalStateException("closing the benchmark's sockets", e);
        }
    }
}
