package io.sluice.gateway.output.srt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.source.srt.SrtEndpoint;
import io.sluice.gateway.source.srt.SrtStatus;
import io.sluice.protocols.srt.SrtListener;
import io.sluice.protocols.srt.SrtMessageWriter;
import io.sluice.protocols.srt.SrtOutbound;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output {@code srt-listener}: listens on Port; every caller that passes CidrAllowList (checked at handshake in the
 * listen callback) and, when set, the StreamId, receives the stream. Each connection has its own bounded queue
 * (libsrt's send buffer): a slow or stuck caller drops and counts its own packets and never slows the others or the
 * flow. At most {@value #MAX_CALLERS} callers at once.
 */
public final class SrtListenerOutput implements Output, SrtOutbound.BrokenHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SrtListenerOutput.class);
    static final int MAX_CALLERS = 32;
    /** SRT_REJX_OVERLOAD. */
    private static final int REJX_OVERLOAD = 1402;

    private final SrtEndpoint endpoint;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    private final SrtStatus status;
    /** Connections, read by the listen callback (libsrt thread) to enforce MAX_CALLERS. */
    private final AtomicInteger callerCount = new AtomicInteger();

    private EventLoop loop;
    private SrtListener listener;
    /** Copy-on-write on the loop: offer() iterates without an iterator. */
    private SrtOutbound[] connections = new SrtOutbound[0];
    private ScheduledFuture<?> statsTask;
    private long lastRefused;

    public SrtListenerOutput(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        this.endpoint = endpoint;
        this.poller = poller;
        this.clock = clock;
        this.status = new SrtStatus("output " + endpoint.name(), LOG);
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public Future<Void> open(EventLoop eventLoop) {
        this.loop = eventLoop;
        try {
            listener = SrtListener.open(endpoint.address(), endpoint.settings(), this::decide, 8, poller, loop,
                    this::onAccepted);
        } catch (RuntimeException e) {
            return loop.newFailedFuture(new IllegalStateException("output " + endpoint.name()
                    + ": cannot listen for SRT on Port " + endpoint.address().getPort() + ": " + e.getMessage(), e));
        }
        status.set("listening on " + endpoint.address(), false);
        statsTask = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
        return loop.newSucceededFuture(null);
    }

    private int decide(int socket, int hsVersion, InetSocketAddress peer, String streamId) {
        if (!endpoint.allowList().allows(peer.getAddress())) {
            return SrtErrors.REJX_FORBIDDEN;
        }
        String expected = endpoint.settings().streamId();
        if (!expected.isEmpty() && !expected.equals(streamId)) {
            return SrtErrors.REJX_NOTFOUND;
        }
        return callerCount.get() >= MAX_CALLERS ? REJX_OVERLOAD : 0;
    }

    private void onAccepted(int socket, InetSocketAddress peer, String streamId) {
        SrtOutbound connection = new SrtOutbound(socket, poller, loop, this).start();
        SrtOutbound[] grown = Arrays.copyOf(connections, connections.length + 1);
        grown[connections.length] = connection;
        connections = grown;
        callerCount.set(grown.length);
        status.set(grown.length + " caller(s); last " + peer + " connected", false);
    }

    @Override
    public void onBroken(SrtOutbound broken, String reason) {
        SrtOutbound[] now = connections;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == broken) {
                SrtOutbound[] shrunk = new SrtOutbound[now.length - 1];
                System.arraycopy(now, 0, shrunk, 0, i);
                System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                connections = shrunk;
                callerCount.set(shrunk.length);
                counters.dropped += broken.dropped();
                status.set(shrunk.length + " caller(s); one left (" + reason + ")", false);
                return;
            }
        }
    }

    /** Takes ownership of {@code rtpPacket}: sends its payload to every caller (libsrt copies it), then releases it. */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        try {
            SrtOutbound[] now = connections;
            if (now.length == 0) {
                return;                                          // nobody to send to: not a drop
            }
            int length = rtpPacket.readableBytes();
            boolean sentToAny = false;
            for (SrtOutbound connection : now) {                 // an array: no iterator
                int result = connection.send(rtpPacket);
                if (result == SrtMessageWriter.SENT) {
                    sentToAny = true;
                } else if (result == SrtMessageWriter.FULL) {
                    counters.dropped++;
                } else if (result == SrtMessageWriter.MALFORMED) {
                    counters.sendErrors++;
                }
            }
            if (sentToAny) {
                counters.onSent(length, clock.nanoTime());
            }
        } finally {
            rtpPacket.release();
        }
    }

    @Override
    public void flush() {}

    private void onTick() {
        long refused = listener.refused();
        if (refused != lastRefused) {
            lastRefused = refused;
            status.passphraseRejected(listener.lastRefusal().contains("passphrase"));
            status.set(listener.lastRefusal(), true);
        }
    }

    /** Callers connected now (loop only). */
    public int callers() {
        return connections.length;
    }

    /** Handshakes refused (allow-list, stream id, passphrase, too many callers). */
    public long refused() {
        return listener == null ? 0 : listener.refused();
    }

    /** The last refused caller and why ("" if none); names addresses and reasons, never a secret. */
    public String lastRefusal() {
        SrtListener l = listener;
        return l == null ? "" : l.lastRefusal();
    }

    @Override
    public Future<Void> close() {
        if (loop == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (statsTask != null) {
            statsTask.cancel(false);
        }
        for (SrtOutbound connection : connections) {
            connection.close();
        }
        connections = new SrtOutbound[0];
        callerCount.set(0);
        if (listener != null) {
            listener.close();
            listener = null;
        }
        status.set("closed", false);
        return loop.newSucceededFuture(null);
    }

    @Override
    public OutputCounters counters() {
        return counters;
    }

    public SrtStatus status() {
        return status;
    }
}
