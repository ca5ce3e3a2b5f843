package io.sluice.protocols.srt.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link SrtStats} read from a CBytePerfMon image by the offsets of protocols.md §5.4, and the ARQ figure derived. */
class SrtStatsTest {

    private static SrtStats decode(int rcvLoss, int rcvRetrans, int rcvDrop) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment perf = arena.allocate(SrtStats.BYTES, 8);
            perf.set(ValueLayout.JAVA_LONG, 8, 1000);             // pktSentTotal
            perf.set(ValueLayout.JAVA_LONG, 16, 900);             // pktRecvTotal
            perf.set(ValueLayout.JAVA_INT, 24, 7);                // pktSndLossTotal
            perf.set(ValueLayout.JAVA_INT, 28, rcvLoss);          // pktRcvLossTotal
            perf.set(ValueLayout.JAVA_INT, 32, 9);                // pktRetransTotal
            perf.set(ValueLayout.JAVA_INT, 64, 2);                // pktSndDropTotal
            perf.set(ValueLayout.JAVA_INT, 68, rcvDrop);          // pktRcvDropTotal
            perf.set(ValueLayout.JAVA_INT, 72, 4);                // pktRcvUndecryptTotal
            perf.set(ValueLayout.JAVA_INT, 156, 99);              // pktRcvLoss (interval): not used
            perf.set(ValueLayout.JAVA_INT, 164, rcvRetrans);      // pktRcvRetrans
            perf.set(ValueLayout.JAVA_DOUBLE, 184, 5.5);          // mbpsSendRate
            perf.set(ValueLayout.JAVA_DOUBLE, 192, 4.5);          // mbpsRecvRate
            perf.set(ValueLayout.JAVA_DOUBLE, 328, 12.25);        // msRTT
            perf.set(ValueLayout.JAVA_DOUBLE, 336, 950.0);        // mbpsBandwidth
            perf.set(ValueLayout.JAVA_INT, 372, 40);              // msSndBuf
            perf.set(ValueLayout.JAVA_INT, 376, 120);             // msSndTsbPdDelay
            perf.set(ValueLayout.JAVA_INT, 388, 118);             // msRcvBuf
            perf.set(ValueLayout.JAVA_INT, 392, 125);             // msRcvTsbPdDelay
            return SrtStats.decode(perf);
        }
    }

    @Test
    void readsEachFigureAtItsOffset() {
        SrtStats stats = decode(11, 10, 1);
        assertThat(stats.packetsSent()).isEqualTo(1000);
        assertThat(stats.packetsReceived()).isEqualTo(900);
        assertThat(stats.packetsLostSending()).isEqualTo(7);
        assertThat(stats.packetsLostReceiving()).isEqualTo(11);
        assertThat(stats.packetsRetransmitted()).isEqualTo(9);
        assertThat(stats.packetsRetransmittedReceived()).isEqualTo(10);
        assertThat(stats.packetsDroppedSending()).isEqualTo(2);
        assertThat(stats.packetsDroppedReceiving()).isEqualTo(1);
        assertThat(stats.packetsUndecryptable()).isEqualTo(4);
        assertThat(stats.sendRateMbps()).isEqualTo(5.5);
        assertThat(stats.receiveRateMbps()).isEqualTo(4.5);
        assertThat(stats.rttMs()).isEqualTo(12.25);
        assertThat(stats.bandwidthMbps()).isEqualTo(950.0);
        assertThat(stats.sendBufferMs()).isEqualTo(40);
        assertThat(stats.sendLatencyMs()).isEqualTo(120);
        assertThat(stats.receiveBufferMs()).isEqualTo(118);
        assertThat(stats.receiveLatencyMs()).isEqualTo(125);
    }

    @Test
    void recoveredIsWhatRetransmissionsFilledOfTheGapsNotDropped() {
        assertThat(decode(11, 10, 1).packetsRecoveredByRetransmission()).as("10 gaps kept, 10 retransmissions").isEqualTo(10);
        assertThat(decode(11, 25, 1).packetsRecoveredByRetransmission()).as("duplicate retransmissions").isEqualTo(10);
        assertThat(decode(11, 4, 0).packetsRecoveredByRetransmission()).as("the rest came by reordering").isEqualTo(4);
        assertThat(decode(3, 5, 8).packetsRecoveredByRetransmission()).as("more drops than gaps").isZero();
        assertThat(decode(0, 0, 0).packetsRecoveredByRetransmission()).isZero();
    }

    @Property(tries = 200)
    void recoveredNeverExceedsTheGapsOrTheRetransmissions(@ForAll @IntRange(max = 100_000) int loss,
                                                          @ForAll @IntRange(max = 100_000) int retrans,
                                                          @ForAll @IntRange(max = 100_000) int drop) {
        long recovered = decode(loss, retrans, drop).packetsRecoveredByRetransmission();
        assertThat(recovered).isBetween(0L, (long) Math.min(loss, retrans));
        assertThat(recovered + drop).isGreaterThanOrEqualTo(Math.min(loss, retrans));
    }
}
