package io.sluice.gateway.flow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutTest {

    @Test
    void everyOutputGetsItsOwnDuplicateAndTheOriginalIsReleasedOnce() {
        Collecting a = new Collecting("a");
        Collecting b = new Collecting("b");
        FanOut fanOut = new FanOut();
        fanOut.outputs(new Output[] {a, b});
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(42);
        fanOut.onPacket(packet, 7);
        assertThat(packet.refCnt()).isEqualTo(2);                  // one per output, none for the fan-out
        assertThat(a.received.getFirst()).isNotSameAs(b.received.getFirst());
        assertThat(a.received.getFirst().getLong(0)).isEqualTo(42);
        a.received.getFirst().readLong();                           // own indexes: b's view does not move
        assertThat(b.received.getFirst().readableBytes()).isEqualTo(8);
        fanOut.onBatchComplete();
        assertThat(a.flushes).isEqualTo(1);
        assertThat(b.flushes).isEqualTo(1);
        a.releaseAll();
        b.releaseAll();
        assertThat(packet.refCnt()).isZero();
    }

    @Test
    void anOutputThatThrowsDoesNotStopTheOthers() {
        Collecting good = new Collecting("good");
        Output broken = new Collecting("broken") {
            @Override
            public void offer(ByteBuf rtpPacket, long arrivalNs) {
                rtpPacket.release();
                throw new IllegalStateException("bug");
            }
        };
        FanOut fanOut = new FanOut();
        fanOut.outputs(new Output[] {broken, good});
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(1);
        fanOut.onPacket(packet, 0);
        assertThat(good.received).hasSize(1);
        assertThat(fanOut.outputFaults()).isEqualTo(1);
        good.releaseAll();
        assertThat(packet.refCnt()).isZero();
    }

    @Test
    void withNoOutputsThePacketIsReleased() {
        FanOut fanOut = new FanOut();
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(1);
        fanOut.onPacket(packet, 0);
        assertThat(packet.refCnt()).isZero();
    }

    private static class Collecting implements Output {
        final String name;
        final List<ByteBuf> received = new ArrayList<>();
        final OutputCounters counters = new OutputCounters();
        int flushes;

        Collecting(String name) {
            this.name = name;
        }

        @Override public String name() { return name; }
        @Override public Future<Void> open(EventLoop loop) { return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null); }
        @Override public void offer(ByteBuf rtpPacket, long arrivalNs) { received.add(rtpPacket); }
        @Override public void flush() { flushes++; }
        @Override public Future<Void> close() { releaseAll(); return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null); }
        @Override public OutputCounters counters() { return counters; }

        void releaseAll() {
            received.forEach(ByteBuf::release);
            received.clear();
        }
    }
}
