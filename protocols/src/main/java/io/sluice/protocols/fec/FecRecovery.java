package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;

/** The XOR rebuild of one lost media packet from one FEC packet and the other members of its set (§2.4 step 2). */
final class FecRecovery {
    private FecRecovery() {}

    /**
     * Rebuilds media packet {@code lost} from {@code fec} (already wrapped) and the present members of its set, found
     * in {@code media} by {@code seq & mask} (bytes {@code starts[slot]} to {@code starts[slot] + lengths[slot]}).
     * Returns a buffer from {@code pool} whose only reference the caller owns, or
     * null when the lengths disagree (a member or the recovered length is longer than the FEC payload) or the result
     * is not valid RTP.
     */
    static ByteBuf rebuild(FecHeaderView fec, long base, int offset, int count, long lost, ByteBuf[] media,
                           int[] starts, int[] lengths, int mask, RebuiltPacketPool pool, RtpView view) {
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
            int slot = (int) m & mask;
            ByteBuf p = media[slot];
            int start = starts[slot];
            int memberLength = lengths[slot] - RtpView.FIXED_HEADER_BYTES;
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
        ByteBuf out = pool.take(RtpView.FIXED_HEADER_BYTES + length);
        out.writeByte(0x80 | byte0);
        out.writeByte(marker | payloadType);
        out.writeShort(RtpSequence.low16(lost));
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        out.writeBytes(fec.buffer(), fec.payloadIndex(), length);
        for (int i = 0; i < count; i++) {
            long m = base + (long) i * offset;
            if (m != lost) {
                int slot = (int) m & mask;
                int memberLength = lengths[slot] - RtpView.FIXED_HEADER_BYTES;
                FecXor.xorInto(out, RtpView.FIXED_HEADER_BYTES, media[slot], starts[slot] + RtpView.FIXED_HEADER_BYTES,
                        Math.min(memberLength, length));
            }
        }
        if (!view.wrap(out).isValid()) {
            pool.giveBack(out);
            return null;
        }
        return out;
    }
}
