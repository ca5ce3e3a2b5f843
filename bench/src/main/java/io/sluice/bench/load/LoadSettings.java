package io.sluice.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * How a load run is shaped. Defaults (see {@link LoadMain}) keep one full run under about 15 minutes.
 *
 * @param host             loopback address everything binds to and sends to
 * @param java             the JDK 25 {@code java} that runs Sluice
 * @param sluiceJar        {@code gateway-core/target/sluice.jar}
 * @param sluiceJvmOptions extra JVM options for Sluice (from {@code SLUICE_JAVA_OPTS})
 * @param gateways         what to measure, in order
 * @param outputCounts     the N values of the search (1, 10, 50)
 * @param repeats          searches per gateway and N; the report gives medians
 * @param stepMs           sending time of one step
 * @param maxSteps         steps per search after the first (bounds the time)
 * @param startMbps        first rate of a search at 1 output; at N outputs it starts at startMbps / N (min 5)
 * @param maxMbps          the search never asks for more than this
 * @param maxLossRatio     a step is lossless when its loss ratio is at most this (0: not one packet lost)
 * @param confirmLoss      repeat a lossy step once before believing it (see {@link RateSearch})
 * @param latencyMbps      input rate of the latency measurement
 * @param latencyOutputs   outputs of the latency measurement
 * @param latencyMs        sending time of one latency measurement
 * @param latencyWarmupMs  sending time at the latency rate before it is measured: a gateway runs for days, so its
 *                         latency is measured after its JIT compiler has finished with the packet path
 * @param busyThreads      threads that spin in the load tool's process during the whole run (a busy host)
 * @param workDir          where flow files and gateway logs go
 */
public record LoadSettings(String host, Path java, Path sluiceJar, List<String> sluiceJvmOptions,
                           List<Gateway> gateways, List<Integer> outputCounts, int repeats, long stepMs,
                           int maxSteps, double startMbps, double maxMbps, double maxLossRatio, boolean confirmLoss,
                           double latencyMbps, int latencyOutputs, long latencyMs, long latencyWarmupMs,
                           int busyThreads, Path workDir) {
    public LoadSettings {
        sluiceJvmOptions = List.copyOf(sluiceJvmOptions);
        gateways = List.copyOf(gateways);
        outputCounts = List.copyOf(outputCounts);
        if (busyThreads < 0) {
            throw new IllegalArgumentException("busy threads " + busyThreads + " (expected 0 or more)");
        }
        if (repeats < 1 || stepMs < 200 || maxSteps < 1 || startMbps <= 0 || maxMbps < startMbps) {
            throw new IllegalArgumentException("load settings out of range: repeats " + repeats + " (≥ 1), step "
                    + stepMs + " ms (≥ 200), steps " + maxSteps + " (≥ 1), start " + startMbps + " Mbit/s (> 0, ≤ max "
                    + maxMbps + ")");
        }
    }
}
