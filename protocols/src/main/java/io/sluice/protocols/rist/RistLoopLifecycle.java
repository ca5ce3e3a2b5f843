package io.sluice.protocols.rist;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The life of a RIST endpoint ({@link RistReceiver}, {@link RistSender}) on its one event loop: a periodic tick
 * that stops once closed, and a close that may be called from any thread, runs on the loop exactly once, cancels the
 * tick and then releases the endpoint's sockets and buffers. Owned by the endpoint; plain fields, loop-confined.
 */
final class RistLoopLifecycle {
    private final long tickNs;
    private final Runnable tick;
    private final Runnable release;
    private final Runnable guardedTick = this::onTick;
    private EventLoop loop;
    private ScheduledFuture<?> ticker;
    private boolean closed;

    /**
     * @param tickNs  period of {@code tick}
     * @param tick    the endpoint's periodic work (release due packets, NACKs, reports), never run after close
     * @param release closes the endpoint's channels and frees its buffers; run once, on the loop
     */
    RistLoopLifecycle(long tickNs, Runnable tick, Runnable release) {
        this.tickNs = tickNs;
        this.tick = tick;
        this.release = release;
    }

    /** Binds the lifecycle to {@code eventLoop}; call once, from {@code open}, before anything is scheduled. */
    void attach(EventLoop eventLoop) {
        this.loop = eventLoop;
    }

    /** Starts the periodic tick; call on the loop. */
    void startTicking() {
        if (!closed) {
            ticker = loop.scheduleAtFixedRate(guardedTick, tickNs, tickNs, TimeUnit.NANOSECONDS);
        }
    }

    /** The loop given to {@link #attach}, or null before open. */
    EventLoop loop() {
        return loop;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Closes on the loop: directly when called there, else submitted and waited for (a close must be done when it
     * returns, so the caller can reuse the port). Does nothing before {@link #attach} or a second time.
     */
    void close() {
        if (loop == null) {
            return;
        }
        if (loop.inEventLoop()) {
            onClose();
        } else {
            loop.submit(this::onClose).syncUninterruptibly();
        }
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        release.run();
    }

    private void onTick() {
        if (!closed) {
            tick.run();
        }
    }
}
