package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SystemCpuTest {

    @Test
    void countsEverythingButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(SystemCpu.parseBusySeconds("cpu  100 20 30 9000 500 4 6 40 0 0")).isEqualTo(2.0);
    }

    @Test
    void rejectsAPerCoreLine() {
        assertThatThrownBy(() -> SystemCpu.parseBusySeconds("cpu0 1 2 3 4 5 6 7 8")).hasMessageContaining("aggregate");
    }

    @Test
    void theMachineHasBeenBusy() {
        assertThat(SystemCpu.busySeconds()).isPositive();
    }
}
