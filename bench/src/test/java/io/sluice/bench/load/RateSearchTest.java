package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    /** A gateway that loses 1% above {@code capacityMbps}; a sender that cannot exceed {@code senderMbps}. */
    private static RateSearch.Step gateway(double capacityMbps, double senderMbps, List<Double> asked) {
        return mbps -> {
            asked.add(mbps);
            double sent = Math.min(mbps, senderMbps);
            long packets = 1000;
            long received = sent > capacityMbps ? packets * 99 / 100 : packets;
            return new StepResult(mbps, sent, 1, packets, received, 0, received, 1, 2, 3, 4, 1.0, 0.1, 0);
        };
    }

    @Test
    void doublesUntilLossThenBisectsToWithinTenPercent() {
        List<Double> asked = new ArrayList<>();
        RateSearch.Outcome outcome = RateSearch.search(gateway(500, 1e9, asked), 100, 3000, 10, 0, false);
        assertThat(asked).startsWith(100.0, 200.0, 400.0, 800.0);
        assertThat(outcome.highestLosslessMbps()).isLessThanOrEqualTo(500).isGreaterThan(500 / RateSearch.RESOLUTION);
        assertThat(outcome.senderLimited()).isFalse();
        assertThat(outcome.reachedMax()).isFalse();
    }

    @Test
    void neverTakesMoreStepsThanAllowed() {
        List<Double> asked = new ArrayList<>();
        RateSearch.Outcome outcome = RateSearch.search(gateway(777, 1e9, asked), 1, 3000, 5, 0, false);
        assertThat(asked).hasSize(5);
        assertThat(outcome.steps()).hasSize(5);
        assertThat(outcome.highestLosslessMbps()).isEqualTo(16);
    }

    @Test
    void halvesWhenEvenTheFirstStepLoses() {
        List<Double> asked = new ArrayList<>();
        RateSearch.Outcome outcome = RateSearch.search(gateway(30, 1e9, asked), 100, 3000, 10, 0, false);
        assertThat(asked).startsWith(100.0, 50.0, 25.0);
        assertThat(outcome.highestLosslessMbps()).isBetween(30 / RateSearch.RESOLUTION, 30.0);
    }

    @Test
    void stopsWhenTheSenderCannotGoFasterAndSaysSo() {
        RateSearch.Outcome outcome = RateSearch.search(gateway(5000, 300, new ArrayList<>()), 100, 3000, 10, 0, false);
        assertThat(outcome.senderLimited()).isTrue();
        assertThat(outcome.steps()).hasSize(3);
        assertThat(outcome.highestLosslessMbps()).as("what was sent, not what was asked").isEqualTo(300);
    }

    @Test
    void stopsAtTheConfiguredMaximum() {
        RateSearch.Outcome outcome = RateSearch.search(gateway(5000, 1e9, new ArrayList<>()), 100, 300, 10, 0, false);
        assertThat(outcome.reachedMax()).isTrue();
        assertThat(outcome.highestLosslessMbps()).isEqualTo(300);
    }

    @Test
    void reportsNoRateWhenNothingIsLossless() {
        RateSearch.Outcome outcome = RateSearch.search(gateway(0.1, 1e9, new ArrayList<>()), 4, 3000, 10, 0, false);
        assertThat(outcome.best()).isNull();
        assertThat(outcome.highestLosslessMbps()).isZero();
    }

    @Test
    void toleratesTheConfiguredLossRatio() {
        RateSearch.Outcome outcome = RateSearch.search(gateway(150, 1e9, new ArrayList<>()), 100, 3000, 3, 0.02, false);
        assertThat(outcome.highestLosslessMbps()).isEqualTo(400);
        assertThat(outcome.steps()).allMatch(step -> step.lossless(0.02));
    }

    @Test
    void confirmsALossBeforeBelievingIt() {
        int[] calls = {0};
        RateSearch.Step stalledOnce = mbps -> {
            calls[0]++;
            long received = calls[0] == 2 ? 900 : 1000; // another job stalls the second step only
            return new StepResult(mbps, mbps, 1, 1000, received, 0, received, 1, 2, 3, 4, 1.0, 0.1, 0.5);
        };
        RateSearch.Outcome outcome = RateSearch.search(stalledOnce, 100, 400, 10, 0, true);
        assertThat(outcome.steps()).extracting(StepResult::targetMbps).containsExactly(100.0, 200.0, 200.0, 400.0);
        assertThat(outcome.highestLosslessMbps()).isEqualTo(400);
        assertThat(outcome.reachedMax()).isTrue();
    }

    @Test
    void aConfirmedLossCounts() {
        List<Double> asked = new ArrayList<>();
        RateSearch.Outcome outcome = RateSearch.search(gateway(150, 1e9, asked), 100, 3000, 2, 0, true);
        assertThat(asked).containsExactly(100.0, 200.0, 200.0);
        assertThat(outcome.highestLosslessMbps()).isEqualTo(100);
    }
}
