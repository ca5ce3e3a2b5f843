package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * Walks a compound RTCP packet (protocols.md §1.4) without allocating and reports what RIST needs to a
 * {@link RtcpListener}. Unknown packet types (XR, BYE, other APP names) are skipped.
 */
public final class RtcpReader {
    private RtcpReader() {}

    /** Whether the bytes at {@code index} look like the start of an RTCP packet (V=2, PT 200..207). */
    public static boolean looksLikeRtcp(ByteBuf buf, int index) {
        if (buf.writerIndex() - index < 4) {
            return false;
        }
        int pt = buf.getUnsignedByte(index + 1);
        return (buf.getUnsignedByte(index) >>> 6) == 2 && pt >= 200 && pt <= 207;
    }

    /**
     * Reads the compound packet in {@code buf[from, to)}. Returns false (after reporting what came before) on a bad
     * version or a length running past the end; the caller counts that as malformed. Does not take the buffer.
     */
    public static boolean read(ByteBuf buf, int from, int to, RtcpListener listener) {
        int at = from;
        if (to - at < 4) {
            return false;
        }
        int high = -1; // EXTSEQ: the high 16 bits of the NACKs that follow in this compound
        while (to - at >= 4) {
            int first = buf.getUnsignedByte(at);
            int pt = buf.getUnsignedByte(at + 1);
            int bytes = (buf.getUnsignedShort(at + 2) + 1) * 4;
            if ((first >>> 6) != 2 || bytes > to - at) {
                return false;
            }
            int count = first & 0x1F;
            switch (pt) {
                case RtcpWriter.PT_SR, RtcpWriter.PT_RR -> {
                    if (bytes >= 8) {
                        listener.onReport(buf.getUnsignedInt(at + 4));
                    }
                }
                case RtcpWriter.PT_SDES -> {
                    if (bytes >= 8 && count > 0) {
                        listener.onSdes(buf.getUnsignedInt(at + 4));
                    }
                }
                case RtcpWriter.PT_RTPFB -> {
                    if (count == 1) {
                        genericNack(buf, at, bytes, high, listener);
                    }
                }
                case RtcpWriter.PT_APP -> high = app(buf, at, bytes, count, high, listener);
                default -> { }
            }
            at += bytes;
        }
        return at == to;
    }

    private static void genericNack(ByteBuf buf, int at, int bytes, int high, RtcpListener listener) {
        for (int fci = at + 12; fci + 4 <= at + bytes; fci += 4) {
            int pid = buf.getUnsignedShort(fci);
            int blp = buf.getUnsignedShort(fci + 2);
            nack(listener, high, pid, 0);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    nack(listener, high, pid + bit + 1, 0);
                }
            }
        }
    }

    private static void nack(RtcpListener listener, int high, int low, int extra) {
        if (high < 0) {
            listener.onNack(low & 0xFFFF, extra);
        } else {
            listener.onExtendedNack((((long) high << 16) + low) & 0xFFFFFFFFL, extra);
        }
    }

    /** Reports one APP packet; returns the EXTSEQ high bits in force after it. */
    private static int app(ByteBuf buf, int at, int bytes, int subtype, int high, RtcpListener listener) {
        if (bytes < 12 || buf.getInt(at + 8) != RtcpWriter.APP_NAME_RIST) {
            return high;
        }
        switch (subtype) {
            case RtcpWriter.APP_RANGE_NACK -> {
                for (int range = at + 12; range + 4 <= at + bytes; range += 4) {
                    nack(listener, high, buf.getUnsignedShort(range), buf.getUnsignedShort(range + 2));
                }
            }
            case RtcpWriter.APP_EXTSEQ -> {
                if (bytes >= 16) {
                    return buf.getUnsignedShort(at + 12);
                }
            }
            case RtcpWriter.APP_ECHO_REQUEST -> {
                if (bytes >= 20) {
                    listener.onEchoRequest(buf.getLong(at + 12));
                }
            }
            case RtcpWriter.APP_ECHO_RESPONSE -> {
                if (bytes >= 24) {
                    listener.onEchoResponse(buf.getLong(at + 12), buf.getUnsignedInt(at + 20));
                } else if (bytes >= 20) {
                    listener.onEchoResponse(buf.getLong(at + 12), 0);
                }
            }
            default -> { } // later subtypes: not used by librist 0.2.7
        }
        return high;
    }
}
