package io.sluice.gateway.source.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.rtp.RtpOriginator;
import io.sluice.protocols.rtp.RtpSequenceTracker;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RtpSourceHandlerTest {
    private final SourceCounters counters = new SourceCounters();
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final List<ByteBuf> delivered = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private int batches;
    private final PacketSink sink = new PacketSink() {
        @Override
        public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
            delivered.add(rtpPacket);
            arrivals.add(arrivalNs);
        }

        @Override
        public void onBatchComplete() {
            batches++;
        }
    };
    private final EmbeddedChannel channel = new EmbeddedChannel(new RtpSourceHandler(
            new SenderFilter(AllowList.parse("127.0.0.0/24")), counters, new RtpSequenceTracker(),
            new RtpOriginator(0x2222, 100), clock, sink));

    @AfterEach
    void releaseDelivered() {
        delivered.forEach(ByteBuf::release);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void dropsAndCountsDatagramsFromOutsideTheAllowList() {
        channel.writeInbound(datagram("127.1.0.2", rtp(1, 5)));
        assertThat(delivered).isEmpty();
        assertThat(counters.droppedByAllowList).isEqualTo(1);
        assertThat(counters.packets).isZero();
    }

    @Test
    void countsMalformedDatagramsAndReleasesThem() {
        ByteBuf garbage = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[] {1, 2, 3, 4, 5});
        ByteBuf badExtension = rtp(1, 5);
        badExtension.setByte(0, 0x90);                         // a header extension ...
        badExtension.setShort(14, 0xFFFF);                     // ... of 65535 words, far past the datagram's end
        channel.writeInbound(datagram("127.0.0.2", garbage));
        channel.writeInbound(datagram("127.0.0.2", badExtension));
        assertThat(delivered).isEmpty();
        assertThat(counters.malformed).isEqualTo(2);
        assertThat(garbage.refCnt()).isZero();
        assertThat(badExtension.refCnt()).isZero();
    }

    @Test
    void aNewSsrcRestartsSequenceTrackingWithoutCountingLoss() {
        channel.writeInbound(datagram("127.0.0.2", rtp(10, 5)), datagram("127.0.0.2", rtp(11, 5)));
        channel.writeInbound(datagram("127.0.0.2", rtp(40_000, 6)), datagram("127.0.0.2", rtp(40_001, 6)));
        assertThat(delivered).hasSize(4);
        assertThat(counters.lost).isZero();
        assertThat(counters.discontinuities).isEqualTo(1);
        assertThat(batches).isEqualTo(2);                 // one channelReadComplete per writeInbound batch
    }

    @Test
    void plainTransportStreamIsDeliveredAsRtpStampedWithTheArrivalTime() {
        ByteBuf ts = PooledByteBufAllocator.DEFAULT.directBuffer(376);
        for (int i = 0; i < 2; i++) {
            ts.writeByte(0x47).writeZero(187);
        }
        clock.advanceMs(10);
        channel.writeInbound(datagram("127.0.0.2", ts));
        assertThat(ts.refCnt()).isZero();
        assertThat(delivered).hasSize(1);
        RtpView view = new RtpView().wrap(delivered.getFirst());
        assertThat(view.isValid()).isTrue();
        assertThat(view.sequenceNumber()).isEqualTo(100);
        assertThat(view.ssrc()).isEqualTo(0x2222);
        assertThat(view.timestamp()).isEqualTo(RtpOriginator.timestamp90kHz(1_010_000_000L));
        assertThat(view.payloadLength()).isEqualTo(376);
        assertThat(arrivals).containsExactly(1_010_000_000L);
        assertThat(counters.bytes).isEqualTo(388);
    }

    private static ByteBuf rtp(int sequence, long ssrc) {
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(12 + 188);
        RtpView.writeHeader(packet, false, 33, sequence, sequence * 10L, ssrc);
        packet.writeByte(0x47).writeZero(187);
        return packet;
    }

    private static DatagramPacket datagram(String from, ByteBuf content) {
        return new DatagramPacket(content, new InetSocketAddress("127.0.0.1", 5000), new InetSocketAddress(from, 4000));
    }
}
