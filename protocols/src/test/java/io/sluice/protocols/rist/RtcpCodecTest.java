package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCodecTest {

    private static final class Recorder implements RtcpListener {
        final List<Integer> nacked = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onNack(int firstSeq, int extra) {
            for (int i = 0; i <= extra; i++) {
                nacked.add((firstSeq + i) & 0xFFFF);
            }
        }

        @Override
        public void onReport(long ssrc) {
            events.add("report " + Long.toHexString(ssrc));
        }

        @Override
        public void onSdes(long ssrc) {
            events.add("sdes " + Long.toHexString(ssrc));
        }

        @Override
        public void onEchoRequest(long timestamp) {
            events.add("echo request " + timestamp);
        }

        @Override
        public void onEchoResponse(long timestamp, long processingDelayUs) {
            events.add("echo response " + timestamp + " " + processingDelayUs);
        }
    }

    @Test
    void readsTheTr06_1WorkedExampleAsBitmaskAndAsRangeNacks() {
        // lost 100 and 103..122: bitmask PID=100 BLP=0xFFFC, PID=117 BLP=0x001F; ranges (100, 0), (103, 19)
        ByteBuf bitmask = Unpooled.buffer();
        RtcpWriter.genericNack(bitmask, 1, 2, 100, 0xFFFC);
        RtcpWriter.genericNack(bitmask, 1, 2, 117, 0x001F);
        ByteBuf ranges = Unpooled.buffer();
        int start = RtcpWriter.beginRangeNack(ranges, 2);
        RtcpWriter.range(ranges, 100, 0);
        RtcpWriter.range(ranges, 103, 19);
        RtcpWriter.endRangeNack(ranges, start);
        List<Integer> expected = new ArrayList<>();
        expected.add(100);
        for (int s = 103; s <= 122; s++) {
            expected.add(s);
        }
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        assertThat(RtcpReader.read(bitmask, 0, bitmask.writerIndex(), a)).isTrue();
        assertThat(RtcpReader.read(ranges, 0, ranges.writerIndex(), b)).isTrue();
        assertThat(a.nacked).containsExactlyElementsOf(expected);
        assertThat(b.nacked).containsExactlyElementsOf(expected);
        assertThat(ranges.getUnsignedShort(2)).isEqualTo(2 + 2);
        bitmask.release();
        ranges.release();
    }

    @Test
    void aSenderCompoundRoundTripsAndEveryPacketIsWordAligned() {
        ByteBuf out = Unpooled.buffer();
        RtcpWriter.senderReport(out, 0xABCD0000L, RtcpWriter.ntpNow(1_700_000_000_123L), 90000, 10, 13160);
        RtcpWriter.sdes(out, 0xABCD0000L, "sluice".getBytes());
        RtcpWriter.echoRequest(out, 0xABCD0000L, 123456789L);
        RtcpWriter.echoResponse(out, 0xABCD0000L, 987654321L, 17);
        assertThat(out.writerIndex() % 4).isZero();
        Recorder r = new Recorder();
        assertThat(RtcpReader.read(out, 0, out.writerIndex(), r)).isTrue();
        assertThat(r.events).containsExactly("report abcd0000", "sdes abcd0000", "echo request 123456789",
                "echo response 987654321 17");
        out.release();
    }

    @Test
    void aLengthRunningPastTheEndIsMalformed() {
        ByteBuf out = Unpooled.buffer();
        RtcpWriter.emptyReceiverReport(out, 5);
        out.setShort(2, 40);
        assertThat(RtcpReader.read(out, 0, out.writerIndex(), new Recorder())).isFalse();
        out.release();
    }

    @Test
    void rangeAndBitmaskNacksAfterExtseqNameThirtyTwoBitSequenceNumbers() {
        ByteBuf compound = Unpooled.buffer();
        RtcpWriter.emptyReceiverReport(compound, 7);
        RtcpWriter.extendedSequence(compound, 0x1000, 0x0003);
        int start = RtcpWriter.beginRangeNack(compound, 0x1000);
        RtcpWriter.range(compound, 0xFFFE, 2); // crosses into 0x0004_0000
        RtcpWriter.endRangeNack(compound, start);
        RtcpWriter.genericNack(compound, 7, 0x1000, 0x0010, 0x0001);
        List<Long> extended = new ArrayList<>();
        RtcpReader.read(compound, 0, compound.writerIndex(), new RtcpListener() {
            @Override
            public void onExtendedNack(long firstSeq, int extra) {
                for (int i = 0; i <= extra; i++) {
                    extended.add((firstSeq + i) & 0xFFFFFFFFL);
                }
            }
        });
        assertThat(extended).containsExactly(0x0003_FFFEL, 0x0003_FFFFL, 0x0004_0000L, 0x0003_0010L, 0x0003_0011L);
        // an endpoint with 16-bit numbers sees the low bits through the default method
        Recorder plain = new Recorder();
        RtcpReader.read(compound, 0, compound.writerIndex(), plain);
        assertThat(plain.nacked).containsExactly(0xFFFE, 0xFFFF, 0x0000, 0x0010, 0x0011);
        compound.release();
    }
}
