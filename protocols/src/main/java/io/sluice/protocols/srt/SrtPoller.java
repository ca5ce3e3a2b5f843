package io.sluice.protocols.srt;

import io.sluice.protocols.srt.ffm.SrtEpoll;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtLibrary;
import io.sluice.protocols.srt.ffm.Srt;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated platform thread that waits in {@code srt_epoll_uwait} for every SRT socket of the process and tells
 * each socket's {@link SrtReadiness} when it is ready; the owner then drains on its own event loop, so no Netty
 * loop ever waits in libsrt (the model of srt-live-transmit, STYLE.md §2). Sockets are watched edge-triggered: each
 * readiness change is reported once, and the owner reads until {@code SRT_EASYNCRCV}.
 *
 * <p>Registration is thread-safe. The socket → handler table is a copy-on-write array scanned on each event, so a
 * readiness event costs no allocation (no boxed keys).
 */
public final class SrtPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtPoller.class);
    private static final int MAX_EVENTS = 256;
    /** The wait also wakes this often to notice close(). */
    private static final long WAIT_MS = 100;

    private static volatile SrtPoller shared;

    private final SrtEpoll epoll;
    private final Thread thread;
    private final ExecutorService control;
    /** Replaced whole on each change, so the poller always sees sockets and handlers that match. */
    private volatile Table table = new Table(new int[0], new SrtReadiness[0]);
    private volatile boolean running = true;

    /** Starts a poller on its own platform thread named {@code name}. */
    public SrtPoller(String name) {
        SrtLibrary.start();
        this.epoll = new SrtEpoll(MAX_EVENTS);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        this.control = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(name + "-control").daemon(true).factory());
        thread.start();
    }

    /**
     * A platform thread for libsrt calls that may wait on libsrt's locks or the network ({@code srt_close},
     * {@code srt_connect}): event loops hand those here and get the result back with {@code loop.execute}.
     */
    public Executor control() {
        return control;
    }

    /** Stops watching {@code socket} now and closes it on the control thread. */
    public void closeLater(int socket) {
        deregister(socket);
        try {
            control.execute(() -> Srt.close(socket));
        } catch (RejectedExecutionException e) {
            Srt.close(socket);                                   // the poller is closing: close here
        }
    }

    /** The process-wide poller, started on first use. */
    public static SrtPoller shared() {
        SrtPoller p = shared;
        if (p == null) {
            synchronized (SrtPoller.class) {
                p = shared;
                if (p == null) {
                    p = new SrtPoller("srt-poller");
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Watches {@code socket} for {@code flags} (IN/OUT/ERR; edge-triggered is added here). */
    public synchronized void register(int socket, int flags, SrtReadiness handler) {
        Table t = table;
        int n = t.sockets.length;
        int[] s = Arrays.copyOf(t.sockets, n + 1);
        SrtReadiness[] h = Arrays.copyOf(t.handlers, n + 1);
        s[n] = socket;
        h[n] = handler;
        table = new Table(s, h);
        epoll.add(socket, flags | SrtErrors.EPOLL_ET);
    }

    /** Changes what {@code socket} is watched for. */
    public void modify(int socket, int flags) {
        epoll.update(socket, flags | SrtErrors.EPOLL_ET);
    }

    /** Stops watching {@code socket}; call before closing it. */
    public synchronized void deregister(int socket) {
        epoll.remove(socket);
        Table t = table;
        int[] s = t.sockets;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == socket) {
                int[] ns = new int[s.length - 1];
                SrtReadiness[] nh = new SrtReadiness[s.length - 1];
                System.arraycopy(s, 0, ns, 0, i);
                System.arraycopy(s, i + 1, ns, i, s.length - i - 1);
                System.arraycopy(t.handlers, 0, nh, 0, i);
                System.arraycopy(t.handlers, i + 1, nh, i, s.length - i - 1);
                table = new Table(ns, nh);
                return;
            }
        }
    }

    /** How many sockets are watched. */
    public int size() {
        return table.sockets.length;
    }

    private void run() {
        while (running) {
            int ready;
            try {
                ready = epoll.await(WAIT_MS);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("SRT poller wait failed; retrying", e);
                }
                continue;
            }
            for (int i = 0; i < ready; i++) {
                dispatch(epoll.socket(i), epoll.flags(i));
            }
        }
    }

    private void dispatch(int socket, int flags) {
        Table t = table;
        int[] s = t.sockets;
        SrtReadiness[] h = t.handlers;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == socket) {
                try {
                    h[i].onReady(socket, flags);
                } catch (RuntimeException e) {
                    LOG.error("SRT readiness handler for socket {} failed", socket, e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.shutdown();
        try {
            control.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        epoll.close();
        synchronized (SrtPoller.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private record Table(int[] sockets, SrtReadiness[] handlers) {}
}
