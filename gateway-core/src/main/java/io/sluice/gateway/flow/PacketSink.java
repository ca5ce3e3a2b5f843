package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;

/**
 * The flow's ingest stage, as a source sees it. Called on the flow's event loop only.
 *
 * <p>The unit that travels through a flow is one complete RTP packet (RFC 3550 header of 12+ bytes, then the
 * MPEG-TS payload, normally 7 x 188 bytes). Sources of other formats (plain UDP TS, SRT payloads) put an RTP header
 * in front before they deliver, so buffers, merge, FEC and outputs all read one format through an RtpView.
 */
public interface PacketSink {

    /**
     * Hands over one packet. Takes ownership of one reference to {@code rtpPacket}: the sink forwards or releases it.
     *
     * @param arrivalNs when the packet arrived, from the flow's {@code NanoClock}
     */
    void onPacket(ByteBuf rtpPacket, long arrivalNs);

    /** The end of one read batch: outputs flush now, so a batch leaves in one sendmmsg per socket. */
    void onBatchComplete();
}
