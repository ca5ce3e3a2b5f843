package io.sluice.gateway.flow.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.merge.TwoLegReceiver;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FAILOVER with two real senders (two ffmpeg processes, each with its own SSRC): the primary is killed mid-stream,
 * the output moves to the backup; a new primary starts and the output returns to it after the hold-off. Logs the
 * measured switch time (last primary packet to first backup packet at the output) for docs/failover-merge.md.
 */
class FailoverSwitchIT {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverSwitchIT.class);
    private static final long MS = 1_000_000L;
    private static final FailoverSettings SETTINGS = new FailoverSettings(500 * MS, 1_000 * MS);

    /** One packet seen by the stage or by its output: when, from which leg, with which SSRC. */
    private record Seen(long atNs, int leg, long ssrc) {}

    private static PeerProcess sender(int port, int seconds) {
        return PeerProcess.start(Duration.ofSeconds(seconds + 20), "ffmpeg", "-hide_banner", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", Integer.toString(seconds),
                "-c:v", "mpeg2video", "-b:v", "1M", "-an", "-flush_packets", "0", "-f", "rtp_mpegts",
                "rtp://127.0.0.1:" + port + "?pkt_size=1328");
    }

    @Test
    void switchesToTheBackupWhenThePrimaryDiesAndBackWhenItReturns() throws Exception {
        int ports = FreePorts.udpBlock();
        List<Seen> arrivals = new ArrayList<>();                 // receiver thread only, read after close
        List<Seen> output = new ArrayList<>();
        PacketSink downstream = new PacketSink() {
            @Override public void onPacket(ByteBuf p, long arrivalNs) {
                output.add(new Seen(arrivalNs, -1, p.getUnsignedInt(p.readerIndex() + 8)));
                p.release();
            }
            @Override public void onBatchComplete() { }
        };
        // built here, used only on the receiver thread from then on (starting the thread publishes it)
        FailoverSwitch[] stage = {new FailoverSwitch("failover-it", new String[] {"primary", "backup"},
                downstream, 0, true, SETTINGS, System.nanoTime())};
        try (TwoLegReceiver receiver = new TwoLegReceiver(ports, ports + 2, new TwoLegReceiver.Stage() {
                @Override public void onPacket(int leg, ByteBuf p, long nowNs) {
                    arrivals.add(new Seen(nowNs, leg, p.getUnsignedInt(p.readerIndex() + 8)));
                    stage[0].onPacket(leg, p, nowNs);
                }
                @Override public void poll(long nowNs) { stage[0].poll(nowNs); }
             })) {
            try (PeerProcess primary = sender(ports, 10)) {
                assertThat(awaitPackets(receiver, arrivals, 0, 20)).as(primary.log()).isTrue();
                try (PeerProcess backup = sender(ports + 2, 10)) {
                    assertThat(awaitPackets(receiver, arrivals, 1, 100)).as(backup.log()).isTrue();
                    primary.kill();                                   // mid-stream, no goodbye
                    Thread.sleep(1500);
                    try (PeerProcess returning = sender(ports, 4)) {
                        assertThat(returning.waitFor(Duration.ofSeconds(20))).as(returning.log()).isZero();
                    }
                    backup.kill();
                }
            }
        }
        FailoverCounters counters = stage[0].counters();
        assertThat(counters.switches).isEqualTo(2);
        assertThat(counters.lastReason).isEqualTo(SwitchReason.PRIMARY_HEALTHY_AGAIN);

        long firstPrimarySsrc = arrivals.stream().filter(s -> s.leg() == 0).findFirst().orElseThrow().ssrc();
        long backupSsrc = arrivals.stream().filter(s -> s.leg() == 1).findFirst().orElseThrow().ssrc();
        Seen lastOfFirstPrimary = arrivals.stream().filter(s -> s.ssrc() == firstPrimarySsrc).reduce((x, y) -> y)
                .orElseThrow();
        Seen firstBackupOut = output.stream().filter(s -> s.ssrc() == backupSsrc).findFirst().orElseThrow();
        Seen returningFirstIn = arrivals.stream()
                .filter(s -> s.leg() == 0 && s.ssrc() != firstPrimarySsrc).findFirst().orElseThrow();
        Seen returningFirstOut = output.stream()
                .filter(s -> s.ssrc() == returningFirstIn.ssrc()).findFirst().orElseThrow();
        long switchNs = firstBackupOut.atNs() - lastOfFirstPrimary.atNs();
        long switchBackNs = returningFirstOut.atNs() - returningFirstIn.atNs();
        LOG.info("failover: last primary packet -> first backup packet at the output: {} ms; returning primary's "
                + "first packet -> first of its packets at the output: {} ms", switchNs / 1e6, switchBackNs / 1e6);

        assertThat(switchNs).as("no switch before the no-packet interval").isGreaterThanOrEqualTo(500 * MS);
        assertThat(switchBackNs).as("no switch back before the hold-off").isGreaterThanOrEqualTo(1_000 * MS);
        List<Long> order = new ArrayList<>();                   // the output's sources, run-length encoded
        for (Seen s : output) {
            if (order.isEmpty() || order.getLast() != s.ssrc()) {
                order.add(s.ssrc());
            }
        }
        assertThat(order).containsExactly(firstPrimarySsrc, backupSsrc, returningFirstIn.ssrc());
    }

    private static boolean awaitPackets(TwoLegReceiver receiver, List<Seen> arrivals, int leg, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() - deadline < 0) {
            long n = receiver.onLoop(() -> arrivals.stream().filter(s -> s.leg() == leg).count());
            if (n >= count) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
