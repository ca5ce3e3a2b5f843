package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The running XOR of the media packets one FEC packet protects, built directly in the pooled buffer that becomes the
 * FEC packet (no copy when it completes). The accumulator keeps its buffer across matrices: a completed FEC packet is
 * handed over as one more reference to the same buffer, and the next matrix reuses the buffer once the socket has
 * released it (reference count back to 1). Only a buffer still in flight is replaced by a new pooled one, so a steady
 * stream allocates nothing (FecEncodeBenchmark).
 */
final class FecAccumulator {
    /** Room for a 1500-byte MTU datagram; a larger media packet grows the buffer. */
    private static final int INITIAL_PAYLOAD_BYTES = 1472;

    private final ByteBufAllocator allocator;
    private ByteBuf packet;
    private int members;
    private int snBase;
    private long firstTimestamp;
    private int byte0Xor;
    private int markerXor;
    private int ptXor;
    private int lengthXor;
    private long tsXor;
    private int payloadLength;

    FecAccumulator(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    int members() {
        return members;
    }

    /** XORs one media packet (readable bytes, a valid RTP packet viewed at its reader index) in; reads only. */
    void add(ByteBuf media, int sequenceNumber, long timestamp) {
        int start = media.readerIndex();
        int length = media.readableBytes() - 12;          // 2022-1 length: everything after the fixed header
        if (members == 0) {
            if (packet != null && packet.refCnt() != 1) {   // the last FEC packet is still queued in a socket
                packet.release();
                packet = null;
            }
            if (packet == null) {
                packet = allocator.directBuffer(FecHeaderView.HEADERS_BYTES + Math.max(INITIAL_PAYLOAD_BYTES, length));
            }
            packet.clear();
            snBase = sequenceNumber;
            firstTimestamp = timestamp;
        }
        if (length > payloadLength) {                      // shorter packets count as zero-padded
            int needed = FecHeaderView.HEADERS_BYTES + length;
            if (packet.capacity() < needed) {
                packet.capacity(needed);
            }
            packet.setZero(FecHeaderView.HEADERS_BYTES + payloadLength, length - payloadLength);
            payloadLength = length;
        }
        FecXor.xorInto(packet, FecHeaderView.HEADERS_BYTES, media, start + 12, length);
        byte0Xor ^= media.getUnsignedByte(start);
        int byte1 = media.getUnsignedByte(start + 1);
        markerXor ^= byte1 & 0x80;
        ptXor ^= byte1 & 0x7F;
        lengthXor ^= length;
        tsXor ^= timestamp;
        members++;
    }

    /**
     * Completes the FEC packet and hands over one reference to it (the accumulator keeps its own to reuse the buffer);
     * the accumulator is empty afterwards. The receiver must not write the buffer's bytes.
     */
    ByteBuf finish(int payloadType, int fecSequenceNumber, boolean row, int offset, int count) {
        ByteBuf done = packet;
        done.writerIndex(0);
        FecHeaderView.writeHeaders(done, byte0Xor, markerXor, payloadType, fecSequenceNumber, firstTimestamp, snBase,
                lengthXor & 0xFFFF, ptXor, tsXor, row, offset, count);
        done.setIndex(0, FecHeaderView.HEADERS_BYTES + payloadLength);
        reset();
        return done.retain();
    }

    /** Forgets a partial FEC packet (stream discontinuity); the buffer is kept for the next one. */
    void discard() {
        reset();
    }

    /** Releases the accumulator's buffer (encoder closed). */
    void release() {
        if (packet != null) {
            packet.release();
            packet = null;
        }
        reset();
    }

    private void reset() {
        members = 0;
        byte0Xor = 0;
        markerXor = 0;
        ptXor = 0;
        lengthXor = 0;
        tsXor = 0;
        payloadLength = 0;
    }
}
