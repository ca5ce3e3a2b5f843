package io.sluice.protocols.rtp;

import io.netty.buffer.ByteBuf;

/**
 * What a received UDP datagram carries: RTP, plain MPEG-TS, or neither. The two cannot be confused: an RTP header
 * starts with version 2 (first byte 0b10xxxxxx, 0x80 for MPEG-TS senders), a TS packet with the sync byte 0x47
 * (ISO/IEC 13818-1 §2.4.3.2), which would be RTP version 1.
 */
public enum DatagramFormat {
    RTP,
    MPEG_TS,
    UNKNOWN;

    public static final int TS_PACKET_BYTES = 188;
    public static final int TS_SYNC_BYTE = 0x47;

    /** Classifies the readable bytes of {@code datagram} without moving its indexes. */
    public static DatagramFormat of(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length == 0) {
            return UNKNOWN;
        }
        int first = datagram.getUnsignedByte(start);
        if ((first >>> 6) == 2) {
            return length >= RtpView.FIXED_HEADER_BYTES ? RTP : UNKNOWN;
        }
        if (first == TS_SYNC_BYTE && length % TS_PACKET_BYTES == 0) {
            for (int offset = TS_PACKET_BYTES; offset < length; offset += TS_PACKET_BYTES) {
                if (datagram.getUnsignedByte(start + offset) != TS_SYNC_BYTE) {
                    return UNKNOWN;
                }
            }
            return MPEG_TS;
        }
        return UNKNOWN;
    }
}
