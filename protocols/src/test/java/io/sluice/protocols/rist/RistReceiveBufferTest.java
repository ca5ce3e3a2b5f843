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
        assertThat(nacks(27 * MS + 19 * MS)).isEmpty();
        assertThat(nacks(47 * MS)).containsExactly(new int[] {0, 1});
        buffer.insert(packet(1), 1, true, 50 * MS, sink);
        assertThat(nacks(67 * MS)).containsExactly(new int[] {0, 0});

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
}
