package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;

/** The XOR rebuild of one lost media packet from one FEC packet and the other members of its set (§2.4 step 2). */
final class FecRecovery {
    private FecRecovery() {}

    /**
     * Rebuilds media packet {@code lost} from {@code fec} (already wrapped) and the present members of its set, found
     * in {@code media} by {@code seq & mask}. Returns a new pooled buffer whose only reference the caller owns, or
     * null when the lengths disagree (a member or the recovered length is longer than the FEC payload) or the result
     * is not valid RTP.
     */
    static ByteBuf rebuild(FecHeaderView fec, long base, int offset, int count, long lost, ByteBuf[] media, int mask,
                           ByteBufAllocator allocator, RtpView view) {
        int fecPayloadLength = fec.payloadLength();
        int length = fec.lengthRecovery();
        int byte0 = fec.rtpByte0() & 0x3F;                 // P, X, CC recovery bits
        int marker = fec.markerRecovery();
        int payloadType = fec.ptRecovery();
        long timestamp = fec.tsRecovery();
        long ssrc = 0;                                      // the FEC's SSRC is 0: copy any member's
        for (int i = 0; i < count; i++) {
            long m = base + (long) i * offset;
            if (m == lost) {
                continue;
            }
            ByteBuf p = media[(int) m & mask];
            int start = p.readerIndex();
            int memberLength = p.readableBytes() - RtpView.FIXED_HEADER_BYTES;
            if (memberLength > fecPayloadLength) {
                return null;
            }
            length ^= memberLength;
            byte0 ^= p.getByte(start) & 0x3F;
            int byte1 = p.getUnsignedByte(start + 1);
            marker ^= byte1 & 0x80;
            payloadType ^= byte1 & 0x7F;
            timestamp ^= p.getUnsignedInt(start + 4);
            ssrc = p.getUnsignedInt(start + 8);
        }
        if (length > fecPayloadLength) {
            return null;
        }
        ByteBuf out = allocator.directBuffer(RtpView.FIXED_HEADER_BYTES + length);
        out.writeByte(0x80 | byte0);
        out.writeByte(marker | payloadType);
        out.writeShort(RtpSequence.low16(lost));
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        out.writeBytes(fec.buffer(), fec.payloadIndex(), length);
        for (int i = 0; i < count; i++) {
            long m = base + (long) i * offset;
            if (m != lost) {
                ByteBuf p = media[(int) m & mask];
                int memberLength = p.readableBytes() - RtpView.FIXED_HEADER_BYTES;
                FecXor.xorInto(out, RtpView.FIXED_HEADER_BYTES, p, p.readerIndex() + RtpView.FIXED_HEADER_BYTES,
                        Math.min(memberLength, length));
            }
        }
        if (!view.wrap(out).isValid()) {
            out.release();
            return null;
        }
        return out;
    }
}
