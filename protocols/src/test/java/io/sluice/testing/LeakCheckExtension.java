package io.sluice.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when any ByteBuf it allocated was garbage-collected without being released.
 * Registered for every test class through JUnit's extension auto-detection (META-INF/services); tests run with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        check(context.getDisplayName());
    }

    /** Collects garbage, makes Netty report what it found, and throws when any buffer leaked. */
    public static void check(String scope) throws InterruptedException {
        if (!"io.sluice.testing.RecordingLeakDetector".equals(System.getProperty("io.netty.customResourceLeakDetector"))) {
            return; // run without the recording detector (e.g. from an IDE): nothing to check
        }
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            pollDetectors(); // Netty reports collected leaks only when a new buffer is tracked
        }
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) detected after " + scope
                    + ":\n" + String.join("\n\n", leaks));
        }
    }

    private static void pollDetectors() {
        for (ByteBufAllocator allocator : new ByteBufAllocator[] {
                PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT, ByteBufAllocator.DEFAULT}) {
            allocator.directBuffer(8).release();
            allocator.heapBuffer(8).release();
        }
    }
}
