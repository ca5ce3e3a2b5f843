package io.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks briefly under {@link GCProfiler} and reports those that allocate 1 B/op or more.
 * Benchmarks are discovered from the {@code META-INF/BenchmarkList} files JMH's annotation processor writes into
 * target/classes, so every benchmark added to the bench module is guarded without editing the guard.
 * Each benchmark class runs in one fork of 3 × 300 ms warm-up (enough for C2 and its escape analysis on a tiny
 * method) and 2 × 300 ms measurement; a benchmark over the limit is measured again with longer iterations before it
 * counts ({@link #confirm}). Netty's leak detector is off (its sampling records stack traces, which
 * would be charged to the benchmark) and each JMH log in target/allocation-guard/.
 */
final class AllocationGuard {
    /** gc.alloc.rate.norm at or above this fails. */
    static final double LIMIT_BYTES_PER_OP = 1.0;
    /** Parameter combinations run per class when it has no {@link AllocationGuardParams}: more runs the last values. */
    static final int MAX_DEFAULT_COMBINATIONS = 3;
    private static final long SHORT_ITERATION_MS = 300;
    private static final Path LOG_DIR = Path.of("target", "allocation-guard");

    /** One benchmark method with one parameter combination, and what it allocated. */
    record Measured(String benchmark, Map<String, String> params, double bytesPerOp, double nsPerOp) {
        boolean allocates() {
            return !(bytesPerOp < LIMIT_BYTES_PER_OP);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s%s: %.1f B/op (%.1f ns/op)", benchmark,
                    params.isEmpty() ? "" : params, bytesPerOp, nsPerOp);
        }
    }

    private AllocationGuard() {
    }

    /** Every benchmark class on the class path, with the {@code @Param} values each declares, by class name. */
    static Map<String, Map<String, List<String>>> discover() {
        Map<String, Map<String, List<String>>> classes = new TreeMap<>();
        try {
            Enumeration<URL> lists = AllocationGuard.class.getClassLoader().getResources(BenchmarkList.BENCHMARK_LIST.substring(1));
            while (lists.hasMoreElements()) {
                try (InputStream in = lists.nextElement().openStream()) {
                    for (BenchmarkListEntry entry : BenchmarkList.readBenchmarkList(in)) {
                        Map<String, List<String>> params = classes.computeIfAbsent(entry.getUserClassQName(),
                                _ -> new LinkedHashMap<>());
                        if (entry.getParams().hasValue()) {
                            entry.getParams().get().forEach((name, values) -> params.put(name, List.of(values)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH's benchmark lists", e);
        }
        return classes;
    }

    /** Why {@code className} is exempt, or null if it is guarded. */
    static String exemption(String className) {
        AllocationExempt exempt = load(className).getAnnotation(AllocationExempt.class);
        return exempt == null ? null : exempt.reason();
    }

    /** The parameter values the guard uses for a class (see {@link AllocationGuardParams}). */
    static Map<String, List<String>> guardParams(String className, Map<String, List<String>> declared) {
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        long combinations = 1;
        for (List<String> values : declared.values()) {
            combinations *= Math.max(1, values.size());
        }
        for (Map.Entry<String, List<String>> param : declared.entrySet()) {
            List<String> values = param.getValue();
            if (combinations > MAX_DEFAULT_COMBINATIONS && values.size() > 1) {
                chosen.put(param.getKey(), List.of(values.getLast()));
            }
        }
        AllocationGuardParams override = load(className).getAnnotation(AllocationGuardParams.class);
        if (override != null) {
            for (String entry : override.value()) {
                int eq = entry.indexOf('=');
                if (eq <= 0 || !declared.containsKey(entry.substring(0, eq).trim())) {
                    throw new IllegalArgumentException(className + ": @AllocationGuardParams entry \"" + entry
                            + "\" is not name=value[,value...] for one of its @Param fields " + declared.keySet());
                }
                chosen.put(entry.substring(0, eq).trim(), Arrays.stream(entry.substring(eq + 1).split(","))
                        .map(String::trim).toList());
            }
        }
        return chosen;
    }

    /** Runs every non-exempt benchmark method of {@code className} and returns what each allocated. */
    static List<Measured> measure(String className, Map<String, List<String>> params) {
        return measure(className, "^" + Pattern.quote(className) + "\\.", params, SHORT_ITERATION_MS);
    }

    /**
     * Runs one flagged benchmark again with iterations five times longer. JMH's own bookkeeping allocates a few kB
     * per iteration, which a benchmark of 10 µs/op sees as ~0.5 B/op in a 300 ms iteration; a real per-operation
     * allocation stays when the iteration grows, that overhead shrinks.
     */
    static Measured confirm(Measured flagged) {
        String className = flagged.benchmark().substring(0, flagged.benchmark().lastIndexOf('.'));
        Map<String, List<String>> params = new LinkedHashMap<>();
        flagged.params().forEach((name, value) -> params.put(name, List.of(value)));
        List<Measured> again = measure(className, "^" + Pattern.quote(flagged.benchmark()) + "$", params,
                SHORT_ITERATION_MS * 5);
        if (again.size() != 1) {
            throw new IllegalStateException("re-running " + flagged + " gave " + again);
        }
        return again.getFirst();
    }

    private static List<Measured> measure(String className, String include, Map<String, List<String>> params,
                                          long iterationMs) {
        Class<?> type = load(className);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .mode(Mode.AverageTime)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.milliseconds(iterationMs))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(iterationMs))
                .timeout(TimeValue.seconds(60))
                .jvmArgs("-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                        "-Dio.netty.leakDetection.level=disabled")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .output(logFile(className).toString());
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(AllocationExempt.class)) {
                options.exclude("^" + Pattern.quote(className + "." + method.getName()) + "$");
            }
        }
        params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        // Bytes per operation do not depend on other JMH runs on the machine (timings would): skip JMH's
        // one-run-per-machine lock rather than fail when another developer's or helper's benchmark holds it.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException(className + " did not run; JMH's log: " + logFile(className).toAbsolutePath(), e);
        }
        List<Measured> measured = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (norm == null) {
                throw new IllegalStateException(result.getParams().getBenchmark()
                        + " has no gc.alloc.rate.norm: GCProfiler needs a HotSpot JVM with allocation counters");
            }
            Map<String, String> values = new TreeMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                values.put(key, result.getParams().getParam(key));
            }
            measured.add(new Measured(result.getParams().getBenchmark(), values, norm.getScore(),
                    result.getPrimaryResult().getScore()));
        }
        return measured;
    }

    private static Path logFile(String className) {
        try {
            Files.createDirectories(LOG_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LOG_DIR.resolve(className + ".log");
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, AllocationGuard.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JMH lists " + className + " but it is not on the class path", e);
        }
    }
}
