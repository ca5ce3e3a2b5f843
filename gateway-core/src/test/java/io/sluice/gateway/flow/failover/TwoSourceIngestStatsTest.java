package io.sluice.gateway.flow.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.rtp.RtpView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a two-source ingest stage reports for SourceSelected, SourceMergeActive and the failover counters. */
class TwoSourceIngestStatsTest {
    private static final long MS = 1_000_000L;
    private long now;
    private long delivered;
    private final PacketSink downstream = new PacketSink() {
        @Override
        public void onPacket(ByteBuf packet, long arrivalNs) {
            delivered++;
            packet.release();
        }

        @Override
        public void onBatchComplete() {
        }
    };
    private TwoSourceIngest ingest;

    @AfterEach
    void close() {
        ingest.close();
    }

    private TwoSourceIngest create(String failover) {
        return TwoSourceIngest.create(FlowConfigs.read("""
                {"Name": "two",
                 "Sources": [{"Name": "a", "Protocol": "rtp", "IngestPort": 5000},
                             {"Name": "b", "Protocol": "rtp", "IngestPort": 5002}],
                 "SourceFailoverConfig": %s,
                 "Outputs": []}
                """.formatted(failover)), downstream, () -> now);
    }

    private void send(int leg, int seq, long atNs) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(12 + 16);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, seq & 0xFFFF, seq * 3000L, 0xABCD);
        buf.writeZero(16);
        now = atNs;
        ingest.input(leg).onPacket(buf, atNs);
    }

    @Test
    void mergeSelectsTheLegsThatDeliverAndMeasuresTheirSkew() {
        ingest = create("{\"State\": \"ENABLED\", \"FailoverMode\": \"MERGE\", \"RecoveryWindow\": 200}");
        now = 0;
        assertThat(ingest.selected(0)).isFalse();
        assertThat(ingest.stats(now).mergeActive()).isFalse();
        for (int seq = 0; seq < 100; seq++) {
            send(0, seq, seq * 10 * MS);
            send(1, seq, seq * 10 * MS + 4 * MS);                  // b trails a by 4 ms
        }
        IngestStats stats = ingest.stats(now);
        assertThat(stats.mode()).isEqualTo(IngestStats.Mode.MERGE);
        assertThat(ingest.selected(0)).isTrue();
        assertThat(ingest.selected(1)).isTrue();
        assertThat(stats.mergeActive()).isTrue();
        assertThat(stats.leg(1).trailMs()).isEqualTo(4.0);
        assertThat(stats.leg(0).trailMs()).isZero();
        assertThat(stats.mergeLatencyMs()).isEqualTo(4.0);
        assertThat(stats.leg(0).forwarded()).isEqualTo(100);
        assertThat(stats.leg(1).duplicates()).isEqualTo(100);
        assertThat(stats.mergeOutputPackets()).isEqualTo(delivered).isEqualTo(100);

        for (int seq = 100; seq < 170; seq++) {                    // b stops for 700 ms
            send(0, seq, seq * 10 * MS);
        }
        stats = ingest.stats(now);
        assertThat(ingest.selected(1)).isFalse();
        assertThat(ingest.selected(0)).isTrue();
        assertThat(stats.mergeActive()).isFalse();
        assertThat(stats.leg(1).inUse()).isFalse();
    }

    @Test
    void failoverReportsTheForwardedSourceAndItsSwitches() {
        ingest = create("{\"State\": \"ENABLED\", \"FailoverMode\": \"FAILOVER\"}");
        for (int i = 0; i < 10; i++) {
            send(0, i, i * 10 * MS);
            send(1, 1000 + i, i * 10 * MS + MS);
        }
        IngestStats stats = ingest.stats(now);
        assertThat(stats.mode()).isEqualTo(IngestStats.Mode.FAILOVER);
        assertThat(ingest.selected(0)).isTrue();
        assertThat(ingest.selected(1)).isFalse();
        assertThat(stats.failoverSwitches()).isZero();
        assertThat(stats.leg(1).standbyDropped()).isEqualTo(10);
        assertThat(stats.mergeLatencyMs()).isNaN();

        for (int i = 10; i < 80; i++) {                            // a stops: b alone for 700 ms
            send(1, 1000 + i, i * 10 * MS + MS);
        }
        stats = ingest.stats(now);
        assertThat(ingest.selected(1)).isTrue();
        assertThat(ingest.selected(0)).isFalse();
        assertThat(stats.leg(1).inUse()).isTrue();
        assertThat(stats.failoverSwitches()).isEqualTo(1);
        assertThat(stats.lastSwitchReason()).isEqualTo("ACTIVE_SOURCE_SILENT");
        assertThat(stats.leg(0).forwarded()).isEqualTo(10);
        assertThat(delivered).isEqualTo(stats.leg(0).forwarded() + stats.leg(1).forwarded());
    }
}
