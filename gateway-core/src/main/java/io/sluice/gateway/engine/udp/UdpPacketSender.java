package io.sluice.gateway.engine.udp;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.OutputCounters;


/**
 * One output's native send path for packets it holds itself (released by a smoothing queue, FEC packets, media
 * offered one by one): {@link #add} takes a packet, {@link #flush} sends every packet added since straight from the
 * buffers' memory (no copy) and then releases each buffer once. The packets are described in a
 * {@link DatagramTable} and sent by a {@link UdpBatchSender}, as the fan-out's whole batches are: one UDP GSO
 * {@code sendmsg} per run of equal-size packets, or {@code sendmmsg} where GSO is refused. It replaces Netty's
 * write path for these packets: one syscall per run instead of Netty's per-packet outbound-buffer entries
 * (docs/performance.md).
 *
 * <p>Isolation is {@link UdpBatchSender}'s: nothing waits ({@code MSG_DONTWAIT}); a full socket buffer
 * ({@code EAGAIN}, {@code ENOBUFS}) drops the rest of the run and counts it in {@code dropped}; any other failure
 * ({@code ECONNREFUSED} after an ICMP port unreachable, no route, ...) counts in {@code sendErrors}. Packets are
 * counted as sent when the kernel takes them, at the flush. Every buffer handed to {@link #add} is released exactly
 * once: after the flush that sent, dropped or failed it, or by {@link #discard()}. A buffer without a native
 * address (a heap buffer) is copied once into a direct buffer of its allocator. Single-threaded (the flow's loop);
 * allocation-free for direct buffers.
 */
public final class UdpPacketSender {
    /** Packets held between flushes; a full sender flushes at once. */
    public static final int CAPACITY = DatagramTable.CAPACITY;

    private final DatagramTable table = new DatagramTable();
    private final UdpBatchSender sender;
    private final ByteBuf[] pending = new ByteBuf[CAPACITY];
    private int size;

    /**
     * @param fd  a connected, non-blocking UDP socket that stays open while this sender is used
     * @param gso try UDP GSO first ({@code -Dsluice.udp.gso=false} turns it off everywhere)
     */
    public UdpPacketSender(int fd, boolean gso, OutputCounters counters) {
        this.sender = new UdpBatchSender(fd, gso, counters);
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
        table.add(packet.memoryAddress() + packet.readerIndex(), packet.readableBytes(), 0);
        pending[size++] = packet;
        if (size == CAPACITY) {
            flush(nowNs);
        }
    }

    /** Packets added and not yet sent. */
    public int pending() {
        return size;
    }

    /** True while UDP GSO is in use (false once the kernel refused it on this socket). */
    public boolean gso() {
        return sender.gso();
    }

    /** Sends every pending packet and releases them. */
    public void flush(long nowNs) {
        if (size == 0) {
            return;
        }
        try {
            sender.send(table, DatagramTable.WHOLE, nowNs);
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
        table.clear();
    }
}
