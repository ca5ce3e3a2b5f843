package io.sluice.protocols.srt;

import io.netty.buffer.ByteBuf;

/** Receives the RTP packets built from one SRT connection's messages, on the event loop that drains it. */
public interface SrtPacketHandler {

    /** One packet; takes ownership of one reference to {@code rtpPacket}. */
    void onPacket(ByteBuf rtpPacket, long arrivalNs);

    /** The end of one drain batch. */
    void onBatchComplete();

    /** The connection broke (peer gone, idle timeout, closed); {@code reason} is safe to log. */
    void onBroken(int socket, String reason);
}
