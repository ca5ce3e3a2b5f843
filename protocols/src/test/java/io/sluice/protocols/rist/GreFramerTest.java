package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreFramerTest {
    private static final byte[] SECRET = "framer-secret".getBytes(StandardCharsets.US_ASCII);

    private static ByteBuf rtp(int seq) {
        ByteBuf buf = Unpooled.buffer(12 + 188);
        RtpView.writeHeader(buf, false, 33, seq, 1234, 0x2000);
        for (int i = 0; i < 188; i++) {
            buf.writeByte(i == 0 ? 0x47 : i);
        }
        return buf;
    }

    @Test
    void anEncryptedPacketComesBackBitIdenticalWithTheLibristHeaderBits() {
        RistCounters counters = new RistCounters();
        GreFramer sender = new GreFramer(new RistPsk(SECRET, 256, 0), counters);
        GreFramer receiver = new GreFramer(new RistPsk(SECRET, 128, 0), counters); // key size comes from the H bit
        ByteBuf packet = rtp(7);
        ByteBuf framed = sender.frame(PooledByteBufAllocator.DEFAULT, packet, 32769, 1968, false);
        try {
            assertThat((int) framed.getUnsignedByte(0)).isEqualTo(0x30);
            assertThat((int) framed.getUnsignedByte(1)).isEqualTo(0x48);
            assertThat(framed.getUnsignedShort(2)).isEqualTo(Gre.PROTO_REDUCED);
            assertThat(ByteBufUtil.equals(framed, 16, packet, 0, packet.readableBytes())).isFalse();
            assertThat(receiver.unframe(framed, 0)).isTrue();
            assertThat(ByteBufUtil.equals(framed, packet)).isTrue();
            assertThat(framed.getUnsignedShort(framed.readerIndex() - 2)).isEqualTo(1968);
        } finally {
            framed.release();
            packet.release();
        }
        assertThat(counters.decryptionFailures()).isZero();
    }

    @Test
    void aWrongPassphraseNeverDeliversAndIsCounted() {
        RistCounters counters = new RistCounters();
        GreFramer sender = new GreFramer(new RistPsk(SECRET, 128, 0), new RistCounters());
        GreFramer receiver = new GreFramer(new RistPsk("another-secret".getBytes(StandardCharsets.US_ASCII), 128, 0), counters);
        int delivered = 0;
        for (int i = 0; i < 2000; i++) {
            ByteBuf packet = rtp(i);
            ByteBuf framed = sender.frame(PooledByteBufAllocator.DEFAULT, packet, 32769, 1968, false);
            if (receiver.unframe(framed, i * 1_000_000L)) {
                delivered++;
            }
            framed.release();
            packet.release();
        }
        assertThat(delivered).isZero();
        assertThat(counters.decryptionFailures()).isEqualTo(2000);
    }

    @Test
    void garbageClearPacketsKeepAlivesAndKeyedPacketsWithoutAKeyAreDroppedAndCounted() {
        RistCounters counters = new RistCounters();
        GreFramer keyed = new GreFramer(new RistPsk(SECRET, 128, 0), counters);
        GreFramer clear = new GreFramer(null, counters);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] noise = new byte[1 + random.nextInt(1400)];
            random.nextBytes(noise);
            noise[0] &= 0x3F; // not RTP, so it is read as GRE
            assertThat(clear.unframe(Unpooled.wrappedBuffer(noise), 0)).isFalse();
        }
        ByteBuf keepAlive = Unpooled.wrappedBuffer(new byte[] {0, 0, (byte) 0x88, (byte) 0xB5, 1, 2, 3, 4, 5, 6, 0, 0});
        assertThat(clear.unframe(keepAlive, 0)).isFalse();
        assertThat(counters.unsupported()).isPositive();

        ByteBuf packet = rtp(1);
        ByteBuf clearFrame = clear.frame(PooledByteBufAllocator.DEFAULT, packet, 32769, 1968, false);
        ByteBuf keyedFrame = keyed.frame(PooledByteBufAllocator.DEFAULT, packet, 32769, 1968, false);
        long failuresBefore = counters.decryptionFailures();
        assertThat(keyed.unframe(clearFrame, 0)).isFalse();
        assertThat(clear.unframe(keyedFrame, 0)).isFalse();
        assertThat(counters.decryptionFailures()).isEqualTo(failuresBefore + 2);
        clearFrame.release();
        keyedFrame.release();
        packet.release();
        assertThat(counters.malformed() + counters.unsupported()).isGreaterThanOrEqualTo(500);
    }
}
