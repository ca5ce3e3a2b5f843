package io.sluice.protocols.srt.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java {@link SrtConnectionFilter} installed as a listener's {@code srt_listen_callback} (an FFM upcall):
 * {@code int fn(void* opaque, SRTSOCKET ns, int hsversion, const struct sockaddr* peer, const char* streamid)}.
 *
 * <p>An exception escaping an upcall would terminate the JVM, so the body catches everything and rejects. The upcall
 * stub lives in this object's arena until {@link #close()}, which must come after the listener socket is closed.
 */
public final class SrtListenCallback implements SrtLog.RejectionObserver, AutoCloseable {
    private static final int RECENT = 32;
    private static final MethodHandle TARGET;

    static {
        try {
            TARGET = MethodHandles.lookup().findVirtual(SrtListenCallback.class, "onHandshake",
                    MethodType.methodType(int.class, MemorySegment.class, int.class, int.class, MemorySegment.class,
                            MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SrtConnectionFilter filter;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stub;
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong passphraseRejected = new AtomicLong();
    private volatile String lastRejection = "";
    private volatile String lastPassphraseRejection = "";
    /** Sockets this callback let through lately, to attribute libsrt's later refusals (wrong passphrase). */
    private final int[] recentSockets = new int[RECENT];
    private final InetSocketAddress[] recentPeers = new InetSocketAddress[RECENT];
    private int recentNext;

    private SrtListenCallback(SrtConnectionFilter filter) {
        this.filter = filter;
        this.stub = Linker.nativeLinker().upcallStub(TARGET.bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), arena);
    }

    /** Installs {@code filter} on {@code listener} (before {@code srt_listen}). */
    public static SrtListenCallback install(int listener, SrtConnectionFilter filter) {
        SrtListenCallback callback = new SrtListenCallback(filter);
        SrtLog.addObserver(callback);
        if (Srt.listenCallback(listener, callback.stub) < 0) {
            SrtException failure = Srt.failure("srt_listen_callback", listener);
            callback.close();
            throw failure;
        }
        return callback;
    }

    private int onHandshake(MemorySegment opaque, int socket, int hsVersion, MemorySegment peerAddress,
                            MemorySegment streamIdText) {
        handshakes.incrementAndGet();
        try {
            InetSocketAddress peer = SockAddr.read(peerAddress.reinterpret(SockAddr.IN6_BYTES));
            String streamId = Srt.cString(streamIdText, SrtOption.MAX_STREAM_ID_BYTES + 1);
            int verdict = peer == null ? SrtErrors.REJX_FORBIDDEN : filter.decide(socket, hsVersion, peer, streamId);
            if (verdict == SrtConnectionFilter.ACCEPT) {
                accepted.incrementAndGet();
                remember(socket, peer);
                return 0;
            }
            lastRejection = "refused " + SockAddr.text(peer) + " at handshake with code " + verdict + meaning(verdict);
            rejected.incrementAndGet();                       // after the text, as in onRejected
            Srt.setRejectReason(socket, verdict);
            return -1;
        } catch (Throwable t) {
            lastRejection = "listen callback failed: " + t;
            rejected.incrementAndGet();
            return -1;
        }
    }

    private static String meaning(int verdict) {
        return switch (verdict) {
            case SrtErrors.REJX_FORBIDDEN -> " (address not allowed)";
            case SrtErrors.REJX_NOTFOUND -> " (unknown stream id)";
            case SrtErrors.REJX_OVERLOAD -> " (no room for another caller)";
            default -> "";
        };
    }

    private synchronized void remember(int socket, InetSocketAddress peer) {
        recentSockets[recentNext] = socket;
        recentPeers[recentNext] = peer;
        recentNext = (recentNext + 1) % RECENT;
    }

    /** libsrt refused a handshake after this callback accepted it: count a wrong or missing passphrase. */
    @Override
    public void onRejected(int socket, String reason) {
        InetSocketAddress peer = null;
        synchronized (this) {
            for (int i = 0; i < RECENT; i++) {
                if (recentSockets[i] == socket && recentPeers[i] != null) {
                    peer = recentPeers[i];
                    recentPeers[i] = null;
                }
            }
        }
        if (peer == null) {
            return;
        }
        if (reason.contains("BADSECRET") || reason.contains("UNSECURE")) {
            String text = "refused " + SockAddr.text(peer) + " at handshake: "
                    + (reason.contains("BADSECRET") ? "wrong SRT passphrase" : "passphrase set on one side only");
            lastPassphraseRejection = text;
            lastRejection = text;
            passphraseRejected.incrementAndGet();
        } else {
            lastRejection = "refused " + SockAddr.text(peer) + " at handshake: " + reason;
        }
        rejected.incrementAndGet();                           // after the text: who sees the count sees its text
    }

    /** Callers refused because their passphrase was wrong or missing (or set while the listener has none). */
    public long passphraseRejected() {
        return passphraseRejected.get();
    }

    /**
     * The last refusal for a wrong or missing passphrase ("" if none), e.g. "refused 127.0.0.1:50000 at handshake:
     * wrong SRT passphrase": the caller's address and the reason, never a secret.
     */
    public String lastPassphraseRejection() {
        return lastPassphraseRejection;
    }

    /** Handshakes seen: every call of the callback, refused ones included. */
    public long handshakes() {
        return handshakes.get();
    }

    /** Handshakes this callback let through. */
    public long accepted() {
        return accepted.get();
    }

    /** Handshakes refused: by this callback (denied address, unknown stream id) or later by libsrt (passphrase). */
    public long rejected() {
        return rejected.get();
    }

    /** The last refusal, for status and logs ("" if none). */
    public String lastRejection() {
        return lastRejection;
    }

    @Override
    public void close() {
        SrtLog.removeObserver(this);
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
