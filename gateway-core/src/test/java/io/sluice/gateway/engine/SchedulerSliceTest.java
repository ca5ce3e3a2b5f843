package io.sluice.gateway.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The flow loops' scheduler slice, read back from the kernel's own per-thread scheduler file. */
class SchedulerSliceTest {
    private static final Path OWN_SCHED = Path.of("/proc/thread-self/sched");

    @Test
    void aFlowLoopThreadRunsWithTheShortSlice() throws Exception {
        assumeTrue(sliceOfThisThread() > 0, "this kernel does not show se.slice (EEVDF custom slices: Linux 6.12+)");
        CompletableFuture<Long> slice = new CompletableFuture<>();
        Thread loop = new FlowThreadFactory(SchedulerSlice.DEFAULT_SLICE_MICROS).newThread(() -> {
            try {
                slice.complete(sliceOfThisThread());
            } catch (IOException e) {
                slice.completeExceptionally(e);
            }
        });
        assertThat(loop).isInstanceOf(io.netty.util.concurrent.FastThreadLocalThread.class);
        loop.start();
        assertThat(slice.get(10, TimeUnit.SECONDS)).isEqualTo(100_000L);
    }

    @Test
    void zeroKeepsTheKernelsDefaultAndOtherThreadsAreUntouched() throws Exception {
        long before = sliceOfThisThread();
        assumeTrue(before > 0, "this kernel does not show se.slice");
        CompletableFuture<Long> slice = new CompletableFuture<>();
        Thread loop = new FlowThreadFactory(0).newThread(() -> {
            try {
                slice.complete(sliceOfThisThread());
            } catch (IOException e) {
                slice.completeExceptionally(e);
            }
        });
        loop.start();
        assertThat(slice.get(10, TimeUnit.SECONDS)).isEqualTo(before);
        assertThat(sliceOfThisThread()).as("the calling thread is not changed").isEqualTo(before);
    }

    @Test
    void aBadSettingIsRefusedWithWhatIsExpected() {
        String previous = System.getProperty("sluice.sched.sliceMicros");
        try {
            System.setProperty("sluice.sched.sliceMicros", "20");
            assertThatThrownBy(SchedulerSlice::configuredMicros).hasMessageContaining("-Dsluice.sched.sliceMicros=20")
                    .hasMessageContaining("100 to 100000");
            System.setProperty("sluice.sched.sliceMicros", "250");
            assertThat(SchedulerSlice.configuredMicros()).isEqualTo(250);
        } finally {
            if (previous == null) {
                System.clearProperty("sluice.sched.sliceMicros");
            } else {
                System.setProperty("sluice.sched.sliceMicros", previous);
            }
        }
        assertThatThrownBy(() -> io.sluice.gateway.engine.Gateway.builder().schedulerSliceMicros(50))
                .hasMessageContaining("expected 0, or 100 to 100000");
    }

    /** se.slice of the calling thread in ns, or -1 when the kernel does not show it. */
    private static long sliceOfThisThread() throws IOException {
        if (!Files.isReadable(OWN_SCHED)) {
            return -1;
        }
        for (String line : Files.readAllLines(OWN_SCHED)) {
            if (line.startsWith("se.slice")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return -1;
    }
}
