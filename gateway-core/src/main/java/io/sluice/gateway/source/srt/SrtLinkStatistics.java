package io.sluice.gateway.source.srt;

import io.netty.channel.EventLoop;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.protocols.srt.SrtConnection;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.ffm.SrtStats;
import java.util.concurrent.RejectedExecutionException;

/**
 * The statistics half of an {@link SrtLink}: reads {@code srt_bstats} of its connections off the loop and turns what
 * was read into {@link LinkStats} figures.
 *
 * <p>{@code srt_bstats} takes libsrt's locks, so it never runs on a flow's loop: {@link #request} hands the sockets
 * to the poller's control thread, which reads them into an immutable {@link Reading} (a volatile field; only that
 * thread writes it) and then runs the given task on the loop. Everything else runs on the loop and only sums what
 * was read. A connection that ends is {@linkplain #retire retired} with its last reading (at most a second old), so
 * the totals never go down while peers come and go.
 *
 * <p>Several connections (an srt-listener output): counters are summed; RTT and buffer are the largest (the worst
 * receiver), bandwidth the smallest (the bottleneck).
 */
final class SrtLinkStatistics<C extends SrtConnection> {

    /** Statistics of some sockets read at one instant; a socket never read has null. */
    private record Reading(int[] sockets, SrtStats[] stats) {
        static final Reading NONE = new Reading(new int[0], new SrtStats[0]);

        SrtStats of(int socket) {
            for (int i = 0; i < sockets.length; i++) {
                if (sockets[i] == socket) {
                    return stats[i];
                }
            }
            return null;
        }
    }

    private final SrtLink.Side side;
    private final SrtPoller poller;
    private final SrtTotals retired = new SrtTotals();
    private volatile Reading reading = Reading.NONE;

    SrtLinkStatistics(SrtLink.Side side, SrtPoller poller) {
        this.side = side;
        this.poller = poller;
    }

    /** On the loop: reads the statistics of {@code connections} off the loop, then runs {@code then} on {@code loop}. */
    void request(C[] connections, EventLoop loop, Runnable then) {
        if (connections.length == 0) {
            return;
        }
        int[] sockets = new int[connections.length];
        for (int i = 0; i < connections.length; i++) {
            sockets[i] = connections[i].socket();
        }
        try {
            poller.control().execute(() -> read(sockets, loop, then));
        } catch (RejectedExecutionException e) {
            // the poller is shutting down with the process: no more statistics
        }
    }

    /**
     * On the poller's control thread. A socket closed since the loop asked keeps its previous figures, so a
     * connection's totals survive its last second.
     */
    private void read(int[] sockets, EventLoop loop, Runnable then) {
        Reading previous = reading;
        SrtStats[] stats = new SrtStats[sockets.length];
        for (int i = 0; i < sockets.length; i++) {
            try {
                stats[i] = SrtStats.read(sockets[i]);
            } catch (RuntimeException e) {
                stats[i] = previous.of(sockets[i]);              // closed meanwhile: its broken report comes on its own
            }
        }
        reading = new Reading(sockets, stats);
        try {
            loop.execute(then);
        } catch (RejectedExecutionException e) {
            // the loop is shutting down
        }
    }

    /** On the loop: {@code gone} has left; keep its last figures in the totals. */
    void retire(C gone) {
        SrtStats last = reading.of(gone.socket());
        if (last != null) {
            retired.add(last);
        }
        retired.queueDrops += gone.dropped();
    }

    /** The figures of every connection since the flow started: those gone, plus the last reading of the live ones. */
    SrtTotals totals(C[] connections) {
        SrtTotals totals = retired.copy();
        Reading r = reading;
        for (C connection : connections) {
            SrtStats stats = r.of(connection.socket());
            if (stats != null) {
                totals.add(stats);
            }
            totals.queueDrops += connection.dropped();
        }
        return totals;
    }

    /** Adds the ARQ, drop, decryption, RTT, bandwidth and buffer figures of {@code connections} to {@code into}. */
    LinkStats.Builder figures(C[] connections, LinkStats.Builder into) {
        SrtTotals totals = totals(connections);
        into.decryptionFailures(totals.undecryptable);
        if (side == SrtLink.Side.SOURCE) {
            into.arq(totals.lossDetected, totals.recovered, 0).overflowPackets(totals.receiveDrops);
        } else {
            into.arq(totals.lossReported, 0, totals.retransmitted).overflowPackets(totals.sendDrops + totals.queueDrops);
        }
        double rttMs = Double.NaN;
        double bandwidthMbps = Double.NaN;
        int bufferMs = -1;
        Reading r = reading;
        for (C connection : connections) {
            SrtStats s = r.of(connection.socket());
            if (s != null) {
                rttMs = Double.isNaN(rttMs) ? s.rttMs() : Math.max(rttMs, s.rttMs());
                bandwidthMbps = Double.isNaN(bandwidthMbps) ? s.bandwidthMbps() : Math.min(bandwidthMbps, s.bandwidthMbps());
                bufferMs = Math.max(bufferMs, side == SrtLink.Side.SOURCE ? s.receiveBufferMs() : s.sendBufferMs());
            }
        }
        return into.roundTripTimeMs(rttMs).bandwidthMbps(bandwidthMbps).bufferMs(bufferMs);
    }
}
