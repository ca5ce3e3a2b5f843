package io.sluice.protocols.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocols.fec.FecTestStream.Datagram;
import io.sluice.protocols.fec.FecTestStream.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For random loss patterns on media and FEC, the decoder recovers exactly the packets that the 2022-1 matrix makes
 * recoverable, as decided by a naive reference solver (iterate "a FEC set with exactly one member missing recovers
 * it" to a fixpoint), and releases everything else it has, bit-identical, in order, once.
 */
class FecRecoveryProperties {
    private static final int TESTED_MATRICES = 3;
    private static final int TRAILING_MATRICES = 2;

    @Property(tries = 100)
    void recoversExactlyWhatTheMatrixAllows(@ForAll @IntRange(min = 4, max = 10) int columns,
                                            @ForAll @IntRange(min = 4, max = 10) int rows,
                                            @ForAll boolean rowFec,
                                            @ForAll @IntRange(min = 0, max = 65535) int firstSequence,
                                            @ForAll @IntRange(min = 0, max = 35) int mediaLossPercent,
                                            @ForAll @IntRange(min = 0, max = 30) int fecLossPercent,
                                            @ForAll boolean variableSizes,
                                            @ForAll long seed) {
        FecMatrix matrix = new FecMatrix(columns, rows, rowFec, 96);
        int tested = TESTED_MATRICES * matrix.packets();
        int total = tested + TRAILING_MATRICES * matrix.packets();
        FecTestStream stream = FecTestStream.generate(matrix, firstSequence, total, seed, variableSizes);

        Random loss = new Random(seed ^ 0x5EED);
        BitSet lostMedia = new BitSet();
        BitSet lostColumns = new BitSet();
        BitSet lostRows = new BitSet();
        for (int i = 1; i < tested; i++) {           // the first packet arrives: a receiver cannot know of earlier ones
            if (loss.nextInt(100) < mediaLossPercent) {
                lostMedia.set(i);
            }
        }
        for (int j = 0; j < TESTED_MATRICES * columns; j++) {
            if (loss.nextInt(100) < fecLossPercent) {
                lostColumns.set(j);
            }
        }
        for (int j = 0; j < TESTED_MATRICES * rows; j++) {
            if (loss.nextInt(100) < fecLossPercent) {
                lostRows.set(j);
            }
        }
        BitSet recoverable = naiveRecoverable(columns, rows, rowFec, lostMedia, lostColumns, lostRows);

        FecTestStream.Collector out = new FecTestStream.Collector();
        FecDecoder decoder = new FecDecoder(FecTestStream.ALLOCATOR, out, 1_000_000_000L, 100);
        try {
            for (Datagram d : stream.datagrams) {
                boolean dropped = switch (d.kind()) {
                    case MEDIA -> lostMedia.get(d.index());
                    case COLUMN -> lostColumns.get(d.index());
                    case ROW -> lostRows.get(d.index());
                };
                if (!dropped) {
                    if (d.kind() == Kind.MEDIA) {
                        decoder.onMedia(d.toBuf(), 0);
                    } else {
                        decoder.onFec(d.toBuf(), 0);
                    }
                }
            }
            decoder.poll(1_000_000_000L);
        } finally {
            decoder.close();
        }

        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (!lostMedia.get(i) || recoverable.get(i)) {
                expected.add(stream.media.get(i));
            }
        }
        assertThat(out.packets).as("released packets, in order, bit-identical").containsExactlyElementsOf(expected);
        FecDecoderCounters counters = decoder.counters();
        assertThat(counters.recovered).isEqualTo(recoverable.cardinality());
        assertThat(counters.unrecoverable).isEqualTo(lostMedia.cardinality() - recoverable.cardinality());
        assertThat(counters.lostBeforeFec).isEqualTo(lostMedia.cardinality());
        assertThat(counters.fecLengthMismatch + counters.fecMalformed + counters.fecOutOfWindow).isZero();
    }

    /** The lost media packets that repeated single-erasure decoding over the received FEC sets recovers. */
    static BitSet naiveRecoverable(int columns, int rows, boolean rowFec, BitSet lostMedia, BitSet lostColumns,
                                   BitSet lostRows) {
        List<int[]> sets = new ArrayList<>();
        int matrixPackets = columns * rows;
        for (int m = 0; m < TESTED_MATRICES; m++) {
            for (int c = 0; c < columns; c++) {
                if (!lostColumns.get(m * columns + c)) {
                    int[] set = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        set[r] = m * matrixPackets + r * columns + c;
                    }
                    sets.add(set);
                }
            }
            for (int r = 0; rowFec && r < rows; r++) {
                if (!lostRows.get(m * rows + r)) {
                    int[] set = new int[columns];
                    for (int c = 0; c < columns; c++) {
                        set[c] = m * matrixPackets + r * columns + c;
                    }
                    sets.add(set);
                }
            }
        }
        BitSet missing = (BitSet) lostMedia.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] set : sets) {
                int missingCount = 0;
                int last = -1;
                for (int member : set) {
                    if (missing.get(member)) {
                        missingCount++;
                        last = member;
                    }
                }
                if (missingCount == 1) {
                    missing.clear(last);
                    changed = true;
                }
            }
        }
        BitSet recovered = (BitSet) lostMedia.clone();
        recovered.andNot(missing);
        return recovered;
    }
}
