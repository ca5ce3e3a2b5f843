package io.sluice.bench.load;

/**
 * What one constant-rate step measured.
 *
 * @param targetMbps    the rate asked of the sender (TS payload bits)
 * @param sentMbps      the rate the sender reached
 * @param outputs       N
 * @param sent          packets sent into the gateway
 * @param received      packets received over all N outputs
 * @param outOfOrder    packets received after a higher sequence on their output
 * @param outPacketsPerSecond received packets per second of sending time, all outputs together
 * @param p50Ns         median latency: sender's stamp to arrival at the output socket (kernel timestamp)
 * @param p99Ns         99th percentile of that latency
 * @param maxNs         highest latency
 * @param readP99Ns     99th percentile of sender's stamp to the receiver's read (adds the receiver's own delay)
 * @param windowSeconds how long the step was measured: sending, then waiting for the outputs to drain
 * @param cpuSeconds    CPU seconds the gateway process used during the window
 * @param otherCpuSeconds CPU seconds the rest of the machine used meanwhile (all cores, minus the gateway and the
 *                      load tool): other jobs competing for the cores
 */
public record StepResult(double targetMbps, double sentMbps, int outputs, long sent, long received, long outOfOrder,
                         double outPacketsPerSecond, long p50Ns, long p99Ns, long maxNs, long readP99Ns,
                         double windowSeconds,
                         double cpuSeconds, double otherCpuSeconds) {

    /** Cores the gateway kept busy on average over the window. */
    public double gatewayCores() {
        return windowSeconds <= 0 ? 0 : cpuSeconds / windowSeconds;
    }

    /** Cores other jobs kept busy on average over the window. */
    public double otherCores() {
        return windowSeconds <= 0 ? 0 : otherCpuSeconds / windowSeconds;
    }

    /** Gateway CPU time per packet delivered: the efficiency figure that does not depend on the rate reached. */
    public double cpuMicrosPerPacketOut() {
        return received == 0 ? 0 : cpuSeconds * 1e6 / received;
    }


    /** Packets expected on all outputs together. */
    public long expected() {
        return sent * outputs;
    }

    /** Share of expected packets that never arrived (0 when every packet reached every output). */
    public double lossRatio() {
        return expected() == 0 ? 1.0 : Math.max(0, expected() - received) / (double) expected();
    }

    /** True when the sender fell more than 3% short of the asked rate: the step says nothing about the gateway. */
    public boolean senderLimited() {
        return sentMbps < targetMbps * 0.97;
    }

    /** True when the loss ratio is at most {@code maxLossRatio} and the sender kept up. */
    public boolean lossless(double maxLossRatio) {
        return sent > 0 && lossRatio() <= maxLossRatio;
    }
}
