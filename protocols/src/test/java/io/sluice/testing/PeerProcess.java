package io.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real peer program (ffmpeg, srt-live-transmit, ristsender, gst-launch-1.0 ...) started by a test.
 * Its stdout and stderr go to a log file that {@link #log()} reads. {@link #close()} stops it and every process it
 * started (SIGTERM, then SIGKILL after two seconds), so use it in try-with-resources.
 * Every peer is started under {@code timeout}, so even a crashed test JVM cannot leave it running for long.
 */
public final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;

    private PeerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with a hard limit of {@code maxLifetime}, after which the OS kills it. */
    public static PeerProcess start(Duration maxLifetime, String... command) {
        return start(maxLifetime, List.of(command));
    }

    public static PeerProcess start(Duration maxLifetime, List<String> command) {
        requireTool(command.getFirst());
        List<String> bounded = new ArrayList<>();
        bounded.add("timeout");
        bounded.add("--kill-after=2");
        bounded.add(Long.toString(Math.max(1, maxLifetime.toSeconds())));
        bounded.addAll(command);
        try {
            Path log = Files.createTempFile("sluice-peer-" + Path.of(command.getFirst()).getFileName(), ".log");
            Process process = new ProcessBuilder(bounded)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new PeerProcess(String.join(" ", command), process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** Fails with the install hint when a peer program is not on the PATH (bin/test installs them). */
    public static void requireTool(String tool) {
        if (tool.contains("/")) {
            return;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new IllegalStateException(tool + " is not installed: run bin/install-peers (as root) or bin/test");
    }

    /** Runs a command to completion within {@code limit} and returns its combined output; fails on a non-zero exit. */
    public static String run(Duration limit, String... command) {
        try (PeerProcess peer = start(limit, command)) {
            int exit = peer.waitFor(limit.plusSeconds(3));
            String out = peer.log();
            if (exit != 0) {
                throw new AssertionError(peer.name + " exited " + exit + ":\n" + out);
            }
            return out;
        }
    }

    /** Waits for the process to end, returns its exit code, or -1 if it is still running after {@code limit}. */
    public int waitFor(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls the log until {@code condition} holds or {@code limit} passes; returns whether it held. */
    public boolean awaitLog(Predicate<String> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.test(log())) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.test(log());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGKILL to the peer and its children at once (to simulate a crash). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (waitFor(Duration.ofSeconds(2)) < 0 || children.stream().anyMatch(ProcessHandle::isAlive)) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
