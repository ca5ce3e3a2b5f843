package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void addsUserAndSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (gst (launch) 1) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 5 0 100 "
                + "1000000 500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.parseSeconds(stat)).isEqualTo(3.25);
    }

    @Test
    void rejectsALineWithoutACommandName() {
        assertThatThrownBy(() -> ProcessCpu.parseSeconds("garbage")).hasMessageContaining("no ')'");
    }

    @Test
    void readsThisProcessesOwnCpuTime() {
        long pid = ProcessHandle.current().pid();
        double before = ProcessCpu.seconds(pid);
        long spin = 0;
        long endNs = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < endNs) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        assertThat(spin).isNotNegative();
        assertThat(ProcessCpu.seconds(pid)).isGreaterThan(before);
    }
}
