package io.sluice.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that only spin, to measure the gateways on a busy host ({@code --busy-threads N}): each is always
 * runnable, at normal priority, so the gateway, the sender and the receiver share the cores with them as with any
 * other program. They live in the load tool's process, so their CPU time is not counted as the gateway's.
 */
final class BusyThreads implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private BusyThreads(int count) {
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofPlatform().name("sluice-load-busy-" + i).daemon().start(this::spin));
        }
    }

    /** Starts {@code count} spinning threads (0: none). */
    static BusyThreads start(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("--busy-threads " + count + " (expected 0 or more)");
        }
        return new BusyThreads(count);
    }

    private void spin() {
        long sink = 0;
        while (running) {
            sink += System.nanoTime() & 1;   // real work the JIT cannot remove, no memory traffic
        }
        if (sink == 42) {
            Thread.yield();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
