package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The TR-06-2 RTP header extension (§8.3, protocols.md §4.9): 32-bit sequence numbers and null packet deletion.
 * <pre>
 *  0                   1                   2                   3
 * |    0x52 (R)   |    0x49 (I)   |          Length = 1           |
 * |N|E| Size|0 0 0|T|  NPD bits   |   Sequence Number Extension   |
 * </pre>
 * N: NPD bits valid; E: the high 16 bits of the sequence number are valid; Size: TS packets in the original payload
 * (0 = present + deleted); T: 204-byte TS packets; NPD bits: MSB = first TS slot, 1 = a null packet was removed there.
 * librist 0.2.7 sends it with {@code -n} (N only, never E); Sluice's sender can send E.
 *
 * <p>A receiver takes the extension off before a packet enters the flow: RTP downstream is plain RTP (PT 33) with
 * the deleted null packets back in place, so it is the same stream the sender was given.
 */
public final class RistRtpExtension {
    public static final int PROFILE = 0x5249;
    /** Bytes the extension adds to an RTP header. */
    public static final int BYTES = 8;
    private static final int FLAG_N = 0x80;
    private static final int FLAG_E = 0x40;
    private static final int TS_BYTES = 188;
    private static final int TS_204_BYTES = 204;
    private static final int NPD_SLOTS = 7;

    private RistRtpExtension() {}

    /**
     * Index of the extension's flags byte in the RTP packet at {@code buf}'s reader index (already validated), or -1
     * when it has no RIST extension.
     */
    public static int find(ByteBuf buf) {
        int start = buf.readerIndex();
        int first = buf.getUnsignedByte(start);
        if ((first & 0x10) == 0) {
            return -1;
        }
        int at = start + 12 + 4 * (first & 0x0F);
        if (buf.getUnsignedShort(at) != PROFILE || buf.getUnsignedShort(at + 2) < 1) {
            return -1;
        }
        return at + 4;
    }

    public static boolean hasSequenceExtension(ByteBuf buf, int flags) {
        return (buf.getUnsignedByte(flags) & FLAG_E) != 0;
    }

    /** The 32-bit sequence number: the extension's high 16 bits and the RTP header's 16. */
    public static long sequence32(ByteBuf buf, int flags) {
        return ((long) buf.getUnsignedShort(flags + 2) << 16) | buf.getUnsignedShort(buf.readerIndex() + 2);
    }

    /** Whether null packets were deleted from this packet's payload (N set and at least one NPD bit). */
    public static boolean hasDeletedNulls(ByteBuf buf, int flags) {
        return (buf.getUnsignedByte(flags) & FLAG_N) != 0 && (buf.getUnsignedByte(flags + 1) & 0x7F) != 0;
    }

    /**
     * Takes the extension out in place: moves the fixed header and CSRCs up over it and clears X, so the packet now
     * starts {@code 4 + 4 x length} bytes later. Does not take the buffer.
     */
    public static void strip(ByteBuf buf, int flags) {
        int start = buf.readerIndex();
        int extensionStart = flags - 4;
        int extensionBytes = 4 + 4 * buf.getUnsignedShort(extensionStart + 2);
        for (int i = extensionStart - start - 1; i >= 0; i--) { // overlapping move, back to front
            buf.setByte(start + extensionBytes + i, buf.getByte(start + i));
        }
        int newStart = start + extensionBytes;
        buf.setByte(newStart, buf.getByte(newStart) & ~0x10);
        buf.readerIndex(newStart);
    }

    /**
     * A new packet (from {@code alloc}; the caller owns it) with {@code buf}'s RTP header without the extension and
     * padding, and its payload with the deleted null packets back in their slots (PID 0x1FFF, no adaptation field,
     * CC 0, payload 0xFF). Returns null, counting nothing, when the payload is not whole TS packets or names more
     * slots than it has: the caller drops it as malformed. Does not take {@code buf}.
     */
    public static ByteBuf restoreNulls(ByteBufAllocator alloc, ByteBuf buf, int flags, int payloadIndex, int payloadLength,
            RistCounters counters) {
        int flags0 = buf.getUnsignedByte(flags);
        int flags1 = buf.getUnsignedByte(flags + 1);
        int tsBytes = (flags1 & 0x80) != 0 ? TS_204_BYTES : TS_BYTES;
        int npd = flags1 & 0x7F;
        if (payloadLength % tsBytes != 0) {
            return null;
        }
        int present = payloadLength / tsBytes;
        int deleted = Integer.bitCount(npd);
        int size = (flags0 >>> 3) & 0x07;
        int slots = size == 0 ? present + deleted : size;
        if (slots != present + deleted || deleted > 0 && highestSlot(npd) >= slots) {
            return null;
        }
        int start = buf.readerIndex();
        int headerBytes = 12 + 4 * (buf.getUnsignedByte(start) & 0x0F);
        ByteBuf out = alloc.directBuffer(headerBytes + slots * tsBytes);
        out.writeBytes(buf, start, headerBytes);
        out.setByte(0, (out.getByte(0) & ~0x30)); // no extension, no padding
        int from = payloadIndex;
        for (int slot = 0; slot < slots; slot++) {
            if (slot < NPD_SLOTS && (npd & (0x40 >>> slot)) != 0) {
                writeNullPacket(out, tsBytes);
                counters.nullPacketsRestored++;
            } else {
                out.writeBytes(buf, from, tsBytes);
                from += tsBytes;
            }
        }
        return out;
    }

    /** The last slot an NPD bit marks (bit 6 is slot 0). */
    private static int highestSlot(int npd) {
        return 6 - Integer.numberOfTrailingZeros(npd);
    }

    private static void writeNullPacket(ByteBuf out, int tsBytes) {
        out.writeByte(0x47);
        out.writeByte(0x1F);
        out.writeByte(0xFF);
        out.writeByte(0x10);
        for (int i = 4; i < tsBytes; i++) {
            out.writeByte(0xFF);
        }
    }

    /**
     * Writes {@code rtp}'s header (fixed part and CSRCs; any header extension of its own is dropped, RTP allows one)
     * with X set, the RIST extension with E and {@code high16}, then its payload. Neither buffer is taken.
     */
    public static void writeWithSequenceExtension(ByteBuf out, ByteBuf rtp, int headerBytes, int high16) {
        int start = rtp.readerIndex();
        int fixedAndCsrc = 12 + 4 * (rtp.getUnsignedByte(start) & 0x0F);
        int at = out.writerIndex();
        out.writeBytes(rtp, start, fixedAndCsrc);
        out.setByte(at, out.getByte(at) | 0x10);
        out.writeShort(PROFILE);
        out.writeShort(1);
        out.writeByte(FLAG_E);
        out.writeByte(0);
        out.writeShort(high16);
        out.writeBytes(rtp, start + headerBytes, rtp.writerIndex() - start - headerBytes);
    }
}
