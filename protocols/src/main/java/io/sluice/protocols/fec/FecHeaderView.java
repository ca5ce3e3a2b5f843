package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.rtp.RtpView;

/**
 * One SMPTE 2022-1 FEC packet (RTP header, FEC header, XOR payload), read in place. One view per handler, re-wrapped
 * for each packet; it never owns, retains or releases the buffer.
 *
 * <pre>
 *  RTP header of the FEC stream (12 bytes): V=2, P/X/CC/M are recovery bits (XOR of the protected packets'
 *  bits, RFC 2733), PT = the FEC payload type, seq = the FEC stream's own counter, SSRC 0.
 *
 *  FEC header (16 bytes, protocols.md §2.3):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      SNBase low bits          |        Length recovery        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |E| PT recovery |                    Mask (0)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          TS recovery                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |N|D|type |index|    Offset     |      NA       |SNBase ext bits|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  then the payload: XOR of the protected packets' bytes after their 12-byte fixed header, zero-padded.
 * </pre>
 *
 * Protected set: {@code SNBase + i * Offset} for {@code i = 0 .. NA-1} (mod 2^16). Column FEC: D=0, Offset=L, NA=D
 * (rows); row FEC: D=1, Offset=1, NA=L.
 */
public final class FecHeaderView {
    /** RTP fixed header plus FEC header. */
    public static final int HEADERS_BYTES = RtpView.FIXED_HEADER_BYTES + 16;
    /** The only FEC type 2022-1 defines: XOR. */
    public static final int TYPE_XOR = 0;

    private ByteBuf buf;
    private int start;
    private int end;

    /** Views {@code packet} from its reader index to its writer index. */
    public FecHeaderView wrap(ByteBuf packet) {
        this.buf = packet;
        this.start = packet.readerIndex();
        this.end = packet.writerIndex();
        return this;
    }

    /**
     * True when the packet can be used: RTP version 2, both headers fit, at least one payload byte, E=1, XOR type,
     * Offset and NA not zero. Check before reading anything else.
     */
    public boolean isValid() {
        return end - start > HEADERS_BYTES
                && (buf.getUnsignedByte(start) >>> 6) == 2
                && extensionFlag()
                && type() == TYPE_XOR
                && offset() > 0
                && count() > 0;
    }

    /** The viewed buffer (not owned). */
    public ByteBuf buffer()        { return buf; }
    /** First byte of the FEC packet's RTP header: V, and the P/X/CC recovery bits in the low 6 bits. */
    public int rtpByte0()          { return buf.getUnsignedByte(start); }
    /** The marker recovery bit (0x80) of the FEC packet's RTP header. */
    public int markerRecovery()    { return buf.getUnsignedByte(start + 1) & 0x80; }
    /** The FEC stream's own sequence number (not used for matching, protocols.md §2.6). */
    public int fecSequenceNumber() { return buf.getUnsignedShort(start + 2); }
    public int snBase()            { return buf.getUnsignedShort(start + 12); }
    public int lengthRecovery()    { return buf.getUnsignedShort(start + 14); }
    public boolean extensionFlag() { return (buf.getByte(start + 16) & 0x80) != 0; }
    public int ptRecovery()        { return buf.getByte(start + 16) & 0x7F; }
    public long tsRecovery()       { return buf.getUnsignedInt(start + 20); }
    /** True for the row (second) FEC stream, false for the column (first) stream: the D bit. */
    public boolean isRow()         { return (buf.getByte(start + 24) & 0x40) != 0; }
    public int type()              { return (buf.getUnsignedByte(start + 24) >>> 3) & 0x07; }
    public int offset()            { return buf.getUnsignedByte(start + 25); }
    /** NA: how many media packets this FEC packet protects. */
    public int count()             { return buf.getUnsignedByte(start + 26); }
    public int snBaseExtension()   { return buf.getUnsignedByte(start + 27); }
    /** Absolute index of the first payload byte. */
    public int payloadIndex()      { return start + HEADERS_BYTES; }
    public int payloadLength()     { return end - start - HEADERS_BYTES; }

    /**
     * Writes both headers at {@code out}'s writer index.
     *
     * @param rtpRecoveryByte0 XOR of the protected packets' first bytes (only the low 6 bits, P/X/CC, are kept)
     * @param markerRecovery   XOR of the protected packets' marker bits, as 0 or 0x80
     */
    public static void writeHeaders(ByteBuf out, int rtpRecoveryByte0, int markerRecovery, int fecPayloadType,
                                    int fecSequenceNumber, long timestamp, int snBase, int lengthRecovery,
                                    int ptRecovery, long tsRecovery, boolean row, int offset, int count) {
        out.writeByte(0x80 | (rtpRecoveryByte0 & 0x3F));
        out.writeByte((markerRecovery & 0x80) | (fecPayloadType & 0x7F));
        out.writeShort(fecSequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt(0);                                    // SSRC 0, as ffmpeg and GStreamer send
        out.writeShort(snBase);
        out.writeShort(lengthRecovery);
        out.writeByte(0x80 | (ptRecovery & 0x7F));          // E=1: the 2022-1 extended header
        out.writeMedium(0);                                 // mask, unused in 2022-1
        out.writeInt((int) tsRecovery);
        out.writeByte(row ? 0x40 : 0);                      // N=0, D, type=XOR, index=0
        out.writeByte(offset);
        out.writeByte(count);
        out.writeByte(0);                                   // SNBase ext bits
    }
}
