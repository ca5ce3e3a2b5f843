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
                        genericNack(buf, at, bytes, listener);
                    }
                }
                case RtcpWriter.PT_APP -> app(buf, at, bytes, count, listener);
                default -> { }
            }
            at += bytes;
        }
        return at == to;
    }

    private static void genericNack(ByteBuf buf, int at, int bytes, RtcpListener listener) {
        for (int fci = at + 12; fci + 4 <= at + bytes; fci += 4) {
            int pid = buf.getUnsignedShort(fci);
            int blp = buf.getUnsignedShort(fci + 2);
            listener.onNack(pid, 0);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    listener.onNack((pid + bit + 1) & 0xFFFF, 0);
                }
            }
        }
    }

    private static void app(ByteBuf buf, int at, int bytes, int subtype, RtcpListener listener) {
        if (bytes < 12 || buf.getInt(at + 8) != RtcpWriter.APP_NAME_RIST) {
            return;
        }
        switch (subtype) {
            case RtcpWriter.APP_RANGE_NACK -> {
                for (int range = at + 12; range + 4 <= at + bytes; range += 4) {
                    listener.onNack(buf.getUnsignedShort(range), buf.getUnsignedShort(range + 2));
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
            default -> { } // EXTSEQ and later subtypes: the 16-bit NACKs that follow are enough here
        }
    }
}
