package io.sluice.protocols.rtp;

import io.sluice.protocols.rtp.RtpSequenceTracker.Verdict;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RtpSequenceTrackerTest {

    @Test
    void countsAGapAsLostAndALateArrivalAsReordered() {
        RtpSequenceTracker tracker = new RtpSequenceTracker();
        assertThat(tracker.accept(100)).isEqualTo(Verdict.FIRST);
        assertThat(tracker.accept(101)).isEqualTo(Verdict.IN_ORDER);
        assertThat(tracker.accept(104)).isEqualTo(Verdict.AFTER_GAP);
        assertThat(tracker.lastGap()).isEqualTo(2);
        assertThat(tracker.lost()).isEqualTo(2);
        assertThat(tracker.accept(102)).isEqualTo(Verdict.LATE);
        assertThat(tracker.lost()).isEqualTo(1);
        assertThat(tracker.reordered()).isEqualTo(1);
        assertThat(tracker.accept(102)).isEqualTo(Verdict.DUPLICATE);
        assertThat(tracker.accept(104)).isEqualTo(Verdict.DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(2);
    }

    @Test
    void crossesTheWrapWithoutLoss() {
        RtpSequenceTracker tracker = new RtpSequenceTracker();
        tracker.accept(65534);
        assertThat(tracker.accept(65535)).isEqualTo(Verdict.IN_ORDER);
        assertThat(tracker.accept(0)).isEqualTo(Verdict.IN_ORDER);
        assertThat(tracker.accept(1)).isEqualTo(Verdict.IN_ORDER);
        assertThat(tracker.accept(65535)).isEqualTo(Verdict.DUPLICATE);
        assertThat(tracker.lost()).isZero();
    }

    @Test
    void believesALargeJumpOnlyWhenTheNextPacketConfirmsIt() {
        RtpSequenceTracker tracker = new RtpSequenceTracker();
        tracker.accept(10);
        tracker.accept(11);
        assertThat(tracker.accept(40_000)).isEqualTo(Verdict.JUMP);
        assertThat(tracker.accept(12)).isEqualTo(Verdict.IN_ORDER);         // the stray packet is forgotten
        assertThat(tracker.accept(50_000)).isEqualTo(Verdict.JUMP);
        assertThat(tracker.accept(50_001)).isEqualTo(Verdict.RESYNC);
        assertThat(tracker.accept(50_002)).isEqualTo(Verdict.IN_ORDER);
        assertThat(tracker.resyncs()).isEqualTo(1);
        assertThat(tracker.lost()).isZero();
    }

    @Test
    void resetStartsANewStreamAndKeepsTheCounts() {
        RtpSequenceTracker tracker = new RtpSequenceTracker();
        tracker.accept(1);
        tracker.accept(3);
        tracker.reset();
        assertThat(tracker.accept(30_000)).isEqualTo(Verdict.FIRST);
        assertThat(tracker.lost()).isEqualTo(1);
    }

    /** Against a naive model: a set of every extended number seen, for streams that reorder within the window. */
    @Property
    void agreesWithANaiveSetModel(@ForAll @IntRange(min = 0, max = 65535) int start,
                                  @ForAll @Size(min = 1, max = 400) List<@IntRange(min = -40, max = 40) Integer> steps) {
        RtpSequenceTracker tracker = new RtpSequenceTracker();
        Set<Long> seen = new HashSet<>();
        long max = start;
        long position = start;
        List<Long> sent = new ArrayList<>();
        sent.add(position);
        for (int step : steps) {
            position = Math.max(max - 500, position + step);
            sent.add(position);
            max = Math.max(max, position);
        }
        long modelMax = Long.MIN_VALUE;
        long modelDuplicates = 0;
        for (long ext : sent) {
            Verdict verdict = tracker.accept((int) (ext & 0xFFFF));
            boolean duplicate = !seen.add(ext);
            if (duplicate) {
                modelDuplicates++;
                assertThat(verdict).isEqualTo(Verdict.DUPLICATE);
            } else if (modelMax == Long.MIN_VALUE) {
                assertThat(verdict).isEqualTo(Verdict.FIRST);
            } else if (ext < modelMax) {
                assertThat(verdict).isEqualTo(Verdict.LATE);
            } else {
                assertThat(verdict).isIn(Verdict.IN_ORDER, Verdict.AFTER_GAP);
            }
            modelMax = Math.max(modelMax, ext);
        }
        long lowest = seen.stream().mapToLong(Long::longValue).min().orElseThrow();
        long expectedLost = (modelMax - sent.getFirst() + 1) - seen.stream().filter(e -> e >= sent.getFirst()).count();
        assertThat(tracker.duplicates()).isEqualTo(modelDuplicates);
        // packets older than the first one are counted as reordered and reduce loss below the RFC's figure
        long beforeFirst = seen.stream().filter(e -> e < sent.getFirst()).count();
        assertThat(tracker.lost()).isEqualTo(expectedLost - beforeFirst);
        assertThat(lowest).isLessThanOrEqualTo(sent.getFirst());
    }
}
