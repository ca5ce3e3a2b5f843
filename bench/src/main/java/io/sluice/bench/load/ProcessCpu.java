package io.sluice.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used (user + system, all its threads), from {@code /proc/PID/stat} (proc(5): fields 14
 * utime and 15 stime, in clock ticks of 1/100 s on Linux/x86-64). The gateway runs in its own process so this
 * counts its work alone, not the load tool's sender and receiver.
 */
public final class ProcessCpu {
    /** USER_HZ: the kernel reports times to user space in 1/100 s on every mainstream architecture. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU the process {@code pid} has used so far. */
    public static double seconds(long pid) {
        try {
            return parseSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid
                    + " from /proc (Linux only; did the process exit?)", e);
        }
    }

    /** Parses a {@code /proc/PID/stat} line; the command name (field 2) may hold spaces and parentheses. */
    static double parseSeconds(String stat) {
        int afterName = stat.lastIndexOf(')');
        if (afterName < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line (no ')' after the command name): " + stat);
        }
        // After "pid (comm) " the fields start at field 3 (state); utime and stime are fields 14 and 15.
        String[] fields = stat.substring(afterName + 2).trim().split(" +");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) / TICKS_PER_SECOND;
    }
}
