package io.sluice.gateway.flow.merge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;

/** Test downstream: records sequence numbers, arrival times and bytes of each packet, then releases it. */
final class RecordingSink implements PacketSink {
    final List<Integer> sequences = new ArrayList<>();
    final List<Long> arrivals = new ArrayList<>();
    final List<byte[]> bytes = new ArrayList<>();
    int batches;

    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        try {
            sequences.add(rtpPacket.getUnsignedShort(rtpPacket.readerIndex() + 2));
            arrivals.add(arrivalNs);
            byte[] copy = new byte[rtpPacket.readableBytes()];
            rtpPacket.getBytes(rtpPacket.readerIndex(), copy);
            bytes.add(copy);
        } finally {
            rtpPacket.release();
        }
    }

    @Override
    public void onBatchComplete() {
        batches++;
    }

    /** A small RTP packet with sequence number {@code seq} and a payload derived from it. */
    static ByteBuf packet(int seq) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(12 + 16);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, seq & 0xFFFF, seq * 3000L, 0xABCD);
        for (int i = 0; i < 16; i++) {
            buf.writeByte(seq * 31 + i);
        }
        return buf;
    }
}
