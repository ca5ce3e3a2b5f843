package io.sluice.bench.load;

import java.util.List;
import java.util.Map;

/**
 * Everything a {@link LoadRun} measured.
 *
 * @param settings    how it ran
 * @param searches    per gateway, per N: one rate search per repeat
 * @param latencies   per gateway: one latency step per repeat
 * @param loadBefore  load average when the run started
 * @param loadAfter   load average when it ended
 */
public record LoadResults(LoadSettings settings, Map<Gateway, Map<Integer, List<RateSearch.Outcome>>> searches,
                          Map<Gateway, List<StepResult>> latencies, String loadBefore, String loadAfter) {
}
