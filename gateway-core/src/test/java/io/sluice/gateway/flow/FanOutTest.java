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

    @Test
    void batchOutputsReadTheWholeBatchAtItsEndAndEachPacketIsReleasedOnce() {
        Batching batching = new Batching("batch");
        Collecting single = new Collecting("single");
        FanOut fanOut = new FanOut();
        fanOut.outputs(new Output[] {batching, single});
        ByteBuf first = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(1);
        ByteBuf second = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(2);
        fanOut.onPacket(first, 10);
        fanOut.onPacket(second, 11);
        assertThat(batching.batches).isEmpty();                     // nothing sent before the batch ends
        assertThat(first.refCnt()).isEqualTo(2);                    // the batch's reference and single's duplicate
        fanOut.onBatchComplete();
        assertThat(batching.batches).containsExactly(List.of(1L, 2L));
        assertThat(batching.arrivals).containsExactly(10L, 11L);
        assertThat(batching.flushes).isEqualTo(1);
        assertThat(single.received).hasSize(2);
        assertThat(first.refCnt()).isOne();                         // only single's duplicate is left
        single.releaseAll();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void aFullBatchIsSentAtOnceAndAnUnfinishedOneIsReleasedOnDiscard() {
        Batching batching = new Batching("batch");
        FanOut fanOut = new FanOut();
        fanOut.outputs(new Output[] {batching});
        List<ByteBuf> sent = new ArrayList<>();
        for (int i = 0; i < PacketBatch.CAPACITY + 3; i++) {
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(i);
            sent.add(packet);
            fanOut.onPacket(packet, i);
        }
        assertThat(batching.batches).hasSize(1);
        assertThat(batching.batches.getFirst()).hasSize(PacketBatch.CAPACITY);
        assertThat(sent.subList(0, PacketBatch.CAPACITY)).allMatch(p -> p.refCnt() == 0);
        fanOut.discardBatch();
        assertThat(batching.batches).hasSize(1);
        assertThat(sent).allMatch(p -> p.refCnt() == 0);
    }

    @Test
    void aBatchOutputThatThrowsDoesNotStopTheOthersAndThePacketsAreStillReleased() {
        Batching broken = new Batching("broken") {
            @Override
            public void sendBatch(PacketBatch batch) {
                throw new IllegalStateException("bug");
            }
        };
        Batching good = new Batching("good");
        FanOut fanOut = new FanOut();
        fanOut.outputs(new Output[] {broken, good});
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(5);
        fanOut.onPacket(packet, 0);
        fanOut.onBatchComplete();
        assertThat(good.batches).containsExactly(List.of(5L));
        assertThat(fanOut.outputFaults()).isEqualTo(1);
        assertThat(packet.refCnt()).isZero();
    }

    /** An output that takes whole batches and records what it read (it must not keep the buffers). */
    private static class Batching extends Collecting {
        final List<List<Long>> batches = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();

        Batching(String name) {
            super(name);
        }

        @Override public boolean takesBatches() { return true; }

        @Override
        public void sendBatch(PacketBatch batch) {
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                values.add(batch.packet(i).getLong(batch.packet(i).readerIndex()));
                arrivals.add(batch.arrivalNs(i));
            }
            batches.add(values);
        }
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
