package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The allocation guard: every JMH benchmark in the bench module must allocate less than 1 B/op
 * (gc.alloc.rate.norm), unless it is {@link AllocationExempt}. Runs in {@code bin/test}; about 3 s per benchmark
 * method and parameter combination. See docs/performance.md.
 */
class AllocationGuardTest {

    @Test
    @Timeout(900)
    void noBenchmarkAllocatesPerOperation() {
        Map<String, Map<String, List<String>>> benchmarks = AllocationGuard.discover();
        assertThat(benchmarks).as("benchmarks found in META-INF/BenchmarkList").containsKey(RtpViewBenchmark.class.getName());
        List<AllocationGuard.Measured> measured = new ArrayList<>();
        benchmarks.forEach((className, declared) -> {
            String reason = AllocationGuard.exemption(className);
            if (reason != null) {
                System.out.println("allocation guard: skips " + className + " (exempt: " + reason + ")");
                return;
            }
            for (AllocationGuard.Measured result : AllocationGuard.measure(className,
                    AllocationGuard.guardParams(className, declared))) {
                System.out.println("allocation guard: " + result);
                if (result.allocates()) {
                    result = AllocationGuard.confirm(result);
                    System.out.println("allocation guard: measured again with longer iterations: " + result);
                }
                measured.add(result);
            }
        });

        assertThat(measured).as("the zero-allocation benchmark of the guard itself ran")
                .anyMatch(m -> m.benchmark().startsWith(RtpViewBenchmark.class.getName()));
        assertThat(measured.stream().filter(AllocationGuard.Measured::allocates).map(Object::toString).toList())
                .as("benchmarks allocating ≥ %.0f B/op (fix the hot path, or mark a benchmark that allocates by design "
                        + "@AllocationExempt(reason = ...))", AllocationGuard.LIMIT_BYTES_PER_OP)
                .isEmpty();
    }

    @Test
    @Timeout(300)
    void flagsABenchmarkThatAllocates() {
        String className = DeliberatelyAllocatingBenchmark.class.getName();
        assertThat(AllocationGuard.exemption(className)).contains("allocates by design");

        List<AllocationGuard.Measured> measured = AllocationGuard.measure(className, Map.of());

        assertThat(measured).singleElement().satisfies(m -> {
            assertThat(m.allocates()).isTrue();
            assertThat(m.bytesPerOp()).as("a 1328-byte array and its header").isGreaterThanOrEqualTo(1328);
            assertThat(m.toString()).startsWith(className + ".copyPacketToHeap: ");
            assertThat(AllocationGuard.confirm(m).allocates()).as("still allocating when measured longer").isTrue();
        });
    }

    @Test
    void runsEveryCombinationOfFewParamsAndTheLastValueOfEachOtherwise() {
        String className = RtpViewBenchmark.class.getName();
        assertThat(AllocationGuard.guardParams(className, Map.of("outputs", List.of("1", "10", "50"))))
                .as("three combinations: all of them").isEmpty();
        assertThat(AllocationGuard.guardParams(className,
                Map.of("outputs", List.of("1", "10", "50"), "payloadBytes", List.of("188", "1316"))))
                .isEqualTo(Map.of("outputs", List.of("50"), "payloadBytes", List.of("1316")));
    }
}
