package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;

/**
 * Writes the RTCP packets RIST uses (protocols.md §1.4, §4.3) at the writer index of a buffer, so a compound packet
 * is built by calling several of these in a row. Every packet is a multiple of 4 bytes and carries its own length
 * field ((bytes / 4) - 1).
 */
public final class RtcpWriter {
    public static final int PT_SR = 200;
    public static final int PT_RR = 201;
    public static final int PT_SDES = 202;
    public static final int PT_APP = 204;
    public static final int PT_RTPFB = 205;
    /** "RIST" as the 4-byte APP name. */
    public static final int APP_NAME_RIST = 0x52495354;
    public static final int APP_RANGE_NACK = 0;
    public static final int APP_EXTSEQ = 1;
    public static final int APP_ECHO_REQUEST = 2;
    public static final int APP_ECHO_RESPONSE = 3;
    /** Most ranges per range-NACK packet (TR-06-1 recommendation). */
    public static final int MAX_RANGES = 16;

    private RtcpWriter() {}

    /** SR with no report blocks (28 bytes). {@code ntpTime} is wall-clock NTP (seconds << 32 | fraction). */
    public static void senderReport(ByteBuf out, long ssrc, long ntpTime, long rtpTimestamp, long packets, long octets) {
        out.writeByte(0x80);
        out.writeByte(PT_SR);
        out.writeShort(6);
        out.writeInt((int) ssrc);
        out.writeLong(ntpTime);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packets);
        out.writeInt((int) octets);
    }

    /** Empty RR: header and reporter SSRC (8 bytes). */
    public static void emptyReceiverReport(ByteBuf out, long ssrc) {
        out.writeByte(0x80);
        out.writeByte(PT_RR);
        out.writeShort(1);
        out.writeInt((int) ssrc);
    }

    /** SDES with one chunk holding a CNAME item; {@code cname} is at most 255 ASCII bytes. */
    public static void sdes(ByteBuf out, long ssrc, byte[] cname) {
        int itemBytes = 2 + cname.length;
        int chunkBytes = 4 + itemBytes;
        int padded = (chunkBytes + 4) & ~3; // at least one terminating zero byte, then to a 32-bit boundary
        out.writeByte(0x81);
        out.writeByte(PT_SDES);
        out.writeShort(padded / 4);
        out.writeInt((int) ssrc);
        out.writeByte(1);
        out.writeByte(cname.length);
        out.writeBytes(cname);
        out.writeZero(padded - chunkBytes);
    }

    /** RIST RTT echo request (APP subtype 2) carrying the requester's opaque 64-bit timestamp. */
    public static void echoRequest(ByteBuf out, long ssrc, long timestamp) {
        app(out, APP_ECHO_REQUEST, ssrc, 5);
        out.writeLong(timestamp);
        out.writeInt(0);
    }

    /** RIST RTT echo response (APP subtype 3): the request's timestamp unchanged and our processing delay. */
    public static void echoResponse(ByteBuf out, long ssrc, long echoedTimestamp, int processingDelayUs) {
        app(out, APP_ECHO_RESPONSE, ssrc, 5);
        out.writeLong(echoedTimestamp);
        out.writeInt(processingDelayUs);
    }

    /**
     * Starts a RIST range NACK (APP subtype 0) for {@code mediaSsrc}; append ranges with {@link #range} and end it
     * with {@link #endRangeNack}. Returns the packet's start index.
     */
    public static int beginRangeNack(ByteBuf out, long mediaSsrc) {
        int start = out.writerIndex();
        app(out, APP_RANGE_NACK, mediaSsrc, 2);
        return start;
    }

    /** One range: {@code firstSeq} and {@code extra} more packets after it. */
    public static void range(ByteBuf out, int firstSeq, int extra) {
        out.writeShort(firstSeq);
        out.writeShort(extra);
    }

    /**
     * RIST EXTSEQ (APP subtype 1, 16 bytes): the high 16 bits of the 32-bit sequence numbers in the NACKs that follow
     * in this compound (TR-06-2 §8.3; librist's {@code rist_rtcp_seqext}).
     */
    public static void extendedSequence(ByteBuf out, long mediaSsrc, int high16) {
        app(out, APP_EXTSEQ, mediaSsrc, 3);
        out.writeShort(high16);
        out.writeShort(0);
    }

    /** Fixes the length field of the range NACK begun at {@code start}. */
    public static void endRangeNack(ByteBuf out, int start) {
        out.setShort(start + 2, (out.writerIndex() - start) / 4 - 1);
    }

    /** RFC 4585 generic NACK (PT 205, FMT 1) with one PID/BLP word. */
    public static void genericNack(ByteBuf out, long senderSsrc, long mediaSsrc, int pid, int blp) {
        out.writeByte(0x81);
        out.writeByte(PT_RTPFB);
        out.writeShort(3);
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        out.writeShort(pid);
        out.writeShort(blp);
    }

    private static void app(ByteBuf out, int subtype, long ssrc, int lengthWords) {
        out.writeByte(0x80 | subtype);
        out.writeByte(PT_APP);
        out.writeShort(lengthWords);
        out.writeInt((int) ssrc);
        out.writeInt(APP_NAME_RIST);
    }

    /** The current wall-clock time as a 64-bit NTP timestamp (seconds since 1900 << 32 | 2^-32 fractions). */
    public static long ntpNow(long epochMillis) {
        long seconds = epochMillis / 1000 + 2_208_988_800L;
        long fraction = ((epochMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
