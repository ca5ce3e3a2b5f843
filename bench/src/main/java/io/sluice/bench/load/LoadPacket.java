package io.sluice.bench.load;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The datagram the load tool sends: an RTP header and seven 188-byte MPEG-TS null packets (1316 bytes, the size real
 * encoders send), with a 64-bit sequence number and the send time embedded in the first TS packet's payload, so the
 * receiver can count loss and measure latency whatever the gateway does to the RTP header.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|   PT=33     |   sequence number (low 16)    |  RTP (RFC 3550 §5.1)
 * |                 timestamp (90 kHz, from send time)            |
 * |                             SSRC                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  0x47 | PID 0x1FFF, PUSI=0 (0x1F 0xFF)| 0x10 (payload, CC=0)  |  TS packet 1 of 7
 * |                      magic "SLUICELD" (8 bytes)               |
 * |                      sequence (64 bits)                       |
 * |              send time, CLOCK_REALTIME ns (64 bits)           |
 * |                      0xFF stuffing ...                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  TS packets 2..7: 0x47 0x1F 0xFF 0x10, then 184 bytes 0xFF     |
 * </pre>
 * Rates are counted on the 1316-byte TS payload, as broadcast bitrates are: 51 Mbit/s is 4844 packets/s.
 */
public final class LoadPacket {
    public static final int RTP_HEADER_BYTES = 12;
    public static final int TS_PACKET_BYTES = 188;
    public static final int TS_PACKETS = 7;
    public static final int PAYLOAD_BYTES = TS_PACKET_BYTES * TS_PACKETS;
    public static final int DATAGRAM_BYTES = RTP_HEADER_BYTES + PAYLOAD_BYTES;
    public static final long MAGIC = 0x534C_5549_4345_4C44L; // "SLUICELD"
    static final int SSRC = 0x51C3_0001;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int MAGIC_OFFSET = RTP_HEADER_BYTES + 4;
    private static final int SEQUENCE_OFFSET = MAGIC_OFFSET + 8;
    private static final int SEND_NS_OFFSET = SEQUENCE_OFFSET + 8;

    private LoadPacket() {
    }

    /** Fills {@code datagram} (capacity ≥ {@link #DATAGRAM_BYTES}) with the constant parts; position 0, limit set. */
    public static void initialise(ByteBuffer datagram) {
        datagram.clear();
        datagram.put(0, (byte) 0x80).put(1, (byte) 33);
        datagram.putInt(8, SSRC);
        for (int i = 0; i < TS_PACKETS; i++) {
            int ts = RTP_HEADER_BYTES + i * TS_PACKET_BYTES;
            datagram.put(ts, (byte) 0x47).put(ts + 1, (byte) 0x1F).put(ts + 2, (byte) 0xFF).put(ts + 3, (byte) 0x10);
            for (int j = 4; j < TS_PACKET_BYTES; j++) {
                datagram.put(ts + j, (byte) 0xFF);
            }
        }
        datagram.putLong(MAGIC_OFFSET, MAGIC);
        datagram.limit(DATAGRAM_BYTES);
    }

    /** Stamps the per-packet fields into a datagram made by {@link #initialise}; no allocation. */
    public static void stamp(ByteBuffer datagram, long sequence, long sendNs) {
        datagram.putShort(2, (short) sequence);
        datagram.putInt(4, (int) (sendNs / 100_000L * 9L)); // 90 kHz: 1 tick = 11111 ns
        datagram.putLong(SEQUENCE_OFFSET, sequence);
        datagram.putLong(SEND_NS_OFFSET, sendNs);
        datagram.position(0).limit(DATAGRAM_BYTES);
    }

    /**
     * Where the embedded fields start in a received datagram of {@code length} bytes at {@code start} of
     * {@code memory} (RTP header length is read, CSRCs and extension included, so a gateway that adds them still
     * works), as an offset into {@code memory}, or -1 if it is not a load packet.
     */
    public static long fieldsOffset(MemorySegment memory, long start, int length) {
        if (length < RTP_HEADER_BYTES + 4 + 24) {
            return -1;
        }
        int first = memory.get(JAVA_BYTE, start);
        int headerBytes = RTP_HEADER_BYTES + 4 * (first & 0x0F);
        if ((first & 0x10) != 0 && length >= headerBytes + 4) {
            headerBytes += 4 + 4 * Short.toUnsignedInt(memory.get(SHORT, start + headerBytes + 2));
        }
        long magicAt = start + headerBytes + 4;
        if (headerBytes + 4 + 24 > length || memory.get(LONG, magicAt) != MAGIC) {
            return -1;
        }
        return magicAt + 8;
    }

    /** The 64-bit sequence of a datagram, given {@link #fieldsOffset}. */
    public static long sequence(MemorySegment memory, long fieldsOffset) {
        return memory.get(LONG, fieldsOffset);
    }

    /** The send time (the sender's CLOCK_REALTIME in ns) of a datagram, given {@link #fieldsOffset}. */
    public static long sendNs(MemorySegment memory, long fieldsOffset) {
        return memory.get(LONG, fieldsOffset + 8);
    }

    /** Packets per second for a TS bitrate in Mbit/s. */
    public static double packetsPerSecond(double mbps) {
        return mbps * 1e6 / (PAYLOAD_BYTES * 8.0);
    }

    /** TS bitrate in Mbit/s for a packet rate. */
    public static double mbps(double packetsPerSecond) {
        return packetsPerSecond * PAYLOAD_BYTES * 8.0 / 1e6;
    }
}
