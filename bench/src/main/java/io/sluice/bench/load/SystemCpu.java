package io.sluice.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine has been busy (all cores, everything but idle and iowait), from the first line of
 * {@code /proc/stat} (proc(5), in 1/100 s). Minus the gateway's and the load tool's own time it shows how much
 * other jobs took from the cores during a step: the noise behind a figure.
 */
public final class SystemCpu {
    private SystemCpu() {
    }

    /** Busy CPU seconds of all cores together since boot. */
    public static double busySeconds() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            return parseBusySeconds(lines.findFirst().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat (Linux only)", e);
        }
    }

    /** Parses the aggregate {@code cpu  user nice system idle iowait irq softirq steal ...} line. */
    static double parseBusySeconds(String cpuLine) {
        String[] fields = cpuLine.trim().split(" +");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long busy = 0;
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy / ProcessCpu.TICKS_PER_SECOND;
    }
}
