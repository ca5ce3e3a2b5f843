package io.sluice.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One whole measurement: for every repeat, every N and every gateway a fresh gateway process and a rate search;
 * then the latency measurement at {@code latencyMbps} × {@code latencyOutputs}. Gateways alternate inside each
 * repeat so background load on the machine falls on both alike.
 */
public final class LoadRun {
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final long WARMUP_MS = 2_000;
    private final LoadSettings settings;
    private final PrintStream progress;
    private final Map<Gateway, Map<Integer, List<RateSearch.Outcome>>> searches = new EnumMap<>(Gateway.class);
    private final Map<Gateway, List<StepResult>> latencies = new EnumMap<>(Gateway.class);

    public LoadRun(LoadSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        for (Gateway gateway : settings.gateways()) {
            searches.put(gateway, new LinkedHashMap<>());
            latencies.put(gateway, new ArrayList<>());
        }
    }

    /** Runs every search and latency measurement, printing one progress line per step. */
    public LoadResults run() {
        String loadBefore = MachineInfo.loadAverage();
        try (BusyThreads busy = BusyThreads.start(settings.busyThreads())) {
            measureEveryRepeat();
        }
        return new LoadResults(settings, searches, latencies, loadBefore, MachineInfo.loadAverage());
    }

    private void measureEveryRepeat() {
        for (int repeat = 1; repeat <= settings.repeats(); repeat++) {
            for (int outputs : settings.outputCounts()) {
                for (Gateway gateway : settings.gateways()) {
                    progress.printf(Locale.ROOT, "# run %d/%d: %s, %d output(s), rate search%n",
                            repeat, settings.repeats(), gateway.displayName(), outputs);
                    searches.get(gateway).computeIfAbsent(outputs, _ -> new ArrayList<>()).add(search(gateway, outputs));
                }
            }
            for (Gateway gateway : settings.gateways()) {
                progress.printf(Locale.ROOT, "# run %d/%d: %s, latency at %.0f Mbit/s x %d%n", repeat,
                        settings.repeats(), gateway.displayName(), settings.latencyMbps(), settings.latencyOutputs());
                latencies.get(gateway).add(latency(gateway));
            }
        }
    }

    private RateSearch.Outcome search(Gateway gateway, int outputs) {
        double startMbps = Math.max(5, settings.startMbps() / Math.pow(outputs, 0.75));
        try (StepRunner runner = start(gateway, outputs)) {
            report(runner.run(Math.min(startMbps / 2, 50), WARMUP_MS), "warm-up");
            return RateSearch.search(mbps -> report(runner.run(mbps, settings.stepMs()), "step"),
                    startMbps, settings.maxMbps(), settings.maxSteps(), settings.maxLossRatio(), settings.confirmLoss());
        }
    }

    private StepResult latency(Gateway gateway) {
        try (StepRunner runner = start(gateway, settings.latencyOutputs())) {
            report(runner.run(settings.latencyMbps(), settings.latencyWarmupMs()), "warm-up");
            return report(runner.run(settings.latencyMbps(), settings.latencyMs()), "latency");
        }
    }

    /**
     * Starts {@code gateway} on a fresh receiver and waits until it delivers. The ingest port is found free a moment
     * before the gateway binds it, so another socket can take it in between (GStreamer's own sender socket once did):
     * a start that fails because its port is in use is tried again on another port, up to 3 times.
     */
    private StepRunner start(Gateway gateway, int outputs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(gateway, outputs);
            } catch (IllegalStateException e) {
                if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("already in use")) {
                    throw e;
                }
                progress.printf(Locale.ROOT, "  %s could not bind its ingest port (in use): trying another%n",
                        gateway.displayName());
            }
        }
    }

    private StepRunner startOnce(Gateway gateway, int outputs) {
        FanOutReceiver receiver = new FanOutReceiver(settings.host(), outputs);
        GatewayProcess process = null;
        StepRunner runner = null;
        try {
            int ingestPort = freeUdpPort(settings.host());
            String name = gateway.name().toLowerCase(Locale.ROOT) + "-" + outputs;
            process = GatewayProcess.start(gateway.displayName(),
                    gateway.command(settings, ingestPort, receiver.ports(), settings.workDir()),
                    settings.workDir().resolve(name + ".log"));
            runner = new StepRunner(settings.host(), ingestPort, receiver, process, outputs);
            runner.awaitReady(READY_TIMEOUT_MS);
            return runner;
        } catch (IOException | RuntimeException e) {
            if (runner != null) {
                runner.close(); // stops the gateway and the receiver too
            } else {
                if (process != null) {
                    process.close();
                }
                receiver.close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start " + gateway.displayName(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private StepResult report(StepResult step, String kind) {
        progress.printf(Locale.ROOT, "  %-7s %8.1f Mbit/s asked, %8.1f sent, %9.0f pkt/s out, loss %.4f%%, "
                        + "p50/p99/max %s/%s/%s ms (p99 as read %s), gateway %.2f cores, others %.2f cores%n", kind, step.targetMbps(), step.sentMbps(),
                step.outPacketsPerSecond(), step.lossRatio() * 100, LoadReport.ms(step.p50Ns()),
                LoadReport.ms(step.p99Ns()), LoadReport.ms(step.maxNs()), LoadReport.ms(step.readP99Ns()), step.gatewayCores(),
                step.otherCores());
        return step;
    }

    /** A UDP port nobody uses right now (bound and released; the gateway binds it a moment later). */
    static int freeUdpPort(String host) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    static void ensureDirectory(java.nio.file.Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
