package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RistRtpExtensionTest {
    private static final byte[] NULL_PACKET = nullPacket();

    private static byte[] nullPacket() {
        byte[] p = new byte[188];
        Arrays.fill(p, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = 0x1F;
        p[2] = (byte) 0xFF;
        p[3] = 0x10;
        return p;
    }

    private static byte[] tsPacket(int n) {
        byte[] p = new byte[188];
        Arrays.fill(p, (byte) n);
        p[0] = 0x47;
        p[1] = 0x01;
        p[2] = 0x00;
        p[3] = (byte) (0x10 | (n & 0x0F));
        return p;
    }

    /** The RTP packet librist sends with {@code -n}: X set, the RIST extension, and only the non-null packets. */
    private static ByteBuf npdPacket(int flags0, int npdBits, int seqHigh, byte[]... present) {
        ByteBuf buf = Unpooled.buffer();
        RtpView.writeHeader(buf, false, 33, 0x1234, 90_000, 0xCAFE0000L);
        buf.setByte(0, 0x90);
        buf.writeShort(RistRtpExtension.PROFILE);
        buf.writeShort(1);
        buf.writeByte(flags0);
        buf.writeByte(npdBits);
        buf.writeShort(seqHigh);
        for (byte[] p : present) {
            buf.writeBytes(p);
        }
        return buf;
    }

    @Test
    void putsDeletedNullPacketsBackInTheirSlotsAndDropsTheExtension() {
        // as captured from ristsender -n: flags 0x80 (N, size 0 = derive), NPD 0x24 = slots 1 and 4 of 7
        ByteBuf in = npdPacket(0x80, 0x24, 0, tsPacket(0), tsPacket(2), tsPacket(3), tsPacket(5), tsPacket(6));
        RistCounters counters = new RistCounters();
        RtpView view = new RtpView().wrap(in);
        assertThat(view.isValid()).isTrue();
        int flags = RistRtpExtension.find(in);
        assertThat(RistRtpExtension.hasDeletedNulls(in, flags)).isTrue();
        assertThat(RistRtpExtension.hasSequenceExtension(in, flags)).isFalse();
        ByteBuf out = RistRtpExtension.restoreNulls(PooledByteBufAllocator.DEFAULT, in, flags, view.payloadIndex(),
                view.payloadLength(), counters);
        try {
            RtpView restored = new RtpView().wrap(out);
            assertThat(restored.isValid()).isTrue();
            assertThat(restored.hasExtension()).isFalse();
            assertThat(restored.sequenceNumber()).isEqualTo(0x1234);
            assertThat(restored.ssrc()).isEqualTo(0xCAFE0000L);
            byte[] payload = ByteBufUtil.getBytes(out, restored.payloadIndex(), restored.payloadLength());
            byte[] expected = concat(tsPacket(0), NULL_PACKET, tsPacket(2), tsPacket(3), NULL_PACKET, tsPacket(5), tsPacket(6));
            assertThat(payload).isEqualTo(expected);
            assertThat(counters.nullPacketsRestored()).isEqualTo(2);
        } finally {
            out.release();
            in.release();
        }
    }

    @Test
    void refusesANullDeletionThatDoesNotAddUp() {
        RistCounters counters = new RistCounters();
        // size 7 announced (0x80 | 7 << 3), one null marked, but only 5 packets present: 6 != 7
        ByteBuf in = npdPacket(0x80 | (7 << 3), 0x40, 0, tsPacket(1), tsPacket(2), tsPacket(3), tsPacket(4), tsPacket(5));
        RtpView view = new RtpView().wrap(in);
        int flags = RistRtpExtension.find(in);
        assertThat(RistRtpExtension.restoreNulls(PooledByteBufAllocator.DEFAULT, in, flags, view.payloadIndex(),
                view.payloadLength(), counters)).isNull();
        in.release();
        ByteBuf ragged = npdPacket(0x80, 0x40, 0, Arrays.copyOf(tsPacket(1), 100));
        view.wrap(ragged);
        assertThat(RistRtpExtension.restoreNulls(PooledByteBufAllocator.DEFAULT, ragged, RistRtpExtension.find(ragged),
                view.payloadIndex(), view.payloadLength(), counters)).isNull();
        ragged.release();
        assertThat(counters.nullPacketsRestored()).isZero();
    }

    @Test
    void aSequenceExtensionIsWrittenReadAndStrippedInPlace() {
        ByteBuf original = Unpooled.buffer();
        RtpView.writeHeader(original, true, 33, 0xFFFF, 1234, 0x01020304L);
        original.writeBytes(tsPacket(9));
        ByteBuf extended = Unpooled.buffer();
        RistRtpExtension.writeWithSequenceExtension(extended, original, 12, 0x0007);
        assertThat(extended.readableBytes()).isEqualTo(original.readableBytes() + RistRtpExtension.BYTES);
        RtpView view = new RtpView().wrap(extended);
        assertThat(view.isValid()).isTrue();
        int flags = RistRtpExtension.find(extended);
        assertThat(RistRtpExtension.hasSequenceExtension(extended, flags)).isTrue();
        assertThat(RistRtpExtension.hasDeletedNulls(extended, flags)).isFalse();
        assertThat(RistRtpExtension.sequence32(extended, flags)).isEqualTo(0x0007_FFFFL);
        RistRtpExtension.strip(extended, flags);
        assertThat(ByteBufUtil.equals(extended, original)).isTrue();
        original.release();
        extended.release();
    }

    @Test
    void anotherProfilesExtensionIsNotOurs() {
        ByteBuf buf = Unpooled.buffer();
        RtpView.writeHeader(buf, false, 33, 1, 0, 2);
        buf.setByte(0, 0x90);
        buf.writeShort(0xBEDE);
        buf.writeShort(1);
        buf.writeInt(0);
        buf.writeBytes(tsPacket(1));
        assertThat(RistRtpExtension.find(buf)).isEqualTo(-1);
        buf.release();
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[parts.length * 188];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, i * 188, 188);
        }
        return all;
    }
}
