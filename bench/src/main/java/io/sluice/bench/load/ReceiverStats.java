package io.sluice.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What the receiver saw since the last reset: packets per output, out-of-order or repeated packets, and two
 * latencies of every packet (HdrHistogram, ns, 3 significant digits, so recording never allocates): from the
 * sender's stamp to the datagram's arrival at the output socket (kernel timestamp), and to the moment the receiver
 * read it. Not thread-safe: {@link FanOutReceiver} guards it.
 */
public final class ReceiverStats {
    private static final long MAX_LATENCY_NS = 60_000_000_000L;
    private final long[] received;
    private final long[] highestSequence;
    private final long[] outOfOrder;
    private long foreign;
    private long errors;
    private long firstSequence;
    private final Histogram latencyNs = new Histogram(MAX_LATENCY_NS, 3);
    private final Histogram readLatencyNs = new Histogram(MAX_LATENCY_NS, 3);

    ReceiverStats(int outputs) {
        received = new long[outputs];
        highestSequence = new long[outputs];
        outOfOrder = new long[outputs];
        reset(0);
    }

    void reset(long first) {
        firstSequence = first;
        java.util.Arrays.fill(received, 0);
        java.util.Arrays.fill(highestSequence, -1);
        java.util.Arrays.fill(outOfOrder, 0);
        foreign = 0;
        errors = 0;
        latencyNs.reset();
        readLatencyNs.reset();
    }

    void record(int port, long sequence, long latency, long readLatency) {
        if (sequence < firstSequence) {
            return; // a straggler of an earlier step
        }
        received[port]++;
        if (sequence <= highestSequence[port]) {
            outOfOrder[port]++;
        } else {
            highestSequence[port] = sequence;
        }
        latencyNs.recordValue(Math.clamp(latency, 0, MAX_LATENCY_NS));
        readLatencyNs.recordValue(Math.clamp(readLatency, 0, MAX_LATENCY_NS));
    }

    void foreign(int port) {
        foreign++;
    }

    void error(int port) {
        errors++;
    }

    Snapshot snapshot() {
        long total = 0;
        long fewest = Long.MAX_VALUE;
        long disordered = 0;
        for (int i = 0; i < received.length; i++) {
            total += received[i];
            fewest = Math.min(fewest, received[i]);
            disordered += outOfOrder[i];
        }
        return new Snapshot(total, received.length == 0 ? 0 : fewest, disordered, foreign, errors, latencyNs.copy(),
                readLatencyNs.copy());
    }

    /**
     * A copy of the statistics.
     *
     * @param received   packets received on all outputs together
     * @param fewestOnOneOutput the count of the output that received least
     * @param outOfOrder packets that arrived after a higher sequence on the same output (reordered or repeated)
     * @param foreign    datagrams that were not load packets
     * @param errors     socket errors
     * @param latencyNs  send-to-arrival time of every counted packet (the kernel's receive timestamp)
     * @param readLatencyNs send-to-read time of every counted packet (includes the receiver's scheduling delay)
     */
    public record Snapshot(long received, long fewestOnOneOutput, long outOfOrder, long foreign, long errors,
                    Histogram latencyNs, Histogram readLatencyNs) {
    }
}
