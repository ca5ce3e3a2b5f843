package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * XOR of byte ranges between ByteBufs, eight bytes at a time. No allocation.
 *
 * <p>Direct buffers with a native address (Netty's pooled direct buffers) are XORed through one FFM segment spanning
 * the address space: per-long {@code ByteBuf.getLong/setLong} pays an index and reference-count check each time, and
 * FecEncodeBenchmark measured that at over 1 µs for two 1316-byte XORs; the segment loop has one bounds check per
 * call. Other buffers take the portable path.
 */
final class FecXor {
    /** Every address; bounds are checked against the buffers' capacities instead (restricted: needs native access). */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private FecXor() {}

    /** {@code dst[dstIndex ..] ^= src[srcIndex ..]} for {@code length} bytes (absolute indices, no index moves). */
    static void xorInto(ByteBuf dst, int dstIndex, ByteBuf src, int srcIndex, int length) {
        if (length <= 0) {
            return;
        }
        if (dst.hasMemoryAddress() && src.hasMemoryAddress()) {
            checkRange(dst, dstIndex, length);
            checkRange(src, srcIndex, length);
            xorNative(dst.memoryAddress() + dstIndex, src.memoryAddress() + srcIndex, length);
            return;
        }
        int i = 0;
        for (int longs = length & ~7; i < longs; i += 8) {
            dst.setLong(dstIndex + i, dst.getLong(dstIndex + i) ^ src.getLong(srcIndex + i));
        }
        for (; i < length; i++) {
            dst.setByte(dstIndex + i, dst.getByte(dstIndex + i) ^ src.getByte(srcIndex + i));
        }
    }

    private static void xorNative(long dstAddress, long srcAddress, int length) {
        long i = 0;
        for (long longs = length & ~7L; i < longs; i += 8) {
            ALL.set(LONG, dstAddress + i, ALL.get(LONG, dstAddress + i) ^ ALL.get(LONG, srcAddress + i));
        }
        for (; i < length; i++) {
            ALL.set(BYTE, dstAddress + i, (byte) (ALL.get(BYTE, dstAddress + i) ^ ALL.get(BYTE, srcAddress + i)));
        }
    }

    private static void checkRange(ByteBuf buf, int index, int length) {
        if (index < 0 || index + length > buf.capacity() || buf.refCnt() == 0) {
            throw new IndexOutOfBoundsException("XOR of " + length + " bytes at " + index + " outside a buffer of "
                    + buf.capacity() + " (refCnt " + buf.refCnt() + ")");
        }
    }
}
