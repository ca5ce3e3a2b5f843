package io.sluice.protocols.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.fec.FecTestStream.Datagram;
import io.sluice.protocols.fec.FecTestStream.Kind;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FecDecoderTest {
    private static final long HOLD_NS = 500_000_000L;
    private final FecTestStream.Collector out = new FecTestStream.Collector();
    private final FecDecoder decoder = new FecDecoder(FecTestStream.ALLOCATOR, out, HOLD_NS, 100);

    @AfterEach
    void close() {
        decoder.close();
    }

    private void feed(FecTestStream stream, Predicate<Datagram> drop, long nowNs) {
        for (Datagram d : stream.datagrams) {
            if (!drop.test(d)) {
                if (d.kind() == Kind.MEDIA) {
                    decoder.onMedia(d.toBuf(), nowNs);
                } else {
                    decoder.onFec(d.toBuf(), nowNs);
                }
            }
        }
    }

    @Test
    void rebuildsASingleLossBitIdenticalAndReleasesItInPlace() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(5, 4, true, 96), 65530, 60, 7, true);
        feed(stream, d -> d.kind() == Kind.MEDIA && d.index() == 7, 0);
        assertThat(out.packets).containsExactlyElementsOf(stream.media);
        assertThat(decoder.counters().recovered).isEqualTo(1);
        assertThat(decoder.counters().lostBeforeFec).isEqualTo(1);
        assertThat(decoder.counters().unrecoverable).isZero();
    }

    @Test
    void releasesWithoutDelayWhileNothingIsMissing() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(5, 4, true, 96), 0, 3, 8, false);
        feed(stream, d -> false, 0);
        assertThat(out.sequenceNumbers()).containsExactly(0, 1, 2);
    }

    @Test
    void holdsAMissingPacketUntilItsHoldTimeThenGivesItUp() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(5, 4, false, 96), 0, 6, 9, false);
        feed(stream, d -> d.kind() == Kind.MEDIA && d.index() == 2, 1_000);
        assertThat(out.sequenceNumbers()).containsExactly(0, 1);
        decoder.poll(1_000 + HOLD_NS - 1);
        assertThat(out.sequenceNumbers()).containsExactly(0, 1);
        decoder.poll(1_000 + HOLD_NS);
        assertThat(out.sequenceNumbers()).containsExactly(0, 1, 3, 4, 5);
        assertThat(decoder.counters().unrecoverable).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheWindowOfNewerPacketsLearnedFromTheFec() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(4, 4, false, 96), 0, 200, 10, false);
        // two losses in column 1 and no row FEC: nothing can fix them; 4x4 gives a window of 2*16+4+4 packets
        feed(stream, d -> d.kind() == Kind.MEDIA && (d.index() == 1 || d.index() == 5), 0);
        assertThat(decoder.windowPackets()).isEqualTo(40);
        assertThat(decoder.counters().unrecoverable).isEqualTo(2);
        assertThat(out.packets).hasSize(198);
    }

    @Test
    void iteratesRowAndColumnUntilNothingChanges() {
        // 4x4, matrix 1: lose (0,0), (0,1), (1,0): neither rows nor columns alone can fix them; row 1 fixes (1,0),
        // then column 0 fixes (0,0), then row 0 or column 1 fixes (0,1)
        FecTestStream stream = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 1000, 64, 11, true);
        Set<Integer> lost = Set.of(16, 17, 20);
        feed(stream, d -> d.kind() == Kind.MEDIA && lost.contains(d.index()), 0);
        assertThat(out.packets).containsExactlyElementsOf(stream.media);
        assertThat(decoder.counters().recovered).isEqualTo(3);
    }

    @Test
    void countsAndDropsMalformedOutOfWindowDuplicateAndMismatchedFec() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 0, 40, 12, false);
        List<Datagram> media = stream.datagrams.stream().filter(d -> d.kind() == Kind.MEDIA).toList();
        Datagram lastRow = stream.datagrams.stream().filter(d -> d.kind() == Kind.ROW).toList().getLast();
        feed(stream, d -> d.kind() == Kind.MEDIA && (d.index() == 36 || d.index() == 37), 0);

        decoder.onFec(FecTestStream.ALLOCATOR.directBuffer(20).writeZero(20), 0);
        ByteBuf notXor = lastRow.toBuf();
        notXor.setByte(24, 0x40 | (1 << 3));                        // type 1 is not XOR
        decoder.onFec(notXor, 0);
        assertThat(decoder.counters().fecMalformed).isEqualTo(2);

        decoder.onFec(lastRow.toBuf(), 0);                           // still held: 36 and 37 are both missing
        assertThat(decoder.counters().fecDuplicates).isEqualTo(1);

        ByteBuf farAhead = lastRow.toBuf();
        farAhead.setShort(12, 30000);
        decoder.onFec(farAhead, 0);
        assertThat(decoder.counters().fecOutOfWindow).isEqualTo(1);

        try (FecDecoder fresh = new FecDecoder(FecTestStream.ALLOCATOR, out, HOLD_NS, 100)) {
            for (int i = 0; i < 40; i++) {
                if (i != 36) {
                    fresh.onMedia(media.get(i).toBuf(), 0);
                }
            }
            ByteBuf truncated = lastRow.toBuf();
            truncated.writerIndex(28 + 100);                         // a 100-byte payload cannot rebuild 1316 bytes
            fresh.onFec(truncated, 0);
            assertThat(fresh.counters().fecLengthMismatch).isEqualTo(1);
            assertThat(fresh.counters().recovered).isZero();
        }
        assertThat(decoder.counters().recovered).isZero();
    }

    @Test
    void dropsDuplicateMediaAndMalformedMedia() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 0, 4, 13, false);
        feed(stream, d -> false, 0);
        feed(stream, d -> d.kind() != Kind.MEDIA, 0);
        ByteBuf notRtp = FecTestStream.ALLOCATOR.directBuffer(188).writeByte(0x47).writeZero(187);
        decoder.onMedia(notRtp, 0);
        assertThat(out.sequenceNumbers()).containsExactly(0, 1, 2, 3);
        assertThat(decoder.counters().mediaDuplicates).isEqualTo(4);
        assertThat(decoder.counters().mediaMalformed).isEqualTo(1);
    }

    @Test
    void restartsWhenTheSenderJumpsFarAhead() {
        FecTestStream first = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 100, 10, 14, false);
        FecTestStream second = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 20000, 10, 15, false);
        feed(first, d -> false, 0);
        feed(second, d -> false, 0);
        assertThat(out.packets).hasSize(20);
        assertThat(decoder.counters().resyncs).isEqualTo(1);
        assertThat(decoder.counters().unrecoverable).isZero();
    }

    @Test
    void restartsAfterARunOfPacketsOlderThanTheWindow() {
        FecTestStream first = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 50000, 10, 16, false);
        FecTestStream second = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 30000, 10, 17, false);
        feed(first, d -> false, 0);
        feed(second, d -> false, 0);
        assertThat(decoder.counters().mediaOutOfWindow).as("two stale packets before the restart is believed")
                .isEqualTo(2);
        assertThat(out.sequenceNumbers()).hasSize(18).containsSubsequence(50009, 30002, 30003, 30009)
                .doesNotContain(30000, 30001);
        assertThat(decoder.counters().resyncs).isEqualTo(1);
    }
}
