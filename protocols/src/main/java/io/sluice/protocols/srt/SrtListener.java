package io.sluice.protocols.srt;

import io.netty.util.concurrent.EventExecutor;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtConnectionFilter;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtListenCallback;
import io.sluice.protocols.srt.ffm.SrtOption;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening SRT socket. The {@link SrtConnectionFilter} runs in libsrt's listen callback, so a caller it refuses
 * (address outside the allow-list, unknown stream id) is rejected during the handshake and never accepted. Accepted
 * sockets inherit the listener's options (latency, passphrase, key length) and are handed to the {@link Handler}
 * on the event loop. A caller whose passphrase does not match is refused by libsrt after the filter accepted it.
 */
public final class SrtListener implements SrtReadiness, Runnable, AutoCloseable {

    /** Told about each accepted connection, on the loop. */
    public interface Handler {
        /** {@code socket} is connected and now belongs to the handler (close it through the poller). */
        void onAccepted(int socket, InetSocketAddress peer, String streamId);
    }

    private final int socket;
    private final SrtPoller poller;
    private final EventExecutor loop;
    private final Handler handler;
    private final SrtListenCallback callback;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    private SrtListener(int socket, SrtPoller poller, EventExecutor loop, Handler handler, SrtListenCallback callback) {
        this.socket = socket;
        this.poller = poller;
        this.loop = loop;
        this.handler = handler;
        this.callback = callback;
        this.localAddress = Srt.localName(socket);
    }

    /**
     * Binds, installs the filter and listens. Only non-blocking calls: may run on the loop.
     *
     * @throws io.sluice.protocols.srt.ffm.SrtException when the port is taken or an option is refused
     */
    public static SrtListener open(InetSocketAddress bind, SrtSettings settings, SrtConnectionFilter filter, int backlog,
                                   SrtPoller poller, EventExecutor loop, Handler handler) {
        int socket = SrtSockets.create(settings);
        SrtListenCallback callback = null;
        try {
            SrtSockets.bind(socket, bind);
            callback = SrtListenCallback.install(socket, filter);
            Srt.listen(socket, backlog);
            SrtListener listener = new SrtListener(socket, poller, loop, handler, callback);
            poller.register(socket, SrtErrors.EPOLL_IN, listener);
            return listener;
        } catch (RuntimeException e) {
            Srt.close(socket);
            if (callback != null) {
                callback.close();
            }
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Handshakes the filter refused. */
    public long refused() {
        return callback.rejected();
    }

    /** Callers refused for a wrong or missing passphrase. */
    public long passphraseRefused() {
        return callback.passphraseRejected();
    }

    /** The last refusal for a wrong or missing passphrase ("" if none); names the caller, never a secret. */
    public String lastPassphraseRefusal() {
        return callback.lastPassphraseRejection();
    }

    /** Handshakes seen, refused ones included. */
    public long handshakes() {
        return callback.handshakes();
    }

    /** The last refusal ("" if none), for status; names the caller's address, never a secret. */
    public String lastRefusal() {
        return callback.lastRejection();
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
        while (!closed) {
            int accepted = Srt.accept(socket);
            if (accepted < 0) {
                return;                                          // EASYNCRCV: nothing pending (or listener closed)
            }
            InetSocketAddress peer;
            String streamId;
            try {
                peer = Srt.peerName(accepted);
                streamId = Srt.getString(accepted, SrtOption.STREAMID, SrtOption.MAX_STREAM_ID_BYTES);
            } catch (RuntimeException e) {
                poller.closeLater(accepted);                             // died between accept and now
                continue;
            }
            handler.onAccepted(accepted, peer, streamId);
        }
    }

    /** Stops listening; the callback's upcall stub is freed after the socket is closed. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            poller.deregister(socket);
            try {
                poller.control().execute(() -> {
                    Srt.close(socket);
                    callback.close();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                Srt.close(socket);
                callback.close();
            }
        }
    }
}
