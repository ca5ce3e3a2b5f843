package io.sluice.gateway.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.mpegts.TsHealth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TsMonitoringSinkTest {

    @Test
    void monitorsTheRtpPayloadAndPassesEveryPacketOnUntouched() {
        List<ByteBuf> delivered = new ArrayList<>();
        int[] batches = new int[1];
        PacketSink next = new PacketSink() {
            @Override
            public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
                delivered.add(rtpPacket);
            }

            @Override
            public void onBatchComplete() {
                batches[0]++;
            }
        };
        TsMonitoringSink sink = new TsMonitoringSink(next);
        for (int seq = 0; seq < 3; seq++) {
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(12 + 1316);
            packet.writeByte(0x80).writeByte(33).writeShort(seq).writeInt(0).writeInt(0x1234);
            for (int k = 0; k < 7; k++) {
                int cc = (seq * 7 + k) & 0x0F;
                packet.writeByte(0x47).writeByte(k == 3 && seq == 1 ? 0x81 : 0x01).writeByte(0x00).writeByte(0x10 | cc);
                packet.writeZero(184);
            }
            sink.onPacket(packet, seq * 1_000_000L);
        }
        ByteBuf notRtp = PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(0);
        sink.onPacket(notRtp, 5_000_000L);
        sink.onBatchComplete();

        assertThat(delivered).hasSize(4);
        assertThat(delivered.getFirst().readerIndex()).isZero();
        assertThat(delivered.getFirst().readableBytes()).isEqualTo(1328);
        assertThat(batches[0]).isEqualTo(1);
        TsHealth health = sink.monitor().health();
        assertThat(health.tsPackets()).isEqualTo(21);
        assertThat(health.transportErrors()).isEqualTo(1);
        assertThat(health.continuityErrors()).isEqualTo(1);     // the TEI packet is discarded: one gap on PID 0x100
        delivered.forEach(ByteBuf::release);
    }
}
