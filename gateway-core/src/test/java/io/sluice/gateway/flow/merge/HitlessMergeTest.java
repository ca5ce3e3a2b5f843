package io.sluice.gateway.flow.merge;

import static io.sluice.gateway.flow.merge.RecordingSink.packet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HitlessMergeTest {
    private static final long MS = 1_000_000L;
    private static final long WINDOW_NS = 200 * MS;
    private final RecordingSink out = new RecordingSink();
    private final HitlessMerge merge = new HitlessMerge(out, WINDOW_NS, 1024);

    @AfterEach
    void close() {
        merge.close();
    }

    @Test
    void forwardsTheFirstCopyAtOnceAndDropsTheSecond() {
        merge.onPacket(0, packet(10), 1 * MS);
        merge.onPacket(1, packet(10), 3 * MS);
        merge.onPacket(1, packet(11), 4 * MS);
        merge.onPacket(0, packet(11), 5 * MS);
        assertThat(out.sequences).containsExactly(10, 11);
        assertThat(out.arrivals).containsExactly(1 * MS, 4 * MS);
        assertThat(merge.counters().duplicates).containsExactly(1, 1);
        assertThat(merge.counters().deliveredFirst).containsExactly(1, 1);
    }

    @Test
    void fillsOneLegsGapFromTheOtherWithinTheWindow() {
        merge.onPacket(0, packet(1), 0);
        merge.onPacket(0, packet(3), 2 * MS);                 // 2 lost on leg 0
        assertThat(out.sequences).containsExactly(1);
        merge.onPacket(1, packet(1), 50 * MS);
        merge.onPacket(1, packet(2), 51 * MS);               // the slow leg brings it
        merge.onPacket(1, packet(3), 52 * MS);
        assertThat(out.sequences).containsExactly(1, 2, 3);
        merge.poll(52 * MS + WINDOW_NS);
        assertThat(merge.counters().onlyFrom).containsExactly(0, 1);
        assertThat(merge.counters().fromBoth).isEqualTo(2);
        assertThat(merge.counters().lostOnBoth).isZero();
    }

    @Test
    void givesUpAGapMissingOnBothLegsWhenTheWindowHasPassed() {
        merge.onPacket(0, packet(1), 0);
        merge.onPacket(0, packet(3), 10 * MS);
        merge.onPacket(1, packet(3), 11 * MS);
        merge.poll(10 * MS + WINDOW_NS - 1);
        assertThat(out.sequences).containsExactly(1);
        merge.poll(10 * MS + WINDOW_NS);
        assertThat(out.sequences).containsExactly(1, 3);
        assertThat(merge.counters().lostOnBoth).isEqualTo(1);
        merge.onPacket(1, packet(2), 10 * MS + WINDOW_NS + 1);   // too late: never out of order
        assertThat(out.sequences).containsExactly(1, 3);
        assertThat(merge.counters().late[1]).isEqualTo(1);
    }

    @Test
    void measuresHowFarTheSlowerLegTrailsAndWhichLegsAreInUse() {
        assertThat(merge.trailMs(0)).isNaN();
        assertThat(merge.inUse(0, 0)).isFalse();
        for (int seq = 0; seq < 500; seq++) {                     // leg 1 brings every packet 20 ms after leg 0
            merge.onPacket(0, packet(seq), seq * MS);
            merge.onPacket(1, packet(seq), seq * MS + 20 * MS);
        }
        assertThat(merge.trailMs(1)).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(merge.trailMs(0)).isZero();
        long now = 520 * MS;
        assertThat(merge.inUse(0, now)).isTrue();
        assertThat(merge.inUse(1, now)).isTrue();

        for (int seq = 500; seq < 2000; seq++) {                  // now leg 0 trails by 5 ms: the average follows
            merge.onPacket(1, packet(seq), seq * MS);
            merge.onPacket(0, packet(seq), seq * MS + 5 * MS);
        }
        assertThat(merge.trailMs(0)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(merge.trailMs(1)).isZero();

        for (int seq = 2000; seq < 2600; seq++) {                 // leg 1 goes silent for 600 ms
            merge.onPacket(0, packet(seq), seq * MS);
        }
        assertThat(merge.inUse(0, 2600 * MS)).isTrue();
        assertThat(merge.inUse(1, 2600 * MS)).as("silent for 600 ms").isFalse();
        assertThat(merge.inUse(1, 1999 * MS + HitlessMerge.IN_USE_NS - 1)).isTrue();
    }

    @Test
    void aLegTrailingByMoreThanTheWindowIsNotInUseButItsLatencyIsMeasured() {
        for (int seq = 0; seq < 1000; seq++) {
            merge.onPacket(0, packet(seq), seq * MS);
            merge.poll(seq * MS);
            if (seq >= 300) {                                     // 300 ms behind: beyond the 200 ms window
                merge.onPacket(1, packet(seq - 300), seq * MS);
            }
        }
        assertThat(merge.counters().duplicates[1]).isEqualTo(700);
        assertThat(merge.inUse(1, 1000 * MS)).as("every copy came after the window").isFalse();
        assertThat(merge.inUse(0, 1000 * MS)).isTrue();
        assertThat(merge.trailMs(1)).isCloseTo(300.0, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void mergesAcrossTheSequenceWrap() {
        for (int seq = 65530; seq < 65546; seq++) {
            if (seq % 2 == 0) {
                merge.onPacket(0, packet(seq), seq * MS);
            } else {
                merge.onPacket(1, packet(seq), seq * MS);
            }
        }
        assertThat(out.sequences).containsExactlyElementsOf(
                IntStream.range(65530, 65546).map(s -> s & 0xFFFF).boxed().toList());
    }

    @Test
    void restartsOnAJumpBeyondTheWindow() {
        merge.onPacket(0, packet(100), 0);
        merge.onPacket(0, packet(30000), MS);
        merge.onPacket(1, packet(30000), 2 * MS);
        merge.onPacket(0, packet(30001), 3 * MS);
        assertThat(out.sequences).containsExactly(100, 30000, 30001);
        assertThat(merge.counters().resyncs).isEqualTo(1);
        assertThat(merge.counters().lostOnBoth).isZero();
    }

    @Test
    void countsMalformedPacketsPerLeg() {
        merge.onPacket(1, io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(0x47000000), 0);
        assertThat(merge.counters().malformed).containsExactly(0, 1);
        assertThat(out.sequences).isEmpty();
    }

    /**
     * Two legs with independent random losses and a random path delay between them: the output is every sequence
     * number at least one leg delivered, once, in order; the rest is counted lost on both.
     */
    @Property(tries = 100)
    void outputIsTheInOrderUnionOfBothLegs(@ForAll @IntRange(min = 0, max = 65535) int first,
                                           @ForAll @IntRange(min = 0, max = 30) int lossPercentA,
                                           @ForAll @IntRange(min = 0, max = 30) int lossPercentB,
                                           @ForAll @IntRange(min = 0, max = 150) int skewMs,
                                           @ForAll long seed) {
        RecordingSink sink = new RecordingSink();
        HitlessMerge m = new HitlessMerge(sink, WINDOW_NS, 1024);
        Random random = new Random(seed);
        int count = 600;
        record Arrival(int leg, int seq, long atNs) {}
        List<Arrival> arrivals = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Integer> lostOnBoth = new ArrayList<>();
        int lastDelivered = 0;
        for (int i = 1; i < count; i++) {                       // seq first+0 arrives on both legs: the start
            boolean onA = random.nextInt(100) >= lossPercentA;
            boolean onB = random.nextInt(100) >= lossPercentB;
            if (onA) {
                arrivals.add(new Arrival(0, first + i, i * MS + random.nextInt(3) * MS));
            }
            if (onB) {
                arrivals.add(new Arrival(1, first + i, i * MS + skewMs * MS + random.nextInt(3) * MS));
            }
            if (onA || onB) {
                expected.add((first + i) & 0xFFFF);
                lastDelivered = i;
            } else {
                lostOnBoth.add(i);
            }
        }
        // A loss after the last packet either leg delivered is invisible: no later sequence number reveals the gap.
        int finalDelivered = lastDelivered;
        long visibleLosses = lostOnBoth.stream().filter(i -> i < finalDelivered).count();
        arrivals.sort((x, y) -> Long.compare(x.atNs(), y.atNs()));
        try {
            m.onPacket(0, packet(first), 0);
            m.onPacket(1, packet(first), skewMs * MS);
            for (Arrival a : arrivals) {
                m.poll(a.atNs());
                m.onPacket(a.leg(), packet(a.seq()), a.atNs());
            }
            m.poll(Long.MAX_VALUE / 2);
        } finally {
            m.close();
        }
        expected.addFirst(first & 0xFFFF);
        assertThat(sink.sequences).containsExactlyElementsOf(expected);
        assertThat(m.counters().output).isEqualTo(expected.size());
        assertThat(m.counters().lostOnBoth).isEqualTo(visibleLosses);
    }
}
