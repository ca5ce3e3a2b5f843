package io.sluice.gateway.source.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.srt.SrtCaller;
import io.sluice.protocols.srt.SrtInbound;
import io.sluice.protocols.srt.SrtPacketHandler;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SrtStats;
import io.sluice.protocols.time.NanoClock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source {@code srt-caller}: calls SourceListenerAddress:SourceListenerPort and pulls the stream, reconnecting with
 * back-off (0.5 s doubling to 8 s) whenever the connection fails or breaks. A refused passphrase is reported in
 * {@link #status()} and logged once, without the secret. RTP numbering continues across reconnections.
 */
public final class SrtCallerSource implements Source, SrtPacketHandler, SrtCaller.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(SrtCallerSource.class);
    static final long INITIAL_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 8000;

    private final SrtEndpoint endpoint;
    private final ByteBufAllocator allocator;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final SrtStatus status;
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xffff_ffffL;

    private EventLoop loop;
    private PacketSink sink;
    private SrtCaller caller;
    private SrtInbound current;
    private int nextSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private ScheduledFuture<?> statsTask;

    public SrtCallerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        this(endpoint, poller, clock, ByteBufAllocator.DEFAULT);
    }

    /** @param allocator where received packets are allocated (direct buffers with a memory address) */
    public SrtCallerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock, ByteBufAllocator allocator) {
        this.allocator = allocator;
        this.endpoint = endpoint;
        this.poller = poller;
        this.clock = clock;
        this.status = new SrtStatus("source " + endpoint.name(), LOG);
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public Future<Void> open(EventLoop eventLoop, PacketSink packetSink) {
        this.loop = eventLoop;
        this.sink = packetSink;
        caller = new SrtCaller(endpoint.address(), null, endpoint.settings(), poller, loop, this,
                INITIAL_BACKOFF_MS, MAX_BACKOFF_MS);
        status.set("calling " + endpoint.address(), false);
        caller.start();
        statsTask = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
        return loop.newSucceededFuture(null);
    }

    @Override
    public void onConnected(int socket) {
        current = new SrtInbound(socket, poller, loop, clock, allocator, ssrc, nextSequence, this).start();
        status.passphraseRejected(false);
        status.set("connected to " + endpoint.address(), false);
    }

    @Override
    public void onConnectFailed(String reason, boolean passphraseRejected) {
        status.passphraseRejected(passphraseRejected);
        status.set(reason + "; retrying", true);
    }

    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        counters.onPacket(rtpPacket.readableBytes(), arrivalNs);
        sink.onPacket(rtpPacket, arrivalNs);
    }

    @Override
    public void onBatchComplete() {
        sink.onBatchComplete();
    }

    @Override
    public void onBroken(int socket, String reason) {
        if (current != null && current.socket() == socket) {
            nextSequence = current.nextSequence();
            current = null;
        }
        status.set("connection to " + endpoint.address() + " lost (" + reason + "); reconnecting", true);
        caller.reconnect();
    }

    private void onTick() {
        if (current != null) {
            try {
                SrtStats stats = SrtStats.read(current.socket());
                status.stats(stats);
                counters.lost = stats.packetsLostReceiving();
                counters.malformed = current.malformed();
            } catch (RuntimeException e) {
                // the connection just broke; onBroken reports it
            }
        }
    }

    /** Connection attempts so far (loop only). */
    public long attempts() {
        return caller == null ? 0 : caller.attempts();
    }

    @Override
    public Future<Void> close() {
        if (loop == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (statsTask != null) {
            statsTask.cancel(false);
        }
        if (caller != null) {
            caller.close();
        }
        if (current != null) {
            current.close();
            current = null;
        }
        status.set("closed", false);
        return loop.newSucceededFuture(null);
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    public SrtStatus status() {
        return status;
    }
}
