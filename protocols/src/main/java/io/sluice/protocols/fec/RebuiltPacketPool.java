package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Buffers for rebuilt media packets, allocated once and reused: a rebuilt packet goes back to the pool when it
 * leaves the decoder's window and nobody else holds it any more (reference count 1). A buffer still held downstream
 * is released instead, and the pool allocates a new one later. FecDecodeBenchmark: recovery allocates nothing and
 * skips the allocator (a shared arena off the event loop, where Netty keeps no thread cache).
 */
final class RebuiltPacketPool {
    /** A 1500-byte MTU datagram; larger rebuilt packets get their own buffer. */
    private static final int BUFFER_BYTES = 1500;

    private final ByteBufAllocator allocator;
    private final ByteBuf[] free;
    private int count;

    RebuiltPacketPool(ByteBufAllocator allocator, int buffers) {
        this.allocator = allocator;
        this.free = new ByteBuf[buffers];
        for (int i = 0; i < buffers; i++) {
            free[i] = allocator.directBuffer(BUFFER_BYTES);
        }
        this.count = buffers;
    }

    /** An empty buffer of at least {@code bytes}; the caller owns its one reference. */
    ByteBuf take(int bytes) {
        if (count > 0 && bytes <= BUFFER_BYTES) {
            ByteBuf buf = free[--count];
            free[count] = null;
            return buf.clear();
        }
        return allocator.directBuffer(Math.max(bytes, BUFFER_BYTES));
    }

    /** Takes back the caller's reference: pooled again when nobody else holds the buffer, else released. */
    void giveBack(ByteBuf buf) {
        if (buf.refCnt() == 1 && count < free.length && buf.capacity() == BUFFER_BYTES) {
            free[count++] = buf;
        } else {
            buf.release();
        }
    }

    /** Releases every pooled buffer. */
    void close() {
        while (count > 0) {
            free[--count].release();
            free[count] = null;
        }
    }
}
