package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RistReceiveBufferTest {
    private static final long MS = 1_000_000L;
    /** (latency - reorder) / max retries = (1000 - 25) / 20 ms: the requests are spread over the whole budget. */
    private static final long RETRY = 48_750_000L;
    private final RistCounters counters = new RistCounters();
    private final RistReceiveBuffer buffer = new RistReceiveBuffer(1024, 1000 * MS, 25 * MS, 20 * MS, 20, counters);
    private final List<Integer> released = new ArrayList<>();
    private final RistPacketSink sink = new RistPacketSink() {
        @Override
        public void onPacket(ByteBuf rtpPacket, long releaseNs) {
            released.add(new RtpView().wrap(rtpPacket).sequenceNumber());
            rtpPacket.release();
        }

        @Override
        public void onBatchComplete() {}
    };

    @AfterEach
    void release() {
        buffer.close();
    }

    private static ByteBuf packet(int seq) {
        ByteBuf buf = Unpooled.buffer(12 + 188);
        RtpView.writeHeader(buf, false, 33, seq, 0, 0x1000);
        buf.writeZero(188);
        return buf;
    }

    private List<int[]> nacks(long nowNs) {
        ByteBuf out = Unpooled.buffer();
        try {
            buffer.writeNacks(out, 0x1000, nowNs, 0);
            List<int[]> ranges = new ArrayList<>();
            RtcpReader.read(out, 0, out.writerIndex(), new RtcpListener() {
                @Override
                public void onNack(int firstSeq, int extra) {
                    ranges.add(new int[] {firstSeq, extra});
                }
            });
            return ranges;
        } finally {
            out.release();
        }
    }

    @Test
    void requestsAGapAfterTheReorderTimeThenAgainEachRetryIntervalAndReleasesInOrder() {
        buffer.insert(packet(65534), 65534, false, 0, sink);
        buffer.insert(packet(65535), 65535, false, 1 * MS, sink);
        buffer.insert(packet(2), 2, false, 2 * MS, sink);
        assertThat(counters.lostBeforeArq()).isEqualTo(2);
        assertThat(nacks(2 * MS + 25 * MS - 1)).isEmpty();
        assertThat(nacks(27 * MS)).containsExactly(new int[] {0, 1});
        assertThat(nacks(27 * MS + RETRY - 1)).isEmpty();
        assertThat(nacks(27 * MS + RETRY)).containsExactly(new int[] {0, 1});
        buffer.insert(packet(1), 1, true, 80 * MS, sink);
        assertThat(nacks(27 * MS + 2 * RETRY)).containsExactly(new int[] {0, 0});

        assertThat(buffer.releaseDue(1000 * MS - 1, sink)).isZero();
        assertThat(buffer.releaseDue(1002 * MS, sink)).isEqualTo(4);
        assertThat(released).containsExactly(65534, 65535, 1, 2);
        assertThat(counters.unrecovered()).isEqualTo(1);
        assertThat(counters.recoveredByArq()).isEqualTo(1);
        assertThat(buffer.missing()).isZero();
    }

    @Test
    void aPacketThatArrivesBeforeItIsRequestedIsOnlyReorderedNotLost() {
        buffer.insert(packet(10), 10, false, 0, sink);
        buffer.insert(packet(12), 12, false, 0, sink);
        buffer.insert(packet(11), 11, false, 5 * MS, sink);
        assertThat(counters.lostBeforeArq()).isZero();
        assertThat(nacks(100 * MS)).isEmpty();
        buffer.releaseDue(2000 * MS, sink);
        assertThat(released).containsExactly(10, 11, 12);
    }

    @Test
    void dropsAndCountsDuplicatesAndPacketsAfterTheirRelease() {
        buffer.insert(packet(5), 5, false, 0, sink);
        buffer.insert(packet(5), 5, true, 1, sink);
        buffer.releaseDue(1000 * MS, sink);
        buffer.insert(packet(5), 5, true, 1001 * MS, sink);
        assertThat(counters.duplicates()).isEqualTo(1);
        assertThat(counters.late()).isEqualTo(1);
        assertThat(released).containsExactly(5);
    }

    @Test
    void stopsAskingWhenNoRetransmissionCouldArriveBeforeTheDeadline() {
        buffer.insert(packet(1), 1, false, 0, sink);
        buffer.insert(packet(3), 3, false, 0, sink);
        ByteBuf out = Unpooled.buffer();
        assertThat(buffer.writeNacks(out, 0x1000, 990 * MS, 20 * MS)).isZero();
        out.release();
    }

    /**
     * The ARQ miscount: requests went out every 20 ms and stopped after 20, about 0.4 s after a gap was seen, while
     * the gap could still have been saved until MaxLatency. A return path that is quiet for longer than that (the
     * start of a stream, a stalled peer) left gaps "unrecovered" although the retransmission came in time.
     */
    @Test
    void keepsAskingForAGapUntilItsDeadlineNotOnlyForTheFirst400Ms() {
        buffer.insert(packet(1), 1, false, 0, sink);
        buffer.insert(packet(3), 3, false, 0, sink);
        List<Long> asked = new ArrayList<>();
        for (long t = 0; t < 1000 * MS; t += 5 * MS) {
            if (!nacks(t).isEmpty()) {
                asked.add(t / MS);
            }
        }
        assertThat(asked).hasSizeLessThanOrEqualTo(20).first().isEqualTo(25L);
        assertThat(asked.getLast()).as("last request, ms after the gap was seen").isBetween(900L, 999L);
        buffer.insert(packet(2), 2, true, 960 * MS, sink); // the peer answers late in the budget: still in time
        buffer.releaseDue(1000 * MS, sink);
        assertThat(released).containsExactly(1, 2, 3);
        assertThat(counters.unrecovered()).isZero();
        assertThat(counters.recoveredByArq()).isEqualTo(counters.lostBeforeArq()).isEqualTo(1);
        assertThat(counters.packetsRequested()).isEqualTo(1);
        assertThat(counters.nackRequestsSent()).isEqualTo(asked.size());
    }

    @Test
    void aGapPushedOutOfAFullRingIsUnrecoveredAndCountedAsOverflow() {
        RistCounters small = new RistCounters();
        RistReceiveBuffer ring = new RistReceiveBuffer(64, 1000 * MS, 25 * MS, 20 * MS, 20, small);
        ring.insert(packet(0), 0, false, 0, sink);
        for (int seq = 2; seq < 70; seq++) { // 1 is missing; 69 - 0 > 63 slots: the ring is full
            ring.insert(packet(seq), seq, false, seq * MS, sink);
        }
        assertThat(released).startsWith(0, 2, 3);
        assertThat(small.lostBeforeArq()).isEqualTo(1);
        assertThat(small.unrecovered()).isEqualTo(1);
        assertThat(small.overflow()).isEqualTo(1);
        ring.close();
    }

    @Test
    void aNewSsrcDeliversWhatTheOldStreamHadBufferedAndClosesItsGaps() {
        buffer.insert(packet(1), 1, false, 0, sink);
        buffer.insert(packet(3), 3, false, 0, sink);
        assertThat(buffer.reset(10 * MS, sink)).isEqualTo(2);
        buffer.insert(packet(500), 500, false, 20 * MS, sink);
        buffer.releaseDue(1020 * MS, sink);
        assertThat(released).containsExactly(1, 3, 500);
        assertThat(counters.lostBeforeArq()).isEqualTo(counters.recoveredByArq() + counters.unrecovered());
    }

    @Test
    void thirtyTwoBitSequenceNumbersAreRequestedWithExtseqAcrossA16BitWrap() {
        buffer.insertExtended(packet(0xFFFE), 0x0001_FFFEL, false, 0, sink);
        buffer.insertExtended(packet(0x0001), 0x0002_0001L, false, 0, sink);
        assertThat(buffer.extendedSequence()).isTrue();
        ByteBuf out = Unpooled.buffer();
        List<long[]> ranges = new ArrayList<>();
        try {
            assertThat(buffer.writeNacks(out, 0x1000, 30 * MS, 0)).isEqualTo(2);
            RtcpReader.read(out, 0, out.writerIndex(), new RtcpListener() {
                @Override
                public void onExtendedNack(long firstSeq, int extra) {
                    ranges.add(new long[] {firstSeq, extra});
                }
            });
        } finally {
            out.release();
        }
        assertThat(ranges).containsExactly(new long[] {0x0001_FFFFL, 1});
        buffer.insertExtended(packet(0x0000), 0x0002_0000L, true, 40 * MS, sink);
        buffer.insertExtended(packet(0xFFFF), 0x0001_FFFFL, true, 40 * MS, sink);
        buffer.releaseDue(2000 * MS, sink);
        assertThat(released).containsExactly(0xFFFE, 0xFFFF, 0x0000, 0x0001);
        assertThat(counters.recoveredByArq()).isEqualTo(2);
    }
}
