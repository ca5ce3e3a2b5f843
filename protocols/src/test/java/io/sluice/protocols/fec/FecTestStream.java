package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic media stream and the FEC our encoder sends for it, as the datagrams a receiver would see, in send
 * order (media first, then the FEC packets its encode call completed).
 */
final class FecTestStream {
    static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    enum Kind { MEDIA, COLUMN, ROW }

    /** One datagram; {@code index} counts media packets (0-based) or FEC packets of that kind. */
    record Datagram(Kind kind, int index, byte[] bytes) {
        ByteBuf toBuf() {
            ByteBuf buf = ALLOCATOR.directBuffer(bytes.length);
            buf.writeBytes(bytes);
            return buf;
        }
    }

    final List<byte[]> media = new ArrayList<>();
    final List<Datagram> datagrams = new ArrayList<>();

    /**
     * @param variableSizes media payload sizes vary (and P/M/PT bits change) to exercise length and bit recovery
     */
    static FecTestStream generate(FecMatrix matrix, int firstSequence, int packets, long seed, boolean variableSizes) {
        FecTestStream stream = new FecTestStream();
        Random random = new Random(seed);
        long ssrc = random.nextInt() & 0xFFFFFFFFL;
        int[] columnIndex = {0};
        int[] rowIndex = {0};
        List<Datagram> fecOfThisPacket = new ArrayList<>();
        FecSink sink = new FecSink() {
            @Override public void onColumnFec(ByteBuf fec) { fecOfThisPacket.add(new Datagram(Kind.COLUMN, columnIndex[0]++, drain(fec))); }
            @Override public void onRowFec(ByteBuf fec) { fecOfThisPacket.add(new Datagram(Kind.ROW, rowIndex[0]++, drain(fec))); }
        };
        try (FecEncoder encoder = new FecEncoder(matrix, ALLOCATOR, sink, random.nextInt(4096), random.nextInt(4096))) {
            for (int i = 0; i < packets; i++) {
                int payloadLength = variableSizes ? 1 + random.nextInt(1316) : 1316;
                boolean marker = variableSizes && random.nextInt(10) == 0;
                int payloadType = variableSizes && random.nextInt(10) == 0 ? 34 : RtpView.PAYLOAD_TYPE_MP2T;
                byte[] bytes = new byte[12 + payloadLength];
                ByteBuf header = Unpooled.wrappedBuffer(bytes).writerIndex(0);
                RtpView.writeHeader(header, marker, payloadType, (firstSequence + i) & 0xFFFF, 90L * i / 3, ssrc);
                for (int b = 12; b < bytes.length; b++) {
                    bytes[b] = (byte) random.nextInt(256);
                }
                stream.media.add(bytes);
                stream.datagrams.add(new Datagram(Kind.MEDIA, i, bytes));
                ByteBuf buf = Unpooled.wrappedBuffer(bytes);
                encoder.encode(buf);
                stream.datagrams.addAll(fecOfThisPacket);
                fecOfThisPacket.clear();
            }
        }
        return stream;
    }

    static byte[] drain(ByteBuf buf) {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** A decoder output collector: copies each released packet and releases it. */
    static final class Collector implements FecDecoder.MediaSink {
        final List<byte[]> packets = new ArrayList<>();

        @Override
        public void onMedia(ByteBuf rtpPacket, long arrivalNs) {
            packets.add(drain(rtpPacket));
        }

        List<Integer> sequenceNumbers() {
            List<Integer> seqs = new ArrayList<>();
            for (byte[] p : packets) {
                seqs.add(((p[2] & 0xFF) << 8) | (p[3] & 0xFF));
            }
            return seqs;
        }
    }
}
