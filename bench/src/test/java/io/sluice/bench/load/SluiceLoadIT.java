package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool end to end against Sluice itself: the built jar in its own JVM, a generated three-output flow, a low
 * rate and short steps. The reactor packages gateway-core before bench's integration tests run.
 */
class SluiceLoadIT {
    private static final Path JAR = Path.of("..", "gateway-core", "target", "sluice.jar").toAbsolutePath().normalize();

    @Test
    @Timeout(180)
    void measuresSluiceFanningOutToThreePorts(@TempDir Path workDir) {
        assertThat(JAR).as("built by ./mvnw -pl bench -am verify (gateway-core is packaged first)").isRegularFile();
        LoadSettings settings = new LoadSettings("127.0.0.1", Path.of(System.getProperty("java.home"), "bin", "java"),
                JAR, List.of("-Xmx256m"), List.of(Gateway.SLUICE), List.of(3), 1, 1000, 2, 8, 100, 0, false, 5, 3,
                1000, 1000, 0, workDir);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        LoadResults results = new LoadRun(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        RateSearch.Outcome search = results.searches().get(Gateway.SLUICE).get(3).getFirst();
        assertThat(search.steps()).hasSize(2);
        assertThat(search.best()).as("a few Mbit/s to three ports is lossless").isNotNull();
        StepResult latency = results.latencies().get(Gateway.SLUICE).getFirst();
        assertThat(latency.received()).isGreaterThan(latency.expected() * 9 / 10);
        assertThat(latency.outOfOrder()).isZero();
        assertThat(latency.p99Ns()).isPositive().isGreaterThanOrEqualTo(latency.p50Ns());
        assertThat(latency.cpuSeconds()).as("the Sluice JVM's CPU time, from /proc").isPositive();
        assertThat(LoadReport.markdown(results, "test")).contains("| 3 | Sluice | **");
        assertThat(workDir.resolve("load-flow-3.json")).isRegularFile();
        assertThat(Files.exists(workDir.resolve("sluice-3.log"))).isTrue();
    }
}
