package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static StepResult step(double mbps, int outputs, long p99Ns) {
        long sent = 1000;
        return new StepResult(mbps, mbps, outputs, sent, sent * outputs, 0, sent * outputs / 3.0, p99Ns / 2, p99Ns,
                p99Ns * 2, p99Ns * 3, 3.0, 0.9, 0.3);
    }

    private static RateSearch.Outcome outcome(double bestMbps, int outputs) {
        return new RateSearch.Outcome(List.of(step(bestMbps, outputs, 1_000_000)), step(bestMbps, outputs, 1_000_000),
                false, false);
    }

    private static LoadSettings settings() {
        return new LoadSettings("127.0.0.1", Path.of("java"), Path.of("sluice.jar"), List.of(),
                List.of(Gateway.SLUICE, Gateway.GSTREAMER), List.of(50), 3, 3000, 7, 400, 3000, 0, true, 20, 50, 5000, 5000, 2,
                Path.of("/tmp"));
    }

    @Test
    void givesTheMedianOfTheRepeatsAndTheRatio() {
        Map<Gateway, Map<Integer, List<RateSearch.Outcome>>> searches = new EnumMap<>(Gateway.class);
        searches.put(Gateway.SLUICE, Map.of(50, List.of(outcome(90, 50), outcome(60, 50), outcome(75, 50))));
        searches.put(Gateway.GSTREAMER, Map.of(50, List.of(outcome(50, 50), outcome(45, 50), outcome(55, 50))));
        Map<Gateway, List<StepResult>> latencies = new EnumMap<>(Gateway.class);
        latencies.put(Gateway.SLUICE, new ArrayList<>(List.of(step(20, 50, 400_000), step(20, 50, 600_000),
                step(20, 50, 500_000))));
        latencies.put(Gateway.GSTREAMER, List.of(step(20, 50, 1_000_000)));
        String md = LoadReport.markdown(new LoadResults(settings(), searches, latencies, "0.10 0.2 0.3", "1 1 1"),
                "bin/sluice-load");

        assertThat(md).contains("| 50 | Sluice | **75** [90, 60, 75] |")
                .contains("| 50 | GStreamer | **50** [50, 45, 55] |")
                .contains("| 1.50 |")
                .contains("| Sluice | 20.0 | ")
                .contains("| 0.250 | 0.500 | 1.000 | 1.500 |")
                .contains("| Sluice ÷ GStreamer | | | | 0.50 | 0.50 | 0.50 | 0.50 | 1.00 | 1.00 | |")
                .contains("command: `bin/sluice-load`")
                .contains("- a busy host: 2 threads spun beside the measurement the whole time (`--busy-threads 2`)")
                .doesNotContain("other jobs were running");
    }

    @Test
    void medianOfAnEvenCountIsTheLowerMiddleRun() {
        assertThat(LoadReport.medianOutcome(List.of(outcome(10, 1), outcome(40, 1), outcome(20, 1), outcome(30, 1)))
                .highestLosslessMbps()).isEqualTo(20);
    }

    @Test
    void flowFileIsAValidCreateFlowRequestWithFiftyOutputs() {
        int[] ports = new int[50];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = 20_000 + 2 * i;
        }
        io.sluice.config.FlowConfig flow = io.sluice.config.FlowConfigs.read(LoadFlow.json("127.0.0.1", 19_000, ports));
        assertThat(flow.sources()).singleElement().satisfies(source -> assertThat(source.ingestPort()).isEqualTo(19_000));
        assertThat(flow.outputs()).hasSize(50).allSatisfy(output -> {
            assertThat(output.smoothingLatency()).isZero();
            assertThat(output.destination()).isEqualTo("127.0.0.1");
        });
        assertThat(flow.outputs().get(49).port()).isEqualTo(20_098);
    }

    @Test
    void flowFileHasOneRtpOutputPerPortWithSmoothingLatencyZero() {
        String json = LoadFlow.json("127.0.0.1", 5000, new int[] {6000, 6002});
        assertThat(json).contains("\"IngestPort\": 5000", "\"Protocol\": \"rtp\"", "\"Port\": 6000", "\"Port\": 6002",
                "\"SmoothingLatency\": 0", "\"WhitelistCidr\": \"127.0.0.0/8\"");
    }
}
