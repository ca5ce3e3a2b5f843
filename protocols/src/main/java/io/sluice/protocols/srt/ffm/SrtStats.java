package io.sluice.protocols.srt.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A copy of one connection's statistics ({@code srt_bstats}, struct CBytePerfMon of libsrt 1.5.1, 496 bytes, read
 * by the offsets verified with offsetof in protocols.md §5.4). Totals are since the connection started. Sluice never
 * reads with {@code clear}, so libsrt's "interval" figures (here only {@code pktRcvRetrans}, which has no total
 * field in 1.5.1) also count from the connection's start.
 *
 * @param rttMs            smoothed round-trip time
 * @param bandwidthMbps    estimated link bandwidth
 * @param sendRateMbps     current send rate
 * @param receiveRateMbps  current receive rate
 * @param packetsSent      data packets sent, retransmissions included
 * @param packetsReceived  data packets received
 * @param packetsLostReceiving losses detected by this receiver
 * @param packetsLostSending   losses the peer reported (NAKs)
 * @param packetsRetransmitted packets this side retransmitted
 * @param packetsRetransmittedReceived retransmitted packets this receiver got, duplicates included
 * @param packetsDroppedReceiving too late to play, never recovered
 * @param packetsDroppedSending   too late to send
 * @param packetsUndecryptable    received but not decryptable (key mismatch)
 * @param sendBufferMs   data waiting in the send buffer (unacknowledged)
 * @param receiveBufferMs data waiting in the receive buffer
 * @param receiveLatencyMs negotiated receive latency (TSBPD)
 * @param sendLatencyMs    negotiated peer latency
 */
public record SrtStats(double rttMs, double bandwidthMbps, double sendRateMbps, double receiveRateMbps,
                       long packetsSent, long packetsReceived, long packetsLostReceiving, long packetsLostSending,
                       long packetsRetransmitted, long packetsRetransmittedReceived, long packetsDroppedReceiving,
                       long packetsDroppedSending, long packetsUndecryptable, int sendBufferMs, int receiveBufferMs,
                       int receiveLatencyMs, int sendLatencyMs) {

    /** sizeof(SRT_TRACEBSTATS) in libsrt 1.5.1. */
    public static final int BYTES = 496;

    /** Reads the statistics of {@code socket}; throws {@link SrtException} for a closed or unknown socket. */
    public static SrtStats read(int socket) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment perf = arena.allocate(BYTES, 8);
            if (Srt.bstats(socket, perf, false) < 0) {
                throw Srt.failure("srt_bstats", socket);
            }
            return decode(perf);
        }
    }

    /**
     * Lost packets a retransmission filled in time, as far as libsrt's counters tell: a retransmission received
     * ({@code pktRcvRetrans}) recovers at most one detected gap, and a gap that was dropped too late to play
     * ({@code pktRcvDropTotal}) was not recovered, so the figure is the smaller of the retransmissions received and
     * the gaps that were not dropped. It never exceeds {@link #packetsLostReceiving()}; duplicate retransmissions
     * and gaps filled by reordering are not counted as recovered when drops leave no room for them.
     */
    public long packetsRecoveredByRetransmission() {
        long filled = Math.max(0, packetsLostReceiving - packetsDroppedReceiving);
        return Math.min(packetsRetransmittedReceived, filled);
    }

    /** Decodes a CBytePerfMon image; package-private for tests. */
    static SrtStats decode(MemorySegment perf) {
        return new SrtStats(
                perf.get(ValueLayout.JAVA_DOUBLE, 328), perf.get(ValueLayout.JAVA_DOUBLE, 336),
                perf.get(ValueLayout.JAVA_DOUBLE, 184), perf.get(ValueLayout.JAVA_DOUBLE, 192),
                perf.get(ValueLayout.JAVA_LONG, 8), perf.get(ValueLayout.JAVA_LONG, 16),
                perf.get(ValueLayout.JAVA_INT, 28), perf.get(ValueLayout.JAVA_INT, 24),
                perf.get(ValueLayout.JAVA_INT, 32), perf.get(ValueLayout.JAVA_INT, 164),
                perf.get(ValueLayout.JAVA_INT, 68),
                perf.get(ValueLayout.JAVA_INT, 64), perf.get(ValueLayout.JAVA_INT, 72),
                perf.get(ValueLayout.JAVA_INT, 372), perf.get(ValueLayout.JAVA_INT, 388),
                perf.get(ValueLayout.JAVA_INT, 392), perf.get(ValueLayout.JAVA_INT, 376));
    }
}
