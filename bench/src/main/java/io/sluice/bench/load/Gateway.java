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
    GSTREAMER("GStreamer"),
    /**
     * The floor: {@code udp-relay.c} (a resource next to this class), compiled with the machine's {@code gcc -O2}
     * into the work directory, reads batches with recvmmsg and sends each to every output with one sendmmsg on that output's
     * connected socket (Sluice's shape in 100 lines of C, nothing else). Not in the default comparison; it shows
     * what the machine itself allows, e.g. the latency that no gateway here gets under.
     */
    C_RELAY("C relay");


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
            case "c-relay", "relay" -> C_RELAY;
            default -> throw new IllegalArgumentException("unknown gateway \"" + name
                    + "\" (expected sluice, gstreamer or c-relay)");
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
            case C_RELAY -> {
                StringJoiner ports = new StringJoiner(",");
                for (int port : outputPorts) {
                    ports.add(Integer.toString(port));
                }
                command.addAll(List.of(compileRelay(dir).toString(), host, Integer.toString(ingestPort),
                        ports.toString()));
            }
        }
        return command;
    }

    /** Compiles the C relay into {@code dir} once (gcc is on every machine that builds Sluice's tests). */
    private static Path compileRelay(Path dir) throws java.io.IOException {
        Path binary = dir.resolve("udp-relay");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path source = dir.resolve("udp-relay.c");
        try (var in = Gateway.class.getResourceAsStream("udp-relay.c")) {
            if (in == null) {
                throw new java.io.IOException("udp-relay.c is missing from the load tool's jar");
            }
            Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (gcc.waitFor() != 0) {
                throw new java.io.IOException("gcc could not build the C relay:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while compiling the C relay", e);
        }
        return binary;
    }
}
