package io.sluice.protocols.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Helpers for SRT tests: MPEG-TS-shaped payloads, RTP packets around them, and a collecting packet handler. */
public final class SrtTestKit {
    private SrtTestKit() {}

    /** {@code tsPackets} x 188 bytes, each starting with the sync byte, the rest a pattern derived from {@code index}. */
    public static byte[] tsPayload(int index, int tsPackets) {
        byte[] payload = new byte[188 * tsPackets];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i % 188 == 0 ? 0x47 : (index * 31 + i) & 0xff);
        }
        payload[1] = (byte) (index >>> 8);
        payload[2] = (byte) index;
        return payload;
    }

    /** A pooled direct RTP packet (PT 33) carrying {@code payload}; the caller owns it. */
    public static ByteBuf rtp(int sequence, byte[] payload) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(RtpView.FIXED_HEADER_BYTES + payload.length);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, sequence, 0, 0x1234);
        buf.writeBytes(payload);
        return buf;
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code limitMs} passes. */
    public static boolean await(BooleanSupplier condition, long limitMs) {
        long deadline = System.nanoTime() + limitMs * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Copies each packet's RTP payload and header fields, then releases the packet. */
    public static final class Collector implements SrtPacketHandler {
        public final List<byte[]> payloads = new CopyOnWriteArrayList<>();
        public final List<Integer> sequences = new CopyOnWriteArrayList<>();
        public final List<String> broken = Collections.synchronizedList(new ArrayList<>());
        public volatile int payloadTypes = -1;
        private final RtpView view = new RtpView();

        @Override
        public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
            try {
                view.wrap(rtpPacket);
                if (view.isValid()) {
                    byte[] payload = new byte[view.payloadLength()];
                    rtpPacket.getBytes(view.payloadIndex(), payload);
                    payloadTypes = view.payloadType();
                    sequences.add(view.sequenceNumber());
                    payloads.add(payload);
                }
            } finally {
                rtpPacket.release();
            }
        }

        @Override
        public void onBatchComplete() {}

        @Override
        public void onBroken(int socket, String reason) {
            broken.add(reason);
        }
    }
}
