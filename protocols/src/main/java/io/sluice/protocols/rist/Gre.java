package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * RIST main-profile GRE-over-UDP framing (TR-06-2, protocols.md §4.5-4.6), read and written in place.
 * <pre>
 *  0               1               2               3
 * |C|r|K|S| reserved0: librist H(0x40) ver(0x38) | Ver | Protocol type (0x88B6 reduced overhead) |
 * | key = PSK nonce (if K)                                                                         |
 * | sequence number (if S)                                                                         |
 * | virtual source port            | virtual destination port   | &lt;- reduced-overhead header       |
 * | RTP packet or RTCP compound ...  (encrypted from the reduced header on when K is set)          |
 * </pre>
 */
public final class Gre {
    public static final int PROTO_REDUCED = 0x88B6;
    public static final int PROTO_KEEPALIVE = 0x88B5;
    public static final int PROTO_IPV4 = 0x0800;
    public static final int PROTO_EAPOL = 0x888E;
    public static final int FLAG_C = 0x80;
    public static final int FLAG_K = 0x20;
    public static final int FLAG_S = 0x10;
    /** librist's second flag byte: bit 0x40 = 256-bit key, bits 0x38 = RIST GRE version. */
    public static final int FLAGS2_AES256 = 0x40;
    public static final int FLAGS2_VERSION_1 = 0x08;
    public static final int REDUCED_HEADER_BYTES = 4;
    /** librist's virtual ports: data to 1968, RTCP to 1969, from 32768 + peer index. */
    public static final int VIRTUAL_DATA_PORT = 1968;
    public static final int VIRTUAL_RTCP_PORT = 1969;
    public static final int VIRTUAL_SOURCE_PORT = 32768;

    private Gre() {}

    /** Whether a datagram starting at {@code index} can only be GRE (not RTP/RTCP: those start with version 2). */
    public static boolean looksLikeGre(ByteBuf buf, int index) {
        if (buf.writerIndex() - index < 4) {
            return false;
        }
        int first = buf.getUnsignedByte(index);
        return (first >>> 6) != 2 && (buf.getUnsignedByte(index + 1) & 0x07) == 0;
    }

    /** Header length from the C/K/S flags in the first byte. */
    public static int headerBytes(int flags1) {
        int words = 1;
        if ((flags1 & FLAG_C) != 0) {
            words++;
        }
        if ((flags1 & FLAG_K) != 0) {
            words++;
        }
        if ((flags1 & FLAG_S) != 0) {
            words++;
        }
        return words * 4;
    }

    /** Writes a clear header and the reduced-overhead ports. */
    public static void writeClear(ByteBuf out, int sourcePort, int destinationPort) {
        out.writeShort(0);
        out.writeShort(PROTO_REDUCED);
        out.writeShort(sourcePort);
        out.writeShort(destinationPort);
    }

    /** Writes a keyed header (K and S set, librist version 1, H for 256-bit keys); the ports follow, to encrypt. */
    public static void writeKeyed(ByteBuf out, boolean aes256, int nonce, int sequence, int sourcePort, int destinationPort) {
        out.writeByte(FLAG_K | FLAG_S);
        out.writeByte(FLAGS2_VERSION_1 | (aes256 ? FLAGS2_AES256 : 0));
        out.writeShort(PROTO_REDUCED);
        out.writeInt(nonce);
        out.writeInt(sequence);
        out.writeShort(sourcePort);
        out.writeShort(destinationPort);
    }
}
