package io.sluice.bench.engine;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's benchmark threads as Netty {@code FastThreadLocalThread}s, like the event loops that run flows in
 * production: Netty 4.2 recycles pooled-buffer wrappers and outbound entries only on such threads, so on JMH's
 * plain threads every duplicate would be garbage that production never makes. Selected in the fork with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.sluice.bench.engine.FastThreadExecutor}.
 */
public final class FastThreadExecutor extends ThreadPoolExecutor {
    public FastThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
