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
import io.sluice.protocols.srt.SrtInbound;
import io.sluice.protocols.srt.SrtListener;
import io.sluice.protocols.srt.SrtPacketHandler;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtStats;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source {@code srt-listener}: listens on IngestPort for one SRT caller at a time. WhitelistCidr is checked in
 * libsrt's listen callback, so a denied caller is refused at handshake (counted in droppedByAllowList). While a
 * caller is connected another is refused (reject code 1402, overload); once it is gone (peer idle timeout, 5 s by
 * default) a new caller replaces it and the RTP sequence numbering continues. Each SRT message (n x 188 bytes)
 * becomes one RTP packet for the flow, in a pooled buffer libsrt wrote directly.
 */
public final class SrtListenerSource implements Source, SrtPacketHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SrtListenerSource.class);
    /** SRT_REJX_OVERLOAD (access_control.h): a caller is already connected. */
    private static final int REJX_OVERLOAD = 1402;

    private final SrtEndpoint endpoint;
    private final ByteBufAllocator allocator;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final SrtStatus status;
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xffff_ffffL;

    private EventLoop loop;
    private PacketSink sink;
    private SrtListener listener;
    private SrtInbound current;
    /**
     * Whether a caller is connected, read by the listen callback on a libsrt thread (which must not call back into
     * libsrt's socket table while libsrt is handling the handshake, so no srt_getsockstate there).
     */
    private volatile boolean callerConnected;
    /** Callers refused by WhitelistCidr, counted on the libsrt thread; copied into the counters each second. */
    private final AtomicLong refusedByAllowList = new AtomicLong();
    private int nextSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private ScheduledFuture<?> statsTask;
    private long lastRefused;

    public SrtListenerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        this(endpoint, poller, clock, ByteBufAllocator.DEFAULT);
    }

    /** @param allocator where received packets are allocated (direct buffers with a memory address) */
    public SrtListenerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock, ByteBufAllocator allocator) {
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
        try {
            listener = SrtListener.open(endpoint.address(), endpoint.settings(), this::decide, 2, poller, loop,
                    this::onAccepted);
        } catch (RuntimeException e) {
            return loop.newFailedFuture(new IllegalStateException("source " + endpoint.name()
                    + ": cannot listen for SRT on IngestPort " + endpoint.address().getPort() + ": " + e.getMessage(), e));
        }
        status.set("listening on " + endpoint.address() + ", waiting for a caller", false);
        statsTask = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
        return loop.newSucceededFuture(null);
    }

    /** The listen callback, on a libsrt thread. */
    private int decide(int socket, int hsVersion, InetSocketAddress peer, String streamId) {
        if (!endpoint.allowList().allows(peer.getAddress())) {
            refusedByAllowList.incrementAndGet();
            return SrtErrors.REJX_FORBIDDEN;
        }
        String expected = endpoint.settings().streamId();
        if (!expected.isEmpty() && !expected.equals(streamId)) {
            return SrtErrors.REJX_NOTFOUND;
        }
        return callerConnected ? REJX_OVERLOAD : 0;
    }

    private void onAccepted(int socket, InetSocketAddress peer, String streamId) {
        if (current != null) {
            nextSequence = current.nextSequence();
            current.close();                                      // the dead caller this one replaces
        }
        callerConnected = true;
        current = new SrtInbound(socket, poller, loop, clock, allocator, ssrc, nextSequence, this).start();
        status.passphraseRejected(false);
        status.set("caller " + peer + " connected" + (streamId.isEmpty() ? "" : " with stream id " + streamId), false);
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
            callerConnected = false;
        }
        status.set("caller gone (" + reason + "), waiting for a caller", true);
    }

    /** Once a second: copy the callback's refusals into the counters and read libsrt's statistics. */
    private void onTick() {
        long refused = listener.refused();
        if (refused != lastRefused) {
            lastRefused = refused;
            counters.droppedByAllowList = refusedByAllowList.get();
            String why = listener.lastRefusal();
            boolean passphrase = why.contains("passphrase");
            status.passphraseRejected(passphrase);
            status.set(why, true);
        }
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

    @Override
    public Future<Void> close() {
        if (loop == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (statsTask != null) {
            statsTask.cancel(false);
        }
        if (current != null) {
            current.close();
            current = null;
            callerConnected = false;
        }
        if (listener != null) {
            listener.close();
            listener = null;
        }
        status.set("closed", false);
        return loop.newSucceededFuture(null);
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    /** The state for the flow's status and log. */
    public SrtStatus status() {
        return status;
    }
}
