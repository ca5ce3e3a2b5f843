package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadMainTest {

    @Test
    void theReportedCommandRunsAgainAsGiven() {
        assertThat(LoadMain.commandLine(new String[] {"--outputs", "", "--busy-threads", "2", "--out", "my results.md"}))
                .isEqualTo("bin/sluice-load --outputs '' --busy-threads 2 --out 'my results.md'");
        assertThat(LoadMain.commandLine(new String[] {"--gateways", "sluice,c-relay", "--host=127.0.0.1"}))
                .isEqualTo("bin/sluice-load --gateways sluice,c-relay --host=127.0.0.1");
        assertThat(LoadMain.commandLine(new String[] {"it's"})).isEqualTo("bin/sluice-load 'it'\\''s'");
    }

    @Test
    void anEmptyOutputListMeansLatencyOnlyAndBusyThreadsAreRead() {
        LoadSettings settings = LoadMain.settings(LoadMain.parse(new String[] {"--outputs", "", "--busy-threads", "2"}),
                Path.of("/tmp"));
        assertThat(settings.outputCounts()).isEmpty();
        assertThat(settings.busyThreads()).isEqualTo(2);
        assertThat(settings.latencyWarmupMs()).isEqualTo(5000);
    }
}
