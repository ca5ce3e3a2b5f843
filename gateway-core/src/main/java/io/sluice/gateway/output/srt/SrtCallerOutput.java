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
import io.sluice.protocols.srt.SrtCaller;
import io.sluice.protocols.srt.SrtMessageWriter;
import io.sluice.protocols.srt.SrtOutbound;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SrtStats;
import io.sluice.protocols.time.NanoClock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output {@code srt-caller}: calls Destination:Port and sends each flow packet's MPEG-TS payload (the RTP header
 * stripped) as one SRT message. Reconnects with back-off (0.5 s doubling to 8 s). While not connected, and when
 * libsrt's send buffer (the bounded per-connection queue) is full, packets are dropped and counted: the flow never
 * waits for this output.
 */
public final class SrtCallerOutput implements Output, SrtCaller.Handler, SrtOutbound.BrokenHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SrtCallerOutput.class);

    private final SrtEndpoint endpoint;
    private final SrtPoller poller;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    private final SrtStatus status;

    private EventLoop loop;
    private SrtCaller caller;
    private SrtOutbound connection;
    private ScheduledFuture<?> statsTask;

    public SrtCallerOutput(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
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
        caller = new SrtCaller(endpoint.address(), null, endpoint.settings(), poller, loop, this, 500, 8000);
        status.set("calling " + endpoint.address(), false);
        caller.start();
        statsTask = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
        return loop.newSucceededFuture(null);
    }

    @Override
    public void onConnected(int socket) {
        connection = new SrtOutbound(socket, poller, loop, this).start();
        status.passphraseRejected(false);
        status.set("connected to " + endpoint.address(), false);
    }

    @Override
    public void onConnectFailed(String reason, boolean passphraseRejected) {
        status.passphraseRejected(passphraseRejected);
        status.set(reason + "; retrying", true);
    }

    @Override
    public void onBroken(SrtOutbound broken, String reason) {
        if (broken == connection) {
            connection = null;
        }
        status.set("connection to " + endpoint.address() + " lost (" + reason + "); reconnecting", true);
        caller.reconnect();
    }

    /** Takes ownership of {@code rtpPacket}: sends its payload (libsrt copies it) and releases it. */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        try {
            SrtOutbound c = connection;
            if (c == null) {
                counters.dropped++;
                return;
            }
            int length = rtpPacket.readableBytes();
            int result = c.send(rtpPacket);
            if (result == SrtMessageWriter.SENT) {
                counters.onSent(length, clock.nanoTime());
            } else if (result == SrtMessageWriter.FULL) {
                counters.dropped++;
            } else {
                counters.sendErrors++;
            }
        } finally {
            rtpPacket.release();
        }
    }

    /** libsrt sends on its own thread, paced by its live-mode sender: nothing to flush. */
    @Override
    public void flush() {}

    private void onTick() {
        if (connection != null) {
            try {
                status.stats(SrtStats.read(connection.socket()));
            } catch (RuntimeException e) {
                // broken just now; the poller reports it
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
        caller.close();
        if (connection != null) {
            connection.close();
            connection = null;
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

    /** True while connected (loop only). */
    public boolean isConnected() {
        return connection != null;
    }
}
