package io.sluice.gateway.source.srt;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.protocols.srt.SrtCaller;
import io.sluice.protocols.srt.SrtConnection;
import io.sluice.protocols.srt.SrtListener;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SockAddr;
import io.sluice.protocols.srt.ffm.SrtConnectionFilter;
import io.sluice.protocols.srt.ffm.SrtErrors;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * What the four SRT endpoints (srt-listener and srt-caller, as source and as output) share: getting connected
 * (listening with the allow-list and stream id checked in libsrt's listen callback, or calling with back-off), the
 * connections it holds, its {@link SrtStatus}, the statistics of its connections and the {@link LinkStats} made of
 * them, and the open/close lifecycle. The source or output keeps only what differs, through its {@link Owner}: what
 * to do with a connected socket (drain it into the flow, or send to it) and its own counters.
 *
 * <p>Threads: everything runs on the flow's loop except the listen callback ({@code decide}, on a libsrt thread,
 * which reads only the allow-list and a volatile count) and the statistics read, which {@link SrtLinkStatistics}
 * does on the poller's control thread because {@code srt_bstats} takes libsrt's locks. {@link #linkStats()} only
 * sums what was read.
 *
 * <p>Several callers (an srt-listener output): connected while any is; counters (ARQ, drops, undecryptable) are
 * summed over every connection since the flow started, those gone included; RTT and buffer are the largest of the
 * connected callers (the worst one), bandwidth the smallest (the bottleneck); the peer is the first caller's
 * address, "and N more" when there are others.
 *
 * @param <C> the connection type: {@code SrtInbound} for sources, {@code SrtOutbound} for outputs
 */
public final class SrtLink<C extends SrtConnection> implements SrtCaller.Handler {
    static final long INITIAL_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 8000;

    /** Which way the stream goes, so which of libsrt's figures are this side's. */
    public enum Side {
        SOURCE("source", "IngestPort"), OUTPUT("output", "Port");

        private final String word;
        private final String portMember;

        Side(String word, String portMember) {
            this.word = word;
            this.portMember = portMember;
        }
    }

    /** The source or output that owns the link: told on the loop about its connections. */
    public interface Owner<C extends SrtConnection> {
        /** {@code socket} is connected (called or accepted): start draining or sending, and return the connection. */
        C attach(int socket, EventLoop loop);

        /** {@code connection} is gone (broken, or replaced by a new caller) and already closed. */
        default void detached(C connection) {}

        /**
         * The figures moved: called once a second and again when a statistics read has come in, so the owner can
         * copy {@link #totals()} and {@link #refusedByAllowList()} into its counters.
         */
        default void refresh() {}
    }

    private final Side side;
    private final SrtEndpoint endpoint;
    private final SrtPoller poller;
    private final Owner<C> owner;
    private final SrtStatus status;
    private final String who;
    /** 0 for a caller; else the callers a listener serves at once. */
    private final int maxCallers;
    private final C[] none;
    private final AtomicLong refusedByAllowList = new AtomicLong();
    /** Connections now, for the listen callback (a libsrt thread). */
    private volatile int connectionCount;
    private final SrtLinkStatistics<C> statistics;
    private final Runnable refresh = this::refresh;

    // the loop's
    private EventLoop loop;
    private SrtCaller caller;
    private SrtListener listener;
    /** Copy-on-write, so the output's send loop iterates an array that cannot change under it. */
    private C[] connections;
    private String[] peers = new String[0];
    private long disconnections;
    private long attemptsBefore;
    private long lastRefused;
    private long lastPassphraseRefused;
    private ScheduledFuture<?> statsTask;
    private boolean closed = true;

    private SrtLink(Side side, SrtEndpoint endpoint, int maxCallers, SrtPoller poller, Logger log, C[] none,
                    Owner<C> owner) {
        this.side = side;
        this.endpoint = endpoint;
        this.maxCallers = maxCallers;
        this.poller = poller;
        this.none = none;
        this.connections = none;
        this.owner = owner;
        this.who = side.word + " " + endpoint.name();
        this.status = new SrtStatus(who, log);
        this.statistics = new SrtLinkStatistics<>(side, poller);
    }

    /**
     * A listener on the endpoint's address taking up to {@code maxCallers} callers at once (refused with 1402 beyond).
     * With one, a caller that is accepted while another is still held replaces it.
     *
     * @param none an empty array of the connection type (the copy-on-write arrays are made from it)
     */
    public static <C extends SrtConnection> SrtLink<C> listening(Side side, SrtEndpoint endpoint, int maxCallers,
                                                                 SrtPoller poller, Logger log, C[] none, Owner<C> owner) {
        if (maxCallers < 1) {
            throw new IllegalArgumentException("maxCallers " + maxCallers + " (expected at least 1)");
        }
        return new SrtLink<>(side, endpoint, maxCallers, poller, log, none, owner);
    }

    /** A caller of the endpoint's address that reconnects with back-off (0.5 s doubling to 8 s). */
    public static <C extends SrtConnection> SrtLink<C> calling(Side side, SrtEndpoint endpoint, SrtPoller poller,
                                                               Logger log, C[] none, Owner<C> owner) {
        return new SrtLink<>(side, endpoint, 0, poller, log, none, owner);
    }

    private boolean isListener() {
        return maxCallers > 0;
    }

    /** Starts listening or calling on {@code eventLoop}; fails with the port and libsrt's reason if the port is taken. */
    public Future<Void> open(EventLoop eventLoop) {
        this.loop = eventLoop;
        closed = false;
        if (isListener()) {
            try {
                listener = SrtListener.open(endpoint.address(), endpoint.settings(), this::decide,
                        Math.min(maxCallers + 1, 8), poller, loop, this::onAccepted);
            } catch (RuntimeException e) {
                closed = true;
                return loop.newFailedFuture(new IllegalStateException(who + ": cannot listen for SRT on "
                        + side.portMember + " " + endpoint.address().getPort() + ": " + e.getMessage(), e));
            }
            lastRefused = 0;
            lastPassphraseRefused = 0;
            status.set(waitingText(), false);
        } else {
            caller = new SrtCaller(endpoint.address(), null, endpoint.settings(), poller, loop, this,
                    INITIAL_BACKOFF_MS, MAX_BACKOFF_MS);
            status.set("calling " + SockAddr.text(endpoint.address()), false);
            caller.start();
        }
        statsTask = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
        return loop.newSucceededFuture(null);
    }

    private String waitingText() {
        return "listening on " + SockAddr.text(endpoint.address()) + (maxCallers == 1 ? ", waiting for a caller" : "");
    }

    /** The listen callback, on a libsrt thread: allow-list, stream id, room for another caller. */
    private int decide(int socket, int hsVersion, InetSocketAddress peer, String streamId) {
        if (!endpoint.allowList().allows(peer.getAddress())) {
            refusedByAllowList.incrementAndGet();
            return SrtErrors.REJX_FORBIDDEN;
        }
        String expected = endpoint.settings().streamId();
        if (!expected.isEmpty() && !expected.equals(streamId)) {
            return SrtErrors.REJX_NOTFOUND;
        }
        return connectionCount >= maxCallers ? SrtErrors.REJX_OVERLOAD : SrtConnectionFilter.ACCEPT;
    }

    private void onAccepted(int socket, InetSocketAddress peer, String streamId) {
        if (closed) {
            poller.closeLater(socket);
            return;
        }
        if (maxCallers == 1 && connections.length > 0) {
            connections[0].close();                               // the dead caller this one replaces
            remove(0, true);
        }
        String peerText = SockAddr.text(peer);
        add(owner.attach(socket, loop), peerText);
        status.problem(null);
        status.set(maxCallers == 1
                ? "caller " + peerText + " connected" + (streamId.isEmpty() ? "" : " with stream id " + streamId)
                : connections.length + " caller(s); last " + peerText + " connected", false);
    }

    @Override
    public void onConnected(int socket) {
        if (closed) {
            poller.closeLater(socket);
            return;
        }
        add(owner.attach(socket, loop), SockAddr.text(endpoint.address()));
        status.problem(null);
        status.set("connected to " + SockAddr.text(endpoint.address()), false);
    }

    @Override
    public void onConnectFailed(String reason, boolean passphraseRejected) {
        status.problem(reason);
        status.set(reason + "; retrying", true);
    }

    /** The connection on {@code socket} broke (it has closed itself); loop only. */
    public void broken(int socket, String reason) {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i].socket() == socket) {
                lost(i, reason);
                return;
            }
        }
    }

    /** {@code connection} broke (it has closed itself); loop only. */
    public void broken(C connection, String reason) {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] == connection) {
                lost(i, reason);
                return;
            }
        }
    }

    private void lost(int index, String reason) {
        String peer = peers[index];
        remove(index, true);
        if (isListener()) {
            status.set(maxCallers == 1 ? "caller gone (" + reason + "), waiting for a caller"
                    : connections.length + " caller(s); " + peer + " left (" + reason + ")", maxCallers == 1);
        } else {
            String text = "connection to " + peer + " lost (" + reason + ")";
            status.problem(text);
            status.set(text + "; reconnecting", true);
            caller.reconnect();
        }
    }

    private void add(C connection, String peer) {
        C[] grown = Arrays.copyOf(connections, connections.length + 1);
        String[] grownPeers = Arrays.copyOf(peers, peers.length + 1);
        grown[connections.length] = connection;
        grownPeers[peers.length] = peer;
        connections = grown;
        peers = grownPeers;
        connectionCount = grown.length;
    }

    /**
     * Drops connection {@code index} (already closed), keeping its figures in the totals, and tells the owner.
     *
     * @param disconnection whether the peer went away (counted), rather than the endpoint closing
     */
    private void remove(int index, boolean disconnection) {
        C gone = connections[index];
        statistics.retire(gone);
        if (disconnection) {
            disconnections++;
        }
        int n = connections.length;
        C[] shrunk = Arrays.copyOf(none, n - 1);
        String[] shrunkPeers = new String[n - 1];
        System.arraycopy(connections, 0, shrunk, 0, index);
        System.arraycopy(connections, index + 1, shrunk, index, n - index - 1);
        System.arraycopy(peers, 0, shrunkPeers, 0, index);
        System.arraycopy(peers, index + 1, shrunkPeers, index, n - index - 1);
        connections = shrunk;
        peers = shrunkPeers;
        connectionCount = shrunk.length;
        owner.detached(gone);
    }

    /** Once a second on the loop: the listener's refusals into the status, and a statistics read off the loop. */
    private void onTick() {
        if (closed) {
            return;
        }
        if (listener != null) {
            noticeRefusals();
        }
        owner.refresh();
        statistics.request(connections, loop, refresh);
    }

    private void noticeRefusals() {
        long refused = listener.refused();
        if (refused != lastRefused) {
            lastRefused = refused;
            status.set(listener.lastRefusal(), true);
        }
        long passphrase = listener.passphraseRefused();
        if (passphrase != lastPassphraseRefused) {
            lastPassphraseRefused = passphrase;
            status.problem(listener.lastPassphraseRefusal());
        }
    }

    private void refresh() {
        if (!closed) {
            owner.refresh();
        }
    }

    /** The figures of every connection since the flow started: those gone, plus the last reading of the live ones. */
    SrtTotals totals() {
        return statistics.totals(connections);
    }

    /** The link figures for the flow's snapshot: sums of what was read, no libsrt call (loop only). */
    public LinkStats linkStats() {
        return statistics.figures(connections, LinkStats.builder())
                .connectedTo(peerText())
                .disconnections(disconnections)
                .connectionAttempts(attempts())
                .problem(status.problem())
                .build();
    }

    private String peerText() {
        String[] now = peers;
        if (now.length == 0) {
            return null;
        }
        return now.length == 1 ? now[0] : now[0] + " and " + (now.length - 1) + " more";
    }

    /** Handshakes tried (caller) or seen (listener), refused ones included, over every open of this endpoint. */
    public long attempts() {
        long now = caller != null ? caller.attempts() : listener != null ? listener.handshakes() : 0;
        return attemptsBefore + now;
    }

    /** Stops calling or listening and closes every connection; the endpoint may be opened again. Loop only. */
    public Future<Void> close() {
        if (loop == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (!closed) {
            closed = true;
            attemptsBefore = attempts();
            if (statsTask != null) {
                statsTask.cancel(false);
                statsTask = null;
            }
            if (caller != null) {
                caller.close();
                caller = null;
            }
            if (listener != null) {
                listener.close();
                listener = null;
            }
            while (connections.length > 0) {
                connections[0].close();
                remove(0, false);
            }
            status.problem(null);
            status.set("closed", false);
        }
        return loop.newSucceededFuture(null);
    }

    /** Connections now (loop only); the array is never changed in place, so it may be iterated as is. */
    public C[] connections() {
        return connections;
    }

    /** Callers a listener refused because WhitelistCidr / CidrAllowList does not cover them. */
    public long refusedByAllowList() {
        return refusedByAllowList.get();
    }

    /** Handshakes a listener refused (allow-list, stream id, passphrase, no room); 0 for a caller. */
    public long refused() {
        SrtListener l = listener;
        return l == null ? 0 : l.refused();
    }

    /** The last refused caller and why ("" if none); names addresses and reasons, never a secret. */
    public String lastRefusal() {
        SrtListener l = listener;
        return l == null ? "" : l.lastRefusal();
    }

    public SrtStatus status() {
        return status;
    }

    public SrtEndpoint endpoint() {
        return endpoint;
    }
}
