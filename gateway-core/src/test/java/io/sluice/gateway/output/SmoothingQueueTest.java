package io.sluice.gateway.output;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmoothingQueueTest {
    private static final long MS = 1_000_000L;

    @Test
    void releasesOnArrivalUntilTheRateIsKnown() {
        SmoothingQueue queue = new SmoothingQueue(50 * MS, 64);
        ByteBuf packet = Unpooled.buffer(4);
        assertThat(queue.offer(packet, 1_000 * MS, 0)).isTrue();
        assertThat(queue.pollDue(1_000 * MS)).isSameAs(packet);
        assertThat(queue.pollDue(1_000 * MS)).isNull();
    }

    @Test
    void spreadsABurstAtTheStreamsOwnPaceWithinTheLatencyBound() {
        SmoothingQueue queue = new SmoothingQueue(30 * MS, 256);
        long now = 0;
        long timestamp = 0;
        for (int i = 0; i <= 100; i++) {              // one second at 100 packets/s: 900 ticks apart
            queue.offer(Unpooled.buffer(1), now, timestamp);
            assertThat(queue.pollDue(now)).isNotNull().matches(ByteBuf::release);
            now += 10 * MS;
            timestamp += 900;
        }
        assertThat(queue.gapNs()).isBetween(9 * MS, 10 * MS);
        long gap = queue.gapNs();
        long burstAt = now;
        List<ByteBuf> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {                  // five packets arrive at once
            ByteBuf packet = Unpooled.buffer(1);
            burst.add(packet);
            queue.offer(packet, burstAt, timestamp);
            timestamp += 900;
        }
        // the first of the burst goes at once (the previous packet left 10 ms ago), the next ones one gap apart
        assertThat(queue.pollDue(burstAt)).isSameAs(burst.get(0));
        assertThat(queue.pollDue(burstAt)).isNull();
        assertThat(queue.pollDue(burstAt + gap - 1)).isNull();
        assertThat(queue.pollDue(burstAt + gap)).isSameAs(burst.get(1));
        assertThat(queue.pollDue(burstAt + 2 * gap)).isSameAs(burst.get(2));
        assertThat(queue.pollDue(burstAt + 3 * gap - 1)).isNull();
        assertThat(queue.pollDue(burstAt + 3 * gap)).isSameAs(burst.get(3));
        // the fifth would leave 4 gaps (39 ms) after arrival: the 30 ms bound caps it
        assertThat(queue.pollDue(burstAt + 30 * MS - 1)).isNull();
        assertThat(queue.pollDue(burstAt + 30 * MS)).isSameAs(burst.get(4));
        burst.forEach(ByteBuf::release);
        assertThat(queue.size()).isZero();
    }

    @Test
    void refusesWhenFullAndReleasesEverythingOnClear() {
        SmoothingQueue queue = new SmoothingQueue(100 * MS, 4);
        List<ByteBuf> held = new ArrayList<>();
        for (int i = 0; i < queue.capacity(); i++) {
            ByteBuf packet = Unpooled.buffer(1);
            held.add(packet);
            assertThat(queue.offer(packet, 0, 0)).isTrue();
        }
        ByteBuf extra = Unpooled.buffer(1);
        assertThat(queue.offer(extra, 0, 0)).isFalse();
        extra.release();
        assertThat(queue.clear()).isEqualTo(held.size());
        assertThat(held).allMatch(packet -> packet.refCnt() == 0);
    }
}
