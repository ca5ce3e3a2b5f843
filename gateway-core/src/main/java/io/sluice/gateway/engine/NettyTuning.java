package io.sluice.gateway.engine;

/**
 * Netty settings the engine's zero-allocation fan-out depends on, applied before Netty's {@code Recycler} class
 * is first used (a user's own {@code -D} wins).
 *
 * <p>{@code io.netty.recycler.chunkSize=1024}: each fan-out holds one pooled duplicate (and one outbound-buffer
 * entry) per output and packet until the batch is flushed, i.e. up to 50 × 16 = 800 recycled objects at once.
 * With Netty's default chunk of 32 the overflow goes through a chunked MPSC queue that allocates a new chunk
 * each time it refills: FanOutBenchmark measured 456 B per packet at 50 outputs with the default and 0 B with
 * 1024. Recycling only happens on Netty's own {@code FastThreadLocalThread}s, which the event loops are.
 */
public final class NettyTuning {
    public static final String RECYCLER_CHUNK_SIZE = "io.netty.recycler.chunkSize";

    private NettyTuning() {}

    /** Sets the defaults that are not set yet; call before any pooled buffer is made. Idempotent. */
    public static void apply() {
        if (System.getProperty(RECYCLER_CHUNK_SIZE) == null) {
            System.setProperty(RECYCLER_CHUNK_SIZE, "1024");
        }
    }
}
