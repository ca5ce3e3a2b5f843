package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.PeerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The load tool end to end against the real C relay (compiled from the jar by gcc), at a low rate and with short steps. */
class CRelayLoadIT {

    @Test
    @Timeout(120)
    void measuresTheCRelayFanningOutToThreePorts(@TempDir Path workDir) {
        PeerProcess.requireTool("gcc");
        LoadSettings settings = new LoadSettings("127.0.0.1", Path.of("java"), Path.of("unused.jar"), List.of(),
                List.of(Gateway.C_RELAY), List.of(3), 1, 1000, 2, 8, 100, 0, false, 5, 3, 1000, 1000, 0, workDir);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        LoadResults results = new LoadRun(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        RateSearch.Outcome search = results.searches().get(Gateway.C_RELAY).get(3).getFirst();
        assertThat(search.steps()).hasSize(2);
        assertThat(search.best()).as("a few Mbit/s to three ports is lossless").isNotNull();
        StepResult latency = results.latencies().get(Gateway.C_RELAY).getFirst();
        assertThat(latency.sent()).isPositive();
        assertThat(latency.received()).isGreaterThan(latency.expected() * 9 / 10);
        assertThat(latency.p99Ns()).isPositive().isGreaterThanOrEqualTo(latency.p50Ns());
        assertThat(latency.cpuSeconds()).as("the relay's CPU time, from /proc").isPositive();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("C relay, 3 output(s)");
        assertThat(LoadReport.markdown(results, "test")).contains("| 3 | C relay | **").contains("| C relay | 5.0 |");
        assertThat(Files.exists(workDir.resolve("c_relay-3.log"))).isTrue();
    }
}
