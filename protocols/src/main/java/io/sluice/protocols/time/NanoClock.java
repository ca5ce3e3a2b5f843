package io.sluice.protocols.time;

/**
 * Monotonic time in nanoseconds, injected everywhere a packet path needs "now", so tests can step time exactly.
 * Compare deadlines with {@code deadlineNs - nowNs <= 0}, never with {@code <} on raw values (wrap-safe).
 */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
