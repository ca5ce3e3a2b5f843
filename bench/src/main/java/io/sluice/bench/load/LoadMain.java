package io.sluice.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end load tool: {@code bin/sluice-load [--option value ...]}. Progress goes to stderr, the Markdown
 * report to stdout (and to {@code --out FILE}). Run {@code bin/sluice-load --help} for the options.
 */
public final class LoadMain {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("gateways", "sluice,gstreamer");
        DEFAULTS.put("outputs", "1,10,50");
        DEFAULTS.put("repeats", "3");
        DEFAULTS.put("step-ms", "3000");
        DEFAULTS.put("max-steps", "7");
        DEFAULTS.put("start-mbps", "400");
        DEFAULTS.put("max-mbps", "3000");
        DEFAULTS.put("max-loss-percent", "0");
        DEFAULTS.put("confirm-loss", "true");
        DEFAULTS.put("latency-mbps", "20");
        DEFAULTS.put("latency-outputs", "50");
        DEFAULTS.put("latency-ms", "5000");
        DEFAULTS.put("latency-warmup-ms", "5000");
        DEFAULTS.put("busy-threads", "0");
        DEFAULTS.put("host", "127.0.0.1");
        DEFAULTS.put("sluice-jar", "gateway-core/target/sluice.jar");
        DEFAULTS.put("work-dir", "");
        DEFAULTS.put("out", "");
    }

    private LoadMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        if (options == null) {
            System.out.println(usage());
            return;
        }
        Path workDir = options.get("work-dir").isEmpty()
                ? Files.createTempDirectory("sluice-load-") : Path.of(options.get("work-dir"));
        LoadRun.ensureDirectory(workDir);
        LoadSettings settings = settings(options, workDir);
        if (settings.gateways().contains(Gateway.SLUICE) && !Files.isRegularFile(settings.sluiceJar())) {
            throw new IllegalArgumentException("--sluice-jar " + settings.sluiceJar()
                    + " does not exist: build it with ./mvnw -B -ntp -DskipTests -pl gateway-core -am package");
        }
        System.err.println("# sluice-load " + Instant.now() + ", logs and flow files in " + workDir);
        LoadResults results = new LoadRun(settings, System.err).run();
        String markdown = LoadReport.markdown(results, commandLine(args));
        System.out.println(markdown);
        if (!options.get("out").isEmpty()) {
            Files.writeString(Path.of(options.get("out")), markdown, StandardCharsets.UTF_8);
        }
    }

    /** The command as a shell would take it again: empty arguments and ones with spaces or quotes are quoted. */
    static String commandLine(String[] args) {
        StringBuilder line = new StringBuilder("bin/sluice-load");
        for (String arg : args) {
            line.append(' ');
            if (arg.isEmpty() || !arg.matches("[A-Za-z0-9_./:=,@%+-]+")) {
                line.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            } else {
                line.append(arg);
            }
        }
        return line.toString();
    }

    static LoadSettings settings(Map<String, String> o, Path workDir) {
        List<Gateway> gateways = new ArrayList<>();
        for (String name : o.get("gateways").split(",")) {
            gateways.add(Gateway.fromArgument(name));
        }
        List<Integer> outputs = Arrays.stream(o.get("outputs").split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).map(Integer::valueOf).toList();
        String javaOptions = System.getenv().getOrDefault("SLUICE_JAVA_OPTS", "").trim();
        return new LoadSettings(o.get("host"), Path.of(System.getProperty("java.home"), "bin", "java"),
                Path.of(o.get("sluice-jar")).toAbsolutePath(),
                javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")), gateways, outputs,
                Integer.parseInt(o.get("repeats")), Long.parseLong(o.get("step-ms")),
                Integer.parseInt(o.get("max-steps")), Double.parseDouble(o.get("start-mbps")),
                Double.parseDouble(o.get("max-mbps")), Double.parseDouble(o.get("max-loss-percent")) / 100,
                Boolean.parseBoolean(o.get("confirm-loss")),
                Double.parseDouble(o.get("latency-mbps")), Integer.parseInt(o.get("latency-outputs")),
                Long.parseLong(o.get("latency-ms")), Long.parseLong(o.get("latency-warmup-ms")),
                Integer.parseInt(o.get("busy-threads")), workDir);
    }

    /** The options with defaults filled in, or null when help was asked for. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + ": missing value (expected --name value; --help lists them)");
            }
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException(arg + ": unknown option (expected one of --"
                        + String.join(", --", DEFAULTS.keySet()) + ")");
            }
            options.put(name, value);
        }
        return options;
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("""
                bin/sluice-load: Sluice vs GStreamer UDP fan-out on loopback (1 RTP source -> N outputs).
                For each N, finds the highest lossless input rate of each gateway (doubling, then bisecting),
                then measures latency at --latency-mbps x --latency-outputs. Markdown report on stdout.
                Options (default):
                """);
        DEFAULTS.forEach((name, value) -> usage.append("  --").append(name).append(" (")
                .append(value.isEmpty() ? "none" : value).append(")\n"));
        return usage.append("--outputs '' skips the rate searches (latency only).\n")
                .append("--busy-threads N spins N threads beside the measurement the whole time (a busy host).\n")
                .append("Environment: SLUICE_JAVA_OPTS adds JVM options to the Sluice process.").toString();
    }
}
