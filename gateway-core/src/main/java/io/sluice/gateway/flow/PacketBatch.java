package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.engine.udp.DatagramTable;
import io.sluice.gateway.engine.udp.UdpSyscalls;
import io.sluice.protocols.rtp.RtpView;

/**
 * The packets of one read batch, held once for every output that sends whole batches
 * ({@link Output#takesBatches()}): the fan-out adds each packet with one reference, every such output reads the
 * batch at its end, then the fan-out clears it and releases each packet exactly once. Outputs never keep, modify
 * or release what they read here. The native view ({@link #datagrams()}) is built on first use per batch, so the
 * cost of describing a packet to the kernel is paid once, not once per output. Single-threaded (the flow's loop).
 */
public final class PacketBatch {
    public static final int CAPACITY = DatagramTable.CAPACITY;

    private final ByteBuf[] packets = new ByteBuf[CAPACITY];
    private final long[] arrivalNs = new long[CAPACITY];
    private final RtpView rtp = new RtpView();
    private final DatagramTable table = UdpSyscalls.available() ? new DatagramTable() : null;
    private int size;
    private boolean described;

    /** Takes ownership of one reference to {@code rtpPacket}; the batch must not be full. */
    void add(ByteBuf rtpPacket, long arrivalNs) {
        if (size == CAPACITY) {
            rtpPacket.release();
            throw new IllegalStateException("a packet batch holds " + CAPACITY + " packets");
        }
        packets[size] = rtpPacket;
        this.arrivalNs[size] = arrivalNs;
        size++;
        described = false;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == CAPACITY;
    }

    /** Packet {@code index}, still owned by the batch: read it, or {@code retainedDuplicate()} it to keep it. */
    public ByteBuf packet(int index) {
        return packets[index];
    }

    public long arrivalNs(int index) {
        return arrivalNs[index];
    }

    /**
     * The batch as native iovec/msghdr tables for {@code UdpBatchSender}, or null where the native send path is
     * unavailable. A packet whose bytes have no native address (a heap buffer) is first copied to direct memory,
     * once for all outputs.
     */
    public DatagramTable datagrams() {
        if (table == null) {
            return null;
        }
        if (!described) {
            table.clear();
            for (int i = 0; i < size; i++) {
                ByteBuf packet = packets[i];
                if (!packet.hasMemoryAddress()) {
                    ByteBuf direct = packet.alloc().directBuffer(packet.readableBytes()).writeBytes(packet,
                            packet.readerIndex(), packet.readableBytes());
                    packet.release();
                    packets[i] = packet = direct;
                }
                int length = packet.readableBytes();
                int header = rtp.wrap(packet).isValid() ? Math.min(rtp.headerLength(), length) : 0;
                table.add(packet.memoryAddress() + packet.readerIndex(), length, header);
            }
            described = true;
        }
        return table;
    }

    /** Releases every packet (once each) and empties the batch. */
    void clear() {
        for (int i = 0; i < size; i++) {
            ByteBuf packet = packets[i];
            packets[i] = null;
            packet.release();
        }
        size = 0;
        described = false;
    }
}
