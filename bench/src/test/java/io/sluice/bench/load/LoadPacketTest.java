package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LoadPacketTest {

    private static ByteBuffer stamped(long sequence, long sendNs) {
        ByteBuffer datagram = ByteBuffer.allocate(LoadPacket.DATAGRAM_BYTES);
        LoadPacket.initialise(datagram);
        LoadPacket.stamp(datagram, sequence, sendNs);
        return datagram;
    }

    @Test
    void readsBackTheSequenceAndSendTimeItStamped() {
        ByteBuf buf = Unpooled.wrappedBuffer(stamped(70_000L, 123_456_789_012L));
        try {
            int fields = LoadPacket.fieldsOffset(buf);
            assertThat(fields).isPositive();
            assertThat(LoadPacket.sequence(buf, fields)).isEqualTo(70_000L);
            assertThat(LoadPacket.sendNs(buf, fields)).isEqualTo(123_456_789_012L);
            assertThat(buf.getUnsignedShort(2)).as("RTP sequence is the low 16 bits").isEqualTo(70_000 & 0xFFFF);
        } finally {
            buf.release();
        }
    }

    @Test
    void isAnRtpPacketCarryingSevenTsPackets() {
        ByteBuffer datagram = stamped(1, 2);
        assertThat(datagram.remaining()).isEqualTo(12 + 1316);
        assertThat(datagram.get(0) & 0xFF).as("RTP version 2").isEqualTo(0x80);
        assertThat(datagram.get(1) & 0x7F).as("payload type MP2T").isEqualTo(33);
        for (int i = 0; i < 7; i++) {
            assertThat(datagram.get(12 + 188 * i)).as("sync byte of TS packet %d", i).isEqualTo((byte) 0x47);
        }
    }

    @Test
    void findsTheFieldsBehindCsrcsAndAHeaderExtension() {
        ByteBuffer original = stamped(42, 4242);
        byte[] plain = new byte[original.remaining()];
        original.get(plain);
        // 1 CSRC (4 bytes) and an extension of 2 words (4 + 8 bytes) inserted after the fixed header.
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte(0x80 | 0x10 | 0x01).writeBytes(plain, 1, 11);
            buf.writeInt(0xCAFE);
            buf.writeShort(0xBEDE).writeShort(2).writeLong(0);
            buf.writeBytes(plain, 12, plain.length - 12);
            int fields = LoadPacket.fieldsOffset(buf);
            assertThat(LoadPacket.sequence(buf, fields)).isEqualTo(42);
            assertThat(LoadPacket.sendNs(buf, fields)).isEqualTo(4242);
        } finally {
            buf.release();
        }
    }

    @Test
    void rejectsDatagramsThatAreNotLoadPackets() {
        ByteBuf tsOnly = Unpooled.buffer().writeByte(0x47).writeZero(1315);
        ByteBuf tooShort = Unpooled.buffer().writeByte(0x80).writeZero(20);
        try {
            assertThat(LoadPacket.fieldsOffset(tsOnly)).isEqualTo(-1);
            assertThat(LoadPacket.fieldsOffset(tooShort)).isEqualTo(-1);
        } finally {
            tsOnly.release();
            tooShort.release();
        }
    }

    @Test
    void convertsRatesOnTheTsPayload() {
        assertThat(LoadPacket.packetsPerSecond(51)).isCloseTo(4844, org.assertj.core.data.Offset.offset(1.0));
        assertThat(LoadPacket.mbps(LoadPacket.packetsPerSecond(940))).isCloseTo(940, org.assertj.core.data.Offset.offset(1e-9));
    }
}
