package io.sluice.protocols.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramFormatTest {

    @Test
    void tellsRtpFromPlainTransportStream() {
        ByteBuf rtp = Unpooled.buffer();
        RtpView.writeHeader(rtp, false, 33, 7, 1234, 99);
        rtp.writeBytes(tsPackets(7));
        assertThat(DatagramFormat.of(rtp)).isEqualTo(DatagramFormat.RTP);
        assertThat(DatagramFormat.of(tsPackets(7))).isEqualTo(DatagramFormat.MPEG_TS);
        assertThat(DatagramFormat.of(tsPackets(1))).isEqualTo(DatagramFormat.MPEG_TS);
    }

    @Test
    void rejectsTruncatedOrUnsynchronisedTransportStream() {
        ByteBuf truncated = tsPackets(2).writerIndex(300);
        assertThat(DatagramFormat.of(truncated)).isEqualTo(DatagramFormat.UNKNOWN);
        ByteBuf lostSync = tsPackets(3);
        lostSync.setByte(376, 0x00);
        assertThat(DatagramFormat.of(lostSync)).isEqualTo(DatagramFormat.UNKNOWN);
        assertThat(DatagramFormat.of(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 33}))).isEqualTo(DatagramFormat.UNKNOWN);
        assertThat(DatagramFormat.of(Unpooled.EMPTY_BUFFER)).isEqualTo(DatagramFormat.UNKNOWN);
    }

    @Test
    void originatorStampsIncreasingSequenceAndA90kHzClock() {
        RtpOriginator originator = new RtpOriginator(0x1234_5678L, 65535);
        ByteBuf out = Unpooled.buffer();
        originator.writeHeader(out, 1_000_000_000L);
        originator.writeHeader(out, 2_000_000_000L);
        RtpView view = new RtpView();
        assertThat(view.wrap(out.slice(0, 12)).sequenceNumber()).isEqualTo(65535);
        assertThat(view.timestamp()).isEqualTo(90_000L);
        assertThat(view.ssrc()).isEqualTo(0x1234_5678L);
        assertThat(view.payloadType()).isEqualTo(33);
        assertThat(view.wrap(out.slice(12, 12)).sequenceNumber()).isZero();
        assertThat(view.timestamp()).isEqualTo(180_000L);
        assertThat(RtpOriginator.timestamp90kHz(Long.MAX_VALUE)).isBetween(0L, 0xFFFF_FFFFL);
        assertThat(new RtpOriginator().ssrc() & 1).isZero();
    }

    private static ByteBuf tsPackets(int count) {
        ByteBuf buf = Unpooled.buffer(count * 188);
        for (int i = 0; i < count; i++) {
            buf.writeByte(0x47);
            buf.writeZero(187);
        }
        return buf;
    }
}
