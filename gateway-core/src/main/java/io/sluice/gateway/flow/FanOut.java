package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;

/**
 * The last stage before the outputs. Two kinds of output:
 * <ul>
 *   <li>those that take whole batches ({@link Output#takesBatches()}, the plain {@code rtp}/{@code udp} outputs):
 *       the fan-out keeps one reference to each packet in a {@link PacketBatch} and, at the end of the read batch,
 *       hands the batch to each of them; they read it (natively: one GSO send or one sendmmsg per socket) and the
 *       fan-out then releases each packet once. Nothing is done per packet and output;</li>
 *   <li>the others (smoothing, FEC, SRT, RIST, entitlements) get their own {@code retainedDuplicate()} of each packet
 *       (shared bytes, own indexes; recycled wrappers on the loop's thread, so no allocation) through
 *       {@link Output#offer}. The rtp-based ones (smoothing, rtp-fec) send what they hold natively too, through
 *       {@code UdpPacketSender} (GSO or sendmmsg from the duplicates, each released once after the send); SRT, RIST
 *       and entitlements, and every output on NIO, write through Netty. Netty's leak detector must stay off on this
 *       path ({@code NettyTuning}): a tracked packet makes every duplicate of it record a stack trace.</li>
 * </ul>
 * At the end of a read batch every output flushes once. A batch that fills up ({@value PacketBatch#CAPACITY} packets)
 * is sent at once. An output that throws is contained and counted. The output array is replaced whole
 * (copy-on-write) by the flow on its loop; never mutated in place.
 */
public final class FanOut implements PacketSink {
    private static final Output[] NONE = new Output[0];
    private final PacketBatch batch = new PacketBatch();
    private Output[] outputs = NONE;
    private Output[] packetOutputs = NONE;
    private Output[] batchOutputs = NONE;
    private long outputFaults;

    /** Replaces the outputs; call on the loop with an array nobody else mutates. */
    public void outputs(Output[] replacement) {
        int batched = 0;
        for (Output output : replacement) {
            batched += output.takesBatches() ? 1 : 0;
        }
        Output[] byBatch = new Output[batched];
        Output[] byPacket = new Output[replacement.length - batched];
        int b = 0;
        int p = 0;
        for (Output output : replacement) {
            if (output.takesBatches()) {
                byBatch[b++] = output;
            } else {
                byPacket[p++] = output;
            }
        }
        outputs = replacement;
        packetOutputs = byPacket;
        batchOutputs = byBatch;
    }

    public Output[] outputs() {
        return outputs;
    }

    /**
     * Takes ownership of one reference to {@code rtpPacket}: each per-packet output gets (and owns) a retained
     * duplicate, and the batch keeps the reference for the batch outputs (or it is released when there are none).
     */
    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        Output[] targets = packetOutputs;
        boolean kept = false;
        try {
            for (int i = 0; i < targets.length; i++) {
                ByteBuf duplicate = rtpPacket.retainedDuplicate();
                try {
                    targets[i].offer(duplicate, arrivalNs);
                } catch (RuntimeException e) {
                    outputFaults++;       // an output broke its contract; the others still get the packet
                }
            }
            if (batchOutputs.length > 0) {
                batch.add(rtpPacket, arrivalNs);
                kept = true;
                if (batch.isFull()) {
                    sendBatch();
                }
            }
        } finally {
            if (!kept) {
                rtpPacket.release();
            }
        }
    }

    @Override
    public void onBatchComplete() {
        sendBatch();
        Output[] targets = outputs;
        for (int i = 0; i < targets.length; i++) {
            try {
                targets[i].flush();
            } catch (RuntimeException e) {
                outputFaults++;
            }
        }
    }

    private void sendBatch() {
        if (batch.size() == 0) {
            return;
        }
        Output[] targets = batchOutputs;
        try {
            for (int i = 0; i < targets.length; i++) {
                try {
                    targets[i].sendBatch(batch);
                } catch (RuntimeException e) {
                    outputFaults++;
                }
            }
        } finally {
            batch.clear();
        }
    }

    /** Releases packets held for a batch that will not complete (the flow is stopping). */
    public void discardBatch() {
        batch.clear();
    }

    /** Exceptions outputs threw (a bug in an output; each is contained). */
    public long outputFaults() {
        return outputFaults;
    }
}
