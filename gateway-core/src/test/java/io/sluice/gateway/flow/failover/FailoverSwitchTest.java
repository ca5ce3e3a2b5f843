package io.sluice.gateway.flow.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.rtp.RtpView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverSwitchTest {
    private static final long MS = 1_000_000L;
    private static final FailoverSettings SETTINGS = new FailoverSettings(500 * MS, 2_000 * MS);
    private final List<Integer> forwardedSsrcs = new ArrayList<>();
    private final PacketSink out = new PacketSink() {
        @Override public void onPacket(ByteBuf p, long arrivalNs) {
            forwardedSsrcs.add((int) p.getUnsignedInt(p.readerIndex() + 8));
            p.release();
        }
        @Override public void onBatchComplete() { }
    };

    private static ByteBuf packet(int source) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(20);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, 1, 0, source);
        return buf.writeLong(0);
    }

    /** Both sources send one packet every 10 ms from {@code fromMs} to {@code toMs}, if alive. */
    private static void run(FailoverSwitch sw, long fromMs, long toMs, boolean primaryAlive, boolean backupAlive) {
        for (long t = fromMs; t < toMs; t += 10) {
            if (primaryAlive) {
                sw.onPacket(0, packet(0), t * MS);
            }
            if (backupAlive) {
                sw.onPacket(1, packet(1), t * MS + 5 * MS);
            }
        }
    }

    @Test
    void forwardsOnlyThePrimaryWhileItDelivers() {
        FailoverSwitch sw = new FailoverSwitch("f", new String[] {"a", "b"}, out, 0, true, SETTINGS, 0);
        run(sw, 0, 1000, true, true);
        assertThat(forwardedSsrcs).hasSize(100).containsOnly(0);
        assertThat(sw.counters().standbyDropped[1]).isEqualTo(100);
        assertThat(sw.counters().switches).isZero();
    }

    @Test
    void switchesToTheBackupWithinTheIntervalPlusOnePacketAndBackAfterTheHoldOff() {
        FailoverSwitch sw = new FailoverSwitch("f", new String[] {"a", "b"}, out, 0, true, SETTINGS, 0);
        run(sw, 0, 1000, true, true);                   // last primary packet at 990 ms
        run(sw, 1000, 1480, false, true);
        assertThat(sw.active()).as("495 ms of silence").isZero();
        run(sw, 1480, 1500, false, true);               // backup packets at 1485 and 1495 ms
        assertThat(sw.active()).isEqualTo(1);
        assertThat(sw.counters().lastSwitchNs).as("first backup packet after 990 + 500 ms").isEqualTo(1495 * MS);
        assertThat(sw.counters().lastReason).isEqualTo(SwitchReason.ACTIVE_SOURCE_SILENT);

        run(sw, 1500, 3000, true, true);                // primary back at 1500 ms
        assertThat(sw.active()).as("hold-off of 2 s not over").isEqualTo(1);
        run(sw, 3000, 3510, true, true);
        assertThat(sw.active()).isZero();
        assertThat(sw.counters().lastReason).isEqualTo(SwitchReason.PRIMARY_HEALTHY_AGAIN);
        assertThat(sw.counters().lastSwitchNs).isEqualTo(3500 * MS);
        assertThat(sw.counters().switches).isEqualTo(2);
    }

    @Test
    void aFlappingPrimaryRestartsTheHoldOff() {
        FailoverSwitch sw = new FailoverSwitch("f", new String[] {"a", "b"}, out, 0, true, SETTINGS, 0);
        run(sw, 0, 100, true, true);
        run(sw, 100, 700, false, true);                 // switch to backup
        assertThat(sw.active()).isEqualTo(1);
        for (long t = 700; t < 6000; t += 1000) {
            run(sw, t, t + 400, true, true);            // primary delivers 400 ms, then pauses 600 ms
            run(sw, t + 400, t + 1000, false, true);
        }
        assertThat(sw.active()).isEqualTo(1);
        assertThat(sw.counters().switches).isEqualTo(1);
    }

    @Test
    void pollSwitchesBackWithoutWaitingForAStandbyPacket() {
        FailoverSwitch sw = new FailoverSwitch("f", new String[] {"a", "b"}, out, 1, true, SETTINGS, 0);
        run(sw, 0, 600, false, false);
        sw.onPacket(0, packet(0), 600 * MS);            // the primary (1) never sent: switch to 0 at its packet
        assertThat(sw.active()).isZero();
        sw.onPacket(1, packet(1), 601 * MS);
        sw.poll(2_700 * MS);
        assertThat(sw.active()).as("primary 1 silent again since 601 ms").isZero();
    }

    @Test
    void disabledStateUsesOnlyThePrimary() {
        FailoverSwitch sw = new FailoverSwitch("f", new String[] {"a", "b"}, out, 0, false, SETTINGS, 0);
        run(sw, 0, 100, true, true);
        run(sw, 100, 2000, false, true);
        assertThat(forwardedSsrcs).hasSize(10).containsOnly(0);
        assertThat(sw.counters().switches).isZero();
    }
}
