package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;

/**
 * The last stage before the outputs: every output gets its own {@code retainedDuplicate()} of each packet (shared
 * bytes, own indexes; recycled wrappers on the loop's thread, so no allocation), and the fan-out releases its own
 * reference once. At the end of a read batch every output flushes once, so epoll sends each output's batch in one
 * sendmmsg. The output array is replaced whole (copy-on-write) by the flow on its loop; never mutated in place.
 */
public final class FanOut implements PacketSink {
    private static final Output[] NONE = new Output[0];
    private Output[] outputs = NONE;
    private long outputFaults;

    /** Replaces the outputs; call on the loop with an array nobody else mutates. */
    public void outputs(Output[] replacement) {
        outputs = replacement;
    }

    public Output[] outputs() {
        return outputs;
    }

    /** Takes ownership of one reference to {@code rtpPacket}; each output gets (and owns) a retained duplicate. */
    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        Output[] targets = outputs;
        try {
            for (int i = 0; i < targets.length; i++) {
                ByteBuf duplicate = rtpPacket.retainedDuplicate();
                try {
                    targets[i].offer(duplicate, arrivalNs);
                } catch (RuntimeException e) {
                    outputFaults++;       // an output broke its contract; the others still get the packet
                }
            }
        } finally {
            rtpPacket.release();
        }
    }

    @Override
    public void onBatchComplete() {
        Output[] targets = outputs;
        for (int i = 0; i < targets.length; i++) {
            try {
                targets[i].flush();
            } catch (RuntimeException e) {
                outputFaults++;
            }
        }
    }

    /** Exceptions outputs threw (a bug in an output; each is contained). */
    public long outputFaults() {
        return outputFaults;
    }
}
