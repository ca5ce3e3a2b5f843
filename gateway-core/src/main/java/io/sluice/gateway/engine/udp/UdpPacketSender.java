package io.sluice.gateway.engine.udp;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.OutputCounters;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One output's native send path for packets it holds itself (released by a smoothing queue, FEC packets, media
 * offered one by one): {@link #add} takes a packet, {@link #flush} sends every packet added since with one
 * {@code sendmmsg} on the output's connected, non-blocking UDP socket, straight from the buffers' memory (no copy),
 * and then releases each buffer once. It replaces Netty's write path, whose per-packet state (outbound-buffer
 * entries, the duplicates themselves) is recycled only as far as Netty's {@code Recycler} keeps up: on real
 * sockets it measured from 0 to kilobytes per packet (docs/performance.md).
 *
 * <p>Isolation as {@link UdpBatchSender}: nothing waits ({@code MSG_DONTWAIT}); a full socket buffer
 * ({@code EAGAIN}, {@code ENOBUFS}) drops the rest of the pending packets and counts them in {@code dropped}; any
 * other failure ({@code ECONNREFUSED} after an ICMP port unreachable, no route, ...) counts one
 * {@code sendErrors} and skips that datagram. Every buffer handed to {@link #add} is released exactly once: after
 * its send, drop or error, or by {@link #discard()}. A buffer without a native address (a heap buffer) is copied
 * once into a pooled direct buffer. Single-threaded (the flow's loop); allocation-free for direct buffers.
 */
public final class UdpPacketSender {
    /** Packets held between flushes; a full sender flushes at once. */
    public static final int CAPACITY = DatagramTable.CAPACITY;

    private final int fd;
    private final OutputCounters counters;
    private final MemorySegment errnoState;
    private final MemorySegment iovecs;             // [CAPACITY] iovec
    private final MemorySegment[] messagesFrom;     // [first] the mmsghdr array from packet first on
    private final ByteBuf[] pending = new ByteBuf[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private int size;

    /** @param fd a connected, non-blocking UDP socket that stays open while this sender is used */
    public UdpPacketSender(int fd, OutputCounters counters) {
        if (!UdpSyscalls.available()) {
            throw new IllegalStateException("native UDP send path unavailable: " + UdpSyscalls.unavailableReason());
        }
        this.fd = fd;
        this.counters = counters;
        Arena arena = Arena.ofAuto();
        errnoState = arena.allocate(UdpSyscalls.errnoStateBytes(), 8);
        iovecs = arena.allocate(CAPACITY * UdpSyscalls.IOVEC_BYTES, 8);
        MemorySegment messages = arena.allocate(CAPACITY * UdpSyscalls.MMSGHDR_BYTES, 8);
        messagesFrom = new MemorySegment[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            long message = i * UdpSyscalls.MMSGHDR_BYTES;
            // mmsghdr i always sends iovec i alone: written once, only the iovecs change per packet
            messages.set(JAVA_LONG, message + UdpSyscalls.MSG_IOV, iovecs.address() + i * UdpSyscalls.IOVEC_BYTES);
            messages.set(JAVA_LONG, message + UdpSyscalls.MSG_IOVLEN, 1);
            messagesFrom[i] = messages.asSlice(message, (CAPACITY - i) * UdpSyscalls.MMSGHDR_BYTES);
        }
    }

    /**
     * Takes ownership of {@code packet}: its readable bytes leave as one datagram at the next {@link #flush}
     * (at once when {@value #CAPACITY} packets are pending).
     */
    public void add(ByteBuf packet, long nowNs) {
        if (!packet.hasMemoryAddress()) {
            ByteBuf direct = packet.alloc().directBuffer(packet.readableBytes());
            direct.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
            packet.release();
            packet = direct;
        }
        int length = packet.readableBytes();
        long iovec = size * UdpSyscalls.IOVEC_BYTES;
        iovecs.set(JAVA_LONG, iovec, packet.memoryAddress() + packet.readerIndex());
        iovecs.set(JAVA_LONG, iovec + 8, length);
        pending[size] = packet;
        lengths[size] = length;
        size++;
        if (size == CAPACITY) {
            flush(nowNs);
        }
    }

    /** Packets added and not yet sent. */
    public int pending() {
        return size;
    }

    /** Sends every pending packet (sendmmsg, resumed after partial sends) and releases them. */
    public void flush(long nowNs) {
        if (size == 0) {
            return;
        }
        try {
            int next = 0;
            while (next < size) {
                int sent = UdpSyscalls.sendmmsg(errnoState, fd, messagesFrom[next], size - next);
                if (sent > 0) {
                    long bytes = 0;
                    for (int i = next; i < next + sent; i++) {
                        bytes += lengths[i];
                    }
                    counters.onSent(sent, bytes, nowNs);
                    next += sent;
                    continue;
                }
                int errno = UdpSyscalls.errno(errnoState);
                if (errno == UdpSyscalls.EINTR) {
                    continue;
                }
                if (errno == UdpSyscalls.EAGAIN || errno == UdpSyscalls.ENOBUFS) {
                    counters.dropped += size - next;
                    return;
                }
                counters.sendErrors++;                       // that datagram failed; go on with the next
                next++;
            }
        } finally {
            releasePending();
        }
    }

    /** Releases the pending packets unsent (the output is closing); returns how many there were. */
    public int discard() {
        int discarded = size;
        releasePending();
        return discarded;
    }

    private void releasePending() {
        for (int i = 0; i < size; i++) {
            ByteBuf packet = pending[i];
            pending[i] = null;
            packet.release();
        }
        size = 0;
    }
}
