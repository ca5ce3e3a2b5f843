package io.sluice.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest lossless input rate with a bounded number of steps: doubling from the start rate until a step
 * loses packets, then bisecting (geometric mean) between the highest lossless and the lowest lossy rate until they
 * are within 10% or the step budget is spent. A loss is confirmed by a second attempt at the same rate (when
 * {@code confirmLoss}): on a shared machine another job can stall the gateway or the receiver for 100 ms and more,
 * which says nothing about the rate; both attempts are kept in {@link Outcome#steps()}. A lossless step at which the
 * sender could not reach the asked rate ends the search: the gateway kept up with all this machine could send.
 */
public final class RateSearch {
    static final double RESOLUTION = 1.10;
    private static final double FLOOR_MBPS = 0.5;

    /** Runs one constant-rate step. */
    @FunctionalInterface
    public interface Step {
        StepResult run(double mbps);
    }

    /**
     * The steps taken and what they found.
     *
     * @param steps          every step, in order
     * @param best           the lossless step with the highest rate, or null if none was lossless
     * @param senderLimited  the search ended because the sender could not go faster (the gateway did not lose)
     * @param reachedMax     the search ended at the configured maximum rate without loss
     */
    public record Outcome(List<StepResult> steps, StepResult best, boolean senderLimited, boolean reachedMax) {
        public Outcome {
            steps = List.copyOf(steps);
        }

        /** The highest lossless input rate in Mbit/s (what was sent, if the sender fell short), 0 if none. */
        public double highestLosslessMbps() {
            return best == null ? 0 : best.senderLimited() ? best.sentMbps() : best.targetMbps();
        }
    }

    private RateSearch() {
    }

    /**
     * Searches from {@code startMbps} (at most {@code maxMbps}) trying at most {@code maxSteps} rates (each lossy one
     * twice when {@code confirmLoss}).
     */
    public static Outcome search(Step step, double startMbps, double maxMbps, int maxSteps, double maxLossRatio,
                                 boolean confirmLoss) {
        List<StepResult> steps = new ArrayList<>();
        StepResult best = null;
        double lossyMbps = Double.POSITIVE_INFINITY;
        double rate = Math.min(startMbps, maxMbps);
        boolean senderLimited = false;
        boolean reachedMax = false;
        for (int i = 0; i < maxSteps; i++) {
            StepResult result = step.run(rate);
            steps.add(result);
            if (confirmLoss && !result.lossless(maxLossRatio)) {
                StepResult again = step.run(rate);
                steps.add(again);
                if (again.lossless(maxLossRatio)) {
                    result = again;
                }
            }
            boolean lossless = result.lossless(maxLossRatio);
            if (lossless) {
                if (best == null || rate > best.targetMbps()) {
                    best = result;
                }
                if (result.senderLimited()) {
                    senderLimited = true;
                    break;
                }
                if (rate >= maxMbps) {
                    reachedMax = true;
                    break;
                }
            } else {
                lossyMbps = Math.min(lossyMbps, rate);
            }
            double losslessMbps = best == null ? 0 : best.targetMbps();
            if (Double.isInfinite(lossyMbps)) {
                rate = Math.min(rate * 2, maxMbps);
            } else if (losslessMbps == 0) {
                rate = rate / 2;
                if (rate < FLOOR_MBPS) {
                    break;
                }
            } else if (lossyMbps / losslessMbps <= RESOLUTION) {
                break;
            } else {
                rate = Math.sqrt(losslessMbps * lossyMbps);
            }
        }
        return new Outcome(steps, best, senderLimited, reachedMax);
    }
}
