package io.sluice.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link LoadResults} as Markdown: the machine, the highest lossless rate per N and gateway (median of the
 * repeats, every repeat in brackets) with Sluice/GStreamer ratios, the latency measurement, and every step.
 */
public final class LoadReport {
    private LoadReport() {
    }

    /** The whole report. */
    public static String markdown(LoadResults results, String command) {
        LoadSettings s = results.settings();
        StringBuilder md = new StringBuilder();
        md.append("### Machine\n\n")
                .append(String.format(Locale.ROOT, "- %d cores (nproc), %s, kernel %s%n", MachineInfo.cores(),
                        MachineInfo.cpuModel(), MachineInfo.kernel()))
                .append("- JDK ").append(Runtime.version()).append(", ").append(MachineInfo.gstreamerVersion()).append('\n')
                .append("- load average (1/5/15 min) at start ").append(results.loadBefore()).append(", at end ")
                .append(results.loadAfter()).append(loadNote(results.loadBefore())).append('\n')
                .append("- sender, receiver and gateway share these cores; the receiver is one thread (epoll, recvmmsg)\n")
                .append(s.busyThreads() == 0 ? "" : String.format(Locale.ROOT, "- a busy host: %d threads spun "
                        + "beside the measurement the whole time (`--busy-threads %d`)%n", s.busyThreads(), s.busyThreads()))
                .append("- latency: the sender's CLOCK_REALTIME stamp to the datagram's arrival at the output socket ")
                .append("(the kernel's SO_TIMESTAMPNS receive timestamp); \"p99 as read\" is to the moment the ")
                .append("receiver's thread read it, which adds the receiver's own scheduling delay\n")
                .append("- command: `").append(command).append("`\n\n");
        md.append(String.format(Locale.ROOT, "### Highest lossless input rate (median of %d run(s), %d ms steps, "
                        + "lossless = loss ≤ %s%s)%n%n", s.repeats(), s.stepMs(), percent(s.maxLossRatio()),
                        s.confirmLoss() ? " in one of two tries" : ""))
                .append("| Outputs | Gateway | Mbit/s in: median [runs] | Packets/s out | Loss | Latency p50 / p99 / max (ms) "
                        + "| Gateway cores | CPU µs per packet out | Other jobs' cores | Sluice ÷ GStreamer (rate) |\n")
                .append("|---:|---|---|---:|---:|---|---:|---:|---:|---:|\n");
        for (int outputs : s.outputCounts()) {
            for (Gateway gateway : s.gateways()) {
                List<RateSearch.Outcome> runs = results.searches().get(gateway).getOrDefault(outputs, List.of());
                if (runs.isEmpty()) {
                    continue;
                }
                RateSearch.Outcome median = medianOutcome(runs);
                StepResult best = median.best();
                md.append("| ").append(outputs).append(" | ").append(gateway.displayName()).append(" | ")
                        .append(rateCell(median, runs)).append(" | ");
                if (best == null) {
                    md.append("– | – | – | – | – | – | ");
                } else {
                    md.append(String.format(Locale.ROOT, "%,.0f | %s | %s / %s / %s | %.2f | %.2f | %.2f | ",
                            best.outPacketsPerSecond(), percent(best.lossRatio()), ms(best.p50Ns()), ms(best.p99Ns()),
                            ms(best.maxNs()), best.gatewayCores(), best.cpuMicrosPerPacketOut(), best.otherCores()));
                }
                md.append(gateway == Gateway.SLUICE ? rateRatio(results, outputs) : "").append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%n### Latency added at %.0f Mbit/s × %d outputs, SmoothingLatency 0 "
                + "(median of %d run(s) of %d ms, each after %d ms at that rate)%n%n", s.latencyMbps(),
                s.latencyOutputs(), s.repeats(), s.latencyMs(), s.latencyWarmupMs()))
                .append("| Gateway | Mbit/s in | Packets/s out | Loss | p50 (ms) | p99 (ms) | max (ms) "
                        + "| p99 as read (ms) | Gateway cores | CPU µs per packet out | Other jobs' cores |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Gateway gateway : s.gateways()) {
            List<StepResult> runs = results.latencies().get(gateway);
            if (runs.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |%n",
                    gateway.displayName(), median(runs, StepResult::sentMbps), median(runs, StepResult::outPacketsPerSecond),
                    percent(median(runs, StepResult::lossRatio)), ms((long) median(runs, r -> r.p50Ns())),
                    ms((long) median(runs, r -> r.p99Ns())), ms((long) median(runs, r -> r.maxNs())),
                    ms((long) median(runs, r -> r.readP99Ns())),
                    median(runs, StepResult::gatewayCores), median(runs, StepResult::cpuMicrosPerPacketOut),
                    median(runs, StepResult::otherCores)));
        }
        List<StepResult> sluice = results.latencies().getOrDefault(Gateway.SLUICE, List.of());
        List<StepResult> gst = results.latencies().getOrDefault(Gateway.GSTREAMER, List.of());
        if (!sluice.isEmpty() && !gst.isEmpty()) {
            md.append(String.format(Locale.ROOT, "| Sluice ÷ GStreamer | | | | %s | %s | %s | %s | %s | %s | |%n",
                    ratio(median(sluice, r -> r.p50Ns()), median(gst, r -> r.p50Ns())),
                    ratio(median(sluice, r -> r.p99Ns()), median(gst, r -> r.p99Ns())),
                    ratio(median(sluice, r -> r.maxNs()), median(gst, r -> r.maxNs())),
                    ratio(median(sluice, r -> r.readP99Ns()), median(gst, r -> r.readP99Ns())),
                    ratio(median(sluice, StepResult::gatewayCores), median(gst, StepResult::gatewayCores)),
                    ratio(median(sluice, StepResult::cpuMicrosPerPacketOut), median(gst, StepResult::cpuMicrosPerPacketOut))));
        }
        md.append("\n<details><summary>Every step</summary>\n\n")
                .append("| Gateway | Outputs | Run | Mbit/s asked | Mbit/s sent | Packets/s out | Loss | p50 / p99 / max (ms) "
                        + "| Gateway CPU s | Gateway cores | Other jobs' cores |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (Gateway gateway : s.gateways()) {
            for (Map.Entry<Integer, List<RateSearch.Outcome>> entry : results.searches().get(gateway).entrySet()) {
                int run = 1;
                for (RateSearch.Outcome outcome : entry.getValue()) {
                    for (StepResult step : outcome.steps()) {
                        md.append(stepRow(gateway, entry.getKey(), run, step));
                    }
                    run++;
                }
            }
        }
        md.append("\n</details>\n");
        return md.toString();
    }

    private static String stepRow(Gateway gateway, int outputs, int run, StepResult step) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %,.0f | %s | %s / %s / %s | %.2f | %.2f | %.2f |%n",
                gateway.displayName(), outputs, run, step.targetMbps(), step.sentMbps(), step.outPacketsPerSecond(),
                percent(step.lossRatio()), ms(step.p50Ns()), ms(step.p99Ns()), ms(step.maxNs()), step.cpuSeconds(),
                step.gatewayCores(), step.otherCores());
    }

    private static String rateCell(RateSearch.Outcome median, List<RateSearch.Outcome> runs) {
        List<String> all = new ArrayList<>();
        for (RateSearch.Outcome run : runs) {
            all.add(String.format(Locale.ROOT, "%s%.0f", bound(run), run.highestLosslessMbps()));
        }
        return String.format(Locale.ROOT, "**%s%.0f** [%s]", bound(median), median.highestLosslessMbps(),
                String.join(", ", all));
    }

    /** "≥" when the search stopped before finding loss (sender limit or configured maximum). */
    private static String bound(RateSearch.Outcome outcome) {
        return outcome.senderLimited() || outcome.reachedMax() ? "≥" : "";
    }

    private static String rateRatio(LoadResults results, int outputs) {
        List<RateSearch.Outcome> sluice = results.searches().getOrDefault(Gateway.SLUICE, Map.of()).get(outputs);
        List<RateSearch.Outcome> gst = results.searches().getOrDefault(Gateway.GSTREAMER, Map.of()).get(outputs);
        if (sluice == null || gst == null || sluice.isEmpty() || gst.isEmpty()) {
            return "";
        }
        return ratio(medianOutcome(sluice).highestLosslessMbps(), medianOutcome(gst).highestLosslessMbps());
    }

    /** The repeat whose highest lossless rate is the median (the lower one of an even count). */
    static RateSearch.Outcome medianOutcome(List<RateSearch.Outcome> runs) {
        List<RateSearch.Outcome> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(RateSearch.Outcome::highestLosslessMbps));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The median of one measure over the repeats (the mean of the middle two of an even count). */
    static double median(List<StepResult> runs, ToDoubleFunction<StepResult> measure) {
        double[] values = runs.stream().mapToDouble(measure).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static String ratio(double sluice, double gst) {
        return gst <= 0 ? "–" : String.format(Locale.ROOT, "%.2f", sluice / gst);
    }

    /** Nanoseconds as milliseconds with three decimals, "–" when nothing was measured. */
    static String ms(long ns) {
        return ns < 0 ? "–" : String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    static String percent(double ratio) {
        return ratio == 0 ? "0" : String.format(Locale.ROOT, "%.4f%%", ratio * 100);
    }

    private static String loadNote(String loadBefore) {
        double oneMinute;
        try {
            oneMinute = Double.parseDouble(loadBefore.split(" ")[0]);
        } catch (NumberFormatException unknown) {
            return "";
        }
        return oneMinute >= 0.5 ? " (other jobs were running on the machine: read ratios, not absolute figures)" : "";
    }
}
