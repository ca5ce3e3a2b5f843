package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
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
        ByteBuffer datagram = stamped(70_000L, 123_456_789_012L);
        // behind 100 other bytes, as in the receiver's batch memory
        MemorySegment memory = MemorySegment.ofArray(new byte[100 + datagram.remaining()]);
        MemorySegment.copy(MemorySegment.ofBuffer(datagram), 0, memory, 100, datagram.remaining());
        long fields = LoadPacket.fieldsOffset(memory, 100, datagram.remaining());
        assertThat(fields).isGreaterThan(100);
        assertThat(LoadPacket.sequence(memory, fields)).isEqualTo(70_000L);
        assertThat(LoadPacket.sendNs(memory, fields)).isEqualTo(123_456_789_012L);
        assertThat(datagram.getShort(2) & 0xFFFF).as("RTP sequence is the low 16 bits").isEqualTo(70_000 & 0xFFFF);
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
        ByteBuffer buf = ByteBuffer.allocate(plain.length + 16);
        buf.put((byte) (0x80 | 0x10 | 0x01)).put(plain, 1, 11);
        buf.putInt(0xCAFE);
        buf.putShort((short) 0xBEDE).putShort((short) 2).putLong(0);
        buf.put(plain, 12, plain.length - 12);
        MemorySegment memory = MemorySegment.ofArray(buf.array());
        long fields = LoadPacket.fieldsOffset(memory, 0, buf.position());
        assertThat(LoadPacket.sequence(memory, fields)).isEqualTo(42);
        assertThat(LoadPacket.sendNs(memory, fields)).isEqualTo(4242);
    }

    @Test
    void rejectsDatagramsThatAreNotLoadPackets() {
        byte[] tsOnly = new byte[1316];
        tsOnly[0] = 0x47;
        byte[] tooShort = new byte[21];
        tooShort[0] = (byte) 0x80;
        assertThat(LoadPacket.fieldsOffset(MemorySegment.ofArray(tsOnly), 0, tsOnly.length)).isEqualTo(-1);
        assertThat(LoadPacket.fieldsOffset(MemorySegment.ofArray(tooShort), 0, tooShort.length)).isEqualTo(-1);
    }

    @Test
    void convertsRatesOnTheTsPayload() {
        assertThat(LoadPacket.packetsPerSecond(51)).isCloseTo(4844, org.assertj.core.data.Offset.offset(1.0));
        assertThat(LoadPacket.mbps(LoadPacket.packetsPerSecond(940))).isCloseTo(940, org.assertj.core.data.Offset.offset(1e-9));
    }
}
