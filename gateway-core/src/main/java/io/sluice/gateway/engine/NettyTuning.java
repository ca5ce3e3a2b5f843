package io.sluice.gateway.engine;

/**
 * Netty settings the engine's zero-allocation packet path depends on, applied before Netty's {@code Recycler} and
 * {@code ResourceLeakDetector} classes are first used (a user's own {@code -D} wins).
 *
 * <p>{@code io.netty.recycler.chunkSize=1024}: each fan-out holds one pooled duplicate (and one outbound-buffer
 * entry) per output and packet until the batch is flushed, i.e. up to 50 × 16 = 800 recycled objects at once.
 * With Netty's default chunk of 32 the overflow goes through a chunked MPSC queue that allocates a new chunk
 * each time it refills: FanOutBenchmark measured 456 B per packet at 50 outputs with the default and 0 B with
 * 1024. Recycling only happens on Netty's own {@code FastThreadLocalThread}s, which the event loops are.
 *
 * <p>{@code io.netty.leakDetection.level=disabled}: Netty's default ({@code simple}) tracks one pooled buffer in
 * 128, and every buffer derived from a tracked one (each output's {@code retainedDuplicate()}) is tracked too, each
 * with a captured stack trace of about 1.5 kB. One received packet in 128 thus costs a stack trace per output:
 * FanOutToSocketsBenchmark measured 98.6 B per packet at 1 output and kilobytes at 50 in the runs where one of its
 * template packets happened to be sampled, 0.1 B in the others (docs/performance.md). Tests run the detector at
 * {@code paranoid} with their own {@code -D}; to hunt a leak in a gateway, start it with
 * {@code -Dio.netty.leakDetection.level=simple} (or higher) in {@code SLUICE_JAVA_OPTS}.
 */
public final class NettyTuning {
    public static final String RECYCLER_CHUNK_SIZE = "io.netty.recycler.chunkSize";
    public static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";
    /** Netty's older name for the same setting, still read by Netty. */
    private static final String LEAK_DETECTION_LEVEL_OLD = "io.netty.leakDetectionLevel";

    private NettyTuning() {}

    /** Sets the defaults that are not set yet; call before any pooled buffer is made. Idempotent. */
    public static void apply() {
        if (System.getProperty(RECYCLER_CHUNK_SIZE) == null) {
            System.setProperty(RECYCLER_CHUNK_SIZE, "1024");
        }
        if (System.getProperty(LEAK_DETECTION_LEVEL) == null && System.getProperty(LEAK_DETECTION_LEVEL_OLD) == null) {
            System.setProperty(LEAK_DETECTION_LEVEL, "disabled");
        }
    }
}
