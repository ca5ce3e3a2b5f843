package io.sluice.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** A program that fans one UDP input out to N loopback ports, measured by the load tool. */
public enum Gateway {
    /** Sluice in its own JVM from the built jar: {@code java -jar sluice.jar run FLOW.json}. */
    SLUICE("Sluice"),
    /**
     * GStreamer's UDP fan-out: {@code udpsrc ! multiudpsink} with sync=false async=false (a live pass-through; with
     * sync the sink waits for a clock, see shared/reference/protocols.md) and 4 MiB socket buffers both ways.
     */
    GSTREAMER("GStreamer");

    private final String displayName;

    Gateway(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses a command-line name: {@code sluice} or {@code gstreamer}. */
    public static Gateway fromArgument(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "sluice" -> SLUICE;
            case "gstreamer", "gst" -> GSTREAMER;
            default -> throw new IllegalArgumentException("unknown gateway \"" + name + "\" (expected sluice or gstreamer)");
        };
    }

    /** The command that runs this gateway from {@code ingestPort} to {@code outputPorts}; writes files into {@code dir}. */
    public List<String> command(LoadSettings settings, int ingestPort, int[] outputPorts, Path dir) throws java.io.IOException {
        String host = settings.host();
        List<String> command = new ArrayList<>();
        switch (this) {
            case SLUICE -> {
                Path flow = dir.resolve("load-flow-" + outputPorts.length + ".json");
                Files.writeString(flow, LoadFlow.json(host, ingestPort, outputPorts));
                command.add(settings.java().toString());
                command.add("--enable-native-access=ALL-UNNAMED");
                command.addAll(settings.sluiceJvmOptions());
                command.add("-jar");
                command.add(settings.sluiceJar().toString());
                command.add("run");
                command.add(flow.toString());
            }
            case GSTREAMER -> {
                StringJoiner clients = new StringJoiner(",");
                for (int port : outputPorts) {
                    clients.add(host + ":" + port);
                }
                command.addAll(List.of("gst-launch-1.0", "-q",
                        "udpsrc", "address=" + host, "port=" + ingestPort, "buffer-size=" + (4 << 20),
                        "!", "multiudpsink", "clients=" + clients, "sync=false", "async=false",
                        "buffer-size=" + (4 << 20)));
            }
        }
        return command;
    }
}
