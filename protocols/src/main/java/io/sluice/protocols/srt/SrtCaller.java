package io.sluice.protocols.srt;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.protocols.srt.ffm.SockAddr;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connects to a remote SRT listener and keeps reconnecting with exponential back-off (initial, doubling, capped)
 * until closed. The connect itself is non-blocking; the {@link SrtPoller} reports when it succeeded (OUT) or failed
 * (ERR). State lives on the loop.
 */
public final class SrtCaller implements SrtReadiness, Runnable, AutoCloseable {

    /** Told, on the loop, about connection attempts. */
    public interface Handler {
        /** {@code socket} is connected and now belongs to the handler; call {@link #reconnect()} once it breaks. */
        void onConnected(int socket);

        /** An attempt failed; {@code reason} is safe to log (never a passphrase). */
        void onConnectFailed(String reason, boolean passphraseRejected);
    }

    private final InetSocketAddress remote;
    private final InetSocketAddress localBind;
    private final SrtSettings settings;
    private final SrtPoller poller;
    private final EventExecutor loop;
    private final Handler handler;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable attemptTask = this::attempt;

    private int connecting = -1;
    private long backoffMs;
    private long attempts;
    private ScheduledFuture<?> retry;
    private boolean closed;

    /** @param localBind the local address to bind before connecting, or null for any */
    public SrtCaller(InetSocketAddress remote, InetSocketAddress localBind, SrtSettings settings, SrtPoller poller,
                     EventExecutor loop, Handler handler, long initialBackoffMs, long maxBackoffMs) {
        this.remote = remote;
        this.localBind = localBind;
        this.settings = settings;
        this.poller = poller;
        this.loop = loop;
        this.handler = handler;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.backoffMs = initialBackoffMs;
    }

    /** Starts the first attempt; call on the loop. */
    public void start() {
        attempt();
    }

    /** Connection attempts so far (loop only). */
    public long attempts() {
        return attempts;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** The connection handed out by {@link Handler#onConnected} broke: try again after the back-off. Loop only. */
    public void reconnect() {
        scheduleRetry();
    }

    private void attempt() {
        retry = null;
        if (closed) {
            return;
        }
        attempts++;
        int socket;
        try {
            socket = SrtSockets.create(settings);
            if (localBind != null) {
                SrtSockets.bind(socket, localBind);
            }
        } catch (RuntimeException e) {
            handler.onConnectFailed(e.getMessage(), false);
            scheduleRetry();
            return;
        }
        connecting = socket;
        poller.register(socket, SrtErrors.EPOLL_OUT | SrtErrors.EPOLL_ERR, this);
        if (Srt.connect(socket, remote) < 0) {                  // non-blocking: fails at once only on bad arguments
            String reason = Srt.failure("srt_connect to " + SockAddr.text(remote), socket).getMessage();
            giveUp(socket, reason, false);
        }
    }

    @Override
    public void onReady(int socket, int flags) {
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    /** Checks the pending connection after a readiness report. */
    @Override
    public void run() {
        scheduled.set(false);
        int socket = connecting;
        if (socket < 0 || closed) {
            return;
        }
        int state = Srt.state(socket);
        if (state == SrtErrors.STATE_CONNECTED) {
            connecting = -1;
            backoffMs = initialBackoffMs;
            poller.deregister(socket);
            handler.onConnected(socket);
        } else if (state >= SrtErrors.STATE_BROKEN) {
            int reason = Srt.rejectReason(socket);
            boolean passphrase = reason == SrtErrors.REJ_BADSECRET || reason == SrtErrors.REJ_UNSECURE;
            giveUp(socket, "SRT connection to " + SockAddr.text(remote) + " " + SrtSockets.describeFailure(socket),
                    passphrase);
        }
    }

    private void giveUp(int socket, String reason, boolean passphraseRejected) {
        connecting = -1;
        poller.closeLater(socket);
        handler.onConnectFailed(reason, passphraseRejected);
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (closed || retry != null) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
        retry = loop.schedule(attemptTask, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and closes a pending attempt. Loop only. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            if (connecting >= 0) {
                poller.closeLater(connecting);
                connecting = -1;
            }
        }
    }
}
