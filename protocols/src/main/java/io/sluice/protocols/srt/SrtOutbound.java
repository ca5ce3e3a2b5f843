package io.sluice.protocols.srt;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected SRT socket that the flow sends to, on its event loop. Each send is a non-blocking
 * {@code srt_sendmsg2} into libsrt's send buffer, which is this connection's bounded queue: when a slow or stuck
 * receiver lets it fill, the packet is dropped and counted here and the flow goes on. The poller reports ERR when
 * the connection breaks; the loop then checks the state and tells the {@link BrokenHandler}.
 */
public final class SrtOutbound implements SrtConnection, SrtReadiness, Runnable {

    /** Told on the loop that the connection is gone (this object has already closed the socket). */
    public interface BrokenHandler {
        void onBroken(SrtOutbound connection, String reason);
    }

    private final int socket;
    private final SrtPoller poller;
    private final EventExecutor loop;
    private final BrokenHandler brokenHandler;
    private final SrtMessageWriter writer = new SrtMessageWriter();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private boolean closed;
    /** Packets sent, dropped because the send buffer was full, and malformed (loop only). */
    private long sent;
    private long dropped;
    private long malformed;

    public SrtOutbound(int socket, SrtPoller poller, EventExecutor loop, BrokenHandler brokenHandler) {
        this.socket = socket;
        this.poller = poller;
        this.loop = loop;
        this.brokenHandler = brokenHandler;
    }

    /** Starts watching for errors. */
    public SrtOutbound start() {
        poller.register(socket, SrtErrors.EPOLL_ERR, this);
        return this;
    }

    @Override
    public int socket() {
        return socket;
    }

    /**
     * Sends the payload of {@code rtpPacket}; does not take ownership. Returns {@link SrtMessageWriter#SENT},
     * {@code FULL} (dropped, counted), {@code MALFORMED} or {@code BROKEN} (the connection is then closed and
     * reported).
     */
    public int send(ByteBuf rtpPacket) {
        if (closed) {
            return SrtMessageWriter.BROKEN;
        }
        int result = writer.send(socket, rtpPacket);
        switch (result) {
            case SrtMessageWriter.SENT -> sent++;
            case SrtMessageWriter.FULL -> dropped++;
            case SrtMessageWriter.MALFORMED -> malformed++;
            default -> fail("send failed: [" + writer.lastError() + "] " + Srt.lastErrorText());
        }
        return result;
    }

    public long sent() {
        return sent;
    }

    @Override
    public long dropped() {
        return dropped;
    }

    public long malformed() {
        return malformed;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void onReady(int readySocket, int flags) {
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        if (!closed && Srt.state(socket) >= SrtErrors.STATE_BROKEN) {
            fail("connection lost");
        }
    }

    private void fail(String reason) {
        close();
        brokenHandler.onBroken(this, reason);
    }

    /** Closes the socket (on the poller's control thread). Loop only. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            poller.closeLater(socket);
        }
    }
}
