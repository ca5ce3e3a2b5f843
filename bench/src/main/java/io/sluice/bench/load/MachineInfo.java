package io.sluice.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine a run measured: cores, CPU model, kernel, JDK, GStreamer version, load average. */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** Cores available to this process. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The first "model name" of /proc/cpuinfo. */
    public static String cpuModel() {
        for (String line : readLines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    /** The running kernel's release. */
    public static String kernel() {
        String[] lines = readLines("/proc/sys/kernel/osrelease");
        return lines.length == 0 ? "unknown" : lines[0].trim();
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        String[] lines = readLines("/proc/loadavg");
        if (lines.length == 0) {
            return "unknown";
        }
        String[] fields = lines[0].split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** The 1-minute load average, or -1. */
    public static double loadAverage1m() {
        String[] lines = readLines("/proc/loadavg");
        return lines.length == 0 ? -1 : Double.parseDouble(lines[0].split(" ")[0]);
    }

    /** The first line {@code gst-launch-1.0 --version} prints, or why there is none. */
    public static String gstreamerVersion() {
        try {
            Process process = new ProcessBuilder("gst-launch-1.0", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(5, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.contains("GStreamer")).findFirst().orElse(out.trim()).trim();
        } catch (IOException e) {
            return "not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String[] readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).toArray(String[]::new);
        } catch (IOException e) {
            return new String[0];
        }
    }
}
