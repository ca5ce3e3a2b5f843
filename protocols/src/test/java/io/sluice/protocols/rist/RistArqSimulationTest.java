package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The receive buffer against a simulated sender and link, in simulated time: random and burst loss of originals,
 * lost first retransmissions, any RTT, 16- and 32-bit sequence numbers starting anywhere (wraps included), and a
 * return path that stays quiet for up to 600 ms at the start of the stream (a peer still setting up, a stalled
 * loop). Every loss the budget can still save must come out in order, and be counted once: lost = recovered,
 * unrecovered = 0.
 */
class RistArqSimulationTest {
    private static final long MS = 1_000_000L;
    private static final int LATENCY_MS = 1000;

    /** kind 0: a packet arrives at the receiver; kind 1: the receiver's 5 ms tick. */
    private record Event(long atNs, int kind, int index, boolean retransmission) {}

    @Property(tries = 250)
    void everyLossInsideTheBudgetIsRecoveredAndCountedOnce(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long firstSeq,
            @ForAll boolean extended, @ForAll @IntRange(min = 100, max = 1500) int packets,
            @ForAll @IntRange(min = 0, max = 10) int lossPercent, @ForAll @IntRange(min = 0, max = 12) int burst,
            @ForAll @IntRange(min = 1, max = 60) int rttMs, @ForAll @IntRange(min = 100, max = 5000) int intervalUs,
            @ForAll @IntRange(min = 0, max = 50) int firstRetransmissionLossPercent,
            @ForAll @IntRange(min = 0, max = 600) int quietMs, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        RistCounters counters = new RistCounters();
        RistReceiveBuffer buffer = new RistReceiveBuffer(RistReceiveBuffer.slotsFor(LATENCY_MS, 80_000_000L),
                LATENCY_MS * MS, 25 * MS, 20 * MS, 20, counters);
        List<Integer> released = new ArrayList<>();
        RistPacketSink sink = new RistPacketSink() {
            @Override
            public void onPacket(ByteBuf rtpPacket, long releaseNs) {
                released.add((int) new RtpView().wrap(rtpPacket).timestamp());
                rtpPacket.release();
            }

            @Override
            public void onBatchComplete() {}
        };
        Random random = new Random(seed);
        long oneWayNs = rttMs * MS / 2;
        PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atNs, b.atNs));
        int burstStart = burst == 0 ? -1 : 1 + random.nextInt(packets - burst - 1);
        for (int i = 0; i < packets; i++) {
            // the first packet opens the stream and the last reveals the gaps before it: neither may be lost
            boolean lost = i > 0 && i < packets - 1
                    && (random.nextInt(100) < lossPercent || i >= burstStart && i < burstStart + burst);
            if (!lost) {
                queue.add(new Event(i * intervalUs * 1000L + oneWayNs, 0, i, false));
            }
        }
        long endNs = packets * intervalUs * 1000L + 3 * LATENCY_MS * MS;
        for (long t = 5 * MS; t < endNs; t += 5 * MS) {
            queue.add(new Event(t, 1, 0, false));
        }
        int[] answered = new int[packets];
        long mask = extended ? 0xFFFFFFFFL : 0xFFFFL;
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            if (e.kind == 0) {
                long seq = (firstSeq + e.index) & mask;
                ByteBuf packet = packet((int) (seq & 0xFFFF), e.index);
                if (extended) {
                    buffer.insertExtended(packet, seq, e.retransmission, e.atNs, sink);
                } else {
                    buffer.insert(packet, (int) seq, e.retransmission, e.atNs, sink);
                }
                buffer.releaseDue(e.atNs, sink);
                continue;
            }
            buffer.releaseDue(e.atNs, sink);
            ByteBuf out = Unpooled.buffer();
            buffer.writeNacks(out, 0x1000, e.atNs, rttMs * MS);
            List<long[]> ranges = new ArrayList<>();
            RtcpReader.read(out, 0, out.writerIndex(), new RtcpListener() {
                @Override
                public void onNack(int first, int extra) {
                    ranges.add(new long[] {first, extra});
                }

                @Override
                public void onExtendedNack(long first, int extra) {
                    ranges.add(new long[] {first, extra});
                }
            });
            out.release();
            if (e.atNs < quietMs * MS) {
                continue; // nobody answers yet
            }
            for (long[] range : ranges) {
                for (int k = 0; k <= range[1]; k++) {
                    int index = (int) ((range[0] + k - firstSeq) & mask);
                    if (answered[index]++ == 0 && random.nextInt(100) < firstRetransmissionLossPercent) {
                        continue;
                    }
                    queue.add(new Event(e.atNs + 2 * oneWayNs, 0, index, true));
                }
            }
        }
        buffer.close();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            expected.add(i);
        }
        assertThat(released).isEqualTo(expected);
        assertThat(counters.unrecovered()).isZero();
        assertThat(counters.recoveredByArq()).isEqualTo(counters.lostBeforeArq());
        assertThat(counters.packetsRequested()).isEqualTo(counters.lostBeforeArq());
    }

    /** An RTP packet whose timestamp carries the stream index, so the output order can be checked across wraps. */
    private static ByteBuf packet(int seq, int index) {
        ByteBuf buf = Unpooled.buffer(12 + 8);
        RtpView.writeHeader(buf, false, 33, seq, index, 0x1000);
        buf.writeZero(8);
        return buf;
    }
}
