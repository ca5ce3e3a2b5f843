package io.sluice.gateway.flow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.UdpRecorder;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * SMPTE 2022-7 with a real sender: ffmpeg's RTP stream is split into two paths (as a 2022-7 sender does), each
 * through a loss relay with its own seeded random losses, disjoint between the paths, into the merge. The merged
 * output is complete, bit-identical to what ffmpeg sent, in order, with zero duplicates.
 *
 * <pre>
 * ffmpeg --> UdpRecorder (records, splits) --> LossRelay A (drops ~3 %) --> leg 0
 *                               \-> LossRelay B (drops ~3 %, never the same packet) --> leg 1 --> HitlessMerge
 * </pre>
 */
class HitlessMergeIT {
    private static final long SEED = 2022_7;

    /** Datagram index i is dropped on path A when {@code pick(i) == 0}, on B when {@code pick(i) == 1}: disjoint. */
    private static int pick(long index) {
        return new SplittableRandom(SEED + index * 7919).nextInt(33);
    }

    @Test
    void disjointLossesOnTwoPathsGiveACompleteBitIdenticalStream() throws Exception {
        int senderPort = FreePorts.udpBlock();
        int relayA = FreePorts.udpBlock();
        int relayB = FreePorts.udpBlock();
        int legPorts = FreePorts.udpBlock();
        RecordingSink out = new RecordingSink();
        // 1 s window: generous for a shared, loaded CI machine (the loop may stall between reading the two sockets)
        HitlessMerge merge = new HitlessMerge(out, 1_000_000_000L, 4096);
        LongPredicate dropA = i -> pick(i) == 0;
        LongPredicate dropB = i -> pick(i) == 1;
        List<byte[]> sent;
        MergeCounters.Snapshot counters;
        long droppedA;
        long droppedB;
        try (TwoLegReceiver receiver = new TwoLegReceiver(legPorts, legPorts + 2, new TwoLegReceiver.Stage() {
                @Override public void onPacket(int leg, io.netty.buffer.ByteBuf p, long nowNs) { merge.onPacket(leg, p, nowNs); }
                @Override public void poll(long nowNs) { merge.poll(nowNs); }
             });
             LossRelay a = new LossRelay(relayA, legPorts, dropA);
             LossRelay b = new LossRelay(relayB, legPorts + 2, dropB);
             UdpRecorder splitter = new UdpRecorder(senderPort, relayA, relayB);
             PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                     "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "4",
                     "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                     "-pix_fmt", "yuv420p", "-an", "-flush_packets", "0", "-f", "rtp_mpegts",
                     "rtp://127.0.0.1:" + senderPort + "?pkt_size=1328")) {
            assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as(ffmpeg.log()).isZero();
            Thread.sleep(1000);                                  // the last packets cross the relays
            counters = receiver.onLoop(() -> {
                merge.poll(System.nanoTime() + 1_000_000_000L);
                return merge.counters().snapshot();
            });
            sent = splitter.packets();
            droppedA = a.dropped();
            droppedB = b.dropped();
        } finally {
            merge.close();
        }
        assertThat(sent.size()).as("packets ffmpeg sent").isGreaterThan(300);
        assertThat(droppedA).isPositive();
        assertThat(droppedB).isPositive();
        assertThat(out.bytes).as("merged output vs what ffmpeg sent").containsExactlyElementsOf(sent);
        assertThat(counters.lostOnBoth()).isZero();
        assertThat(counters.onlyFrom0()).as("B's losses filled from A").isEqualTo(droppedB);
        assertThat(counters.onlyFrom1()).as("A's losses filled from B").isEqualTo(droppedA);
        assertThat(counters.output()).isEqualTo(sent.size());
        assertThat(counters.duplicates0() + counters.duplicates1())
                .as("second copies, dropped").isEqualTo(2L * sent.size() - droppedA - droppedB - sent.size());
    }
}
