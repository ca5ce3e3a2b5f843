package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/** Where a RIST receiver delivers recovered RTP packets, in sequence order, on its event loop. */
public interface RistPacketSink {
    /** Takes ownership of {@code rtpPacket} (one complete RTP packet between reader and writer index). */
    void onPacket(ByteBuf rtpPacket, long releaseNs);

    /** Called after a run of {@link #onPacket} calls, so outputs can flush once. */
    void onBatchComplete();
}
