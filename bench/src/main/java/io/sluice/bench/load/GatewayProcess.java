package io.sluice.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway, started directly (no wrapper, no shell) so {@link #pid()} is the process doing the work and
 * {@link #cpuSeconds()} counts exactly its threads. Output goes to a log file; {@link #close()} sends SIGTERM, then
 * SIGKILL after three seconds. A shutdown hook stops it if the load tool itself is interrupted.
 */
public final class GatewayProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private GatewayProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code command}, logging to {@code log}. */
    public static GatewayProcess start(String name, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new GatewayProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU seconds used so far (user + system). */
    public double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    /** The last {@code maxChars} characters of the gateway's output, for error messages. */
    public String logTail(int maxChars) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Fails with the gateway's log when it has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; its log ("
                    + log + "):\n" + logTail(4000));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: nothing to undo
        }
    }
}
