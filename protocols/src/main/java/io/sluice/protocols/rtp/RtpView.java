package io.sluice.protocols.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The RTP fixed header (RFC 3550 §5.1), read in place from a ByteBuf. One view per handler, re-wrapped for each
 * packet; it never owns, retains or releases the buffer.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             SSRC                              |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            CSRC list (CC x 32 bits), extension (if X)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtpView {
    public static final int FIXED_HEADER_BYTES = 12;
    public static final int PAYLOAD_TYPE_MP2T = 33;

    private ByteBuf buf;
    private int start;
    private int end;

    /** Views {@code packet} from its reader index to its writer index. */
    public RtpView wrap(ByteBuf packet) {
        this.buf = packet;
        this.start = packet.readerIndex();
        this.end = packet.writerIndex();
        return this;
    }

    /**
     * True when the viewed bytes are a well-formed RTP packet: version 2, the header (with CSRCs and extension) fits,
     * and padding, if flagged, is consistent. Check before reading anything else.
     */
    public boolean isValid() {
        int length = end - start;
        if (length < FIXED_HEADER_BYTES || version() != 2) {
            return false;
        }
        int payloadOffset = payloadOffsetUnchecked();
        if (payloadOffset < 0 || payloadOffset > length) {
            return false;
        }
        if (hasPadding()) {
            int padding = buf.getUnsignedByte(end - 1);
            return padding > 0 && payloadOffset + padding <= length;
        }
        return true;
    }

    public int version()           { return buf.getUnsignedByte(start) >>> 6; }
    public boolean hasPadding()    { return (buf.getByte(start) & 0x20) != 0; }
    public boolean hasExtension()  { return (buf.getByte(start) & 0x10) != 0; }
    public int csrcCount()         { return buf.getByte(start) & 0x0F; }
    public boolean marker()        { return (buf.getByte(start + 1) & 0x80) != 0; }
    public int payloadType()       { return buf.getByte(start + 1) & 0x7F; }
    public int sequenceNumber()    { return buf.getUnsignedShort(start + 2); }
    public long timestamp()        { return buf.getUnsignedInt(start + 4); }
    public long ssrc()             { return buf.getUnsignedInt(start + 8); }

    /** Absolute index in the buffer where the payload starts. Only after {@link #isValid()}. */
    public int payloadIndex() {
        return start + payloadOffsetUnchecked();
    }

    /** Payload length without padding. Only after {@link #isValid()}. */
    public int payloadLength() {
        int padding = hasPadding() ? buf.getUnsignedByte(end - 1) : 0;
        return end - start - payloadOffsetUnchecked() - padding;
    }

    /** Header length in bytes (fixed header, CSRCs, extension), or -1 when the extension header does not fit. */
    public int headerLength() {
        return payloadOffsetUnchecked();
    }

    private int payloadOffsetUnchecked() {
        int offset = FIXED_HEADER_BYTES + 4 * csrcCount();
        if (hasExtension()) {
            if (end - start < offset + 4) {
                return -1;
            }
            offset += 4 + 4 * buf.getUnsignedShort(start + offset + 2);
        }
        return offset;
    }

    /** Writes a 12-byte RTP header (V=2, no padding, extension or CSRC) at the buffer's writer index. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }
}
