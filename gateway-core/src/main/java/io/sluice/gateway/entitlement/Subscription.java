package io.sluice.gateway.entitlement;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.time.NanoClock;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscriber's end of an {@link EntitlementLink}: a bounded lock-free queue that the granting flow's loop fills
 * (the only producer) and the subscriber flow's loop drains (the only consumer). The producer schedules this task on
 * the subscriber's loop once per read batch at most, not once per packet, and allocates nothing per packet.
 */
final class Subscription implements Runnable {
    private final EntitlementLink link;
    final EventLoop loop;
    private final PacketSink sink;
    private final SourceCounters counters;
    private final NanoClock clock;
    private final Queue<ByteBuf> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closed;

    Subscription(EntitlementLink link, EventLoop loop, PacketSink sink, SourceCounters counters, NanoClock clock, int capacity) {
        this.link = link;
        this.loop = loop;
        this.sink = sink;
        this.counters = counters;
        this.clock = clock;
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        scheduleDrain(); // releases whatever is queued, on the subscriber's loop
    }

    /** Producer side (granting loop). Takes ownership of {@code packet}; false when full (the caller still owns it). */
    boolean offer(ByteBuf packet) {
        return queue.offer(packet);
    }

    /** Producer side: wake the subscriber's loop if it is not already due to drain. */
    void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    /** Consumer side (subscriber loop): deliver everything queued, or release it when closed or disabled. */
    @Override
    public void run() {
        drainScheduled.set(false); // before polling: a packet offered from now on schedules another run
        boolean deliver = !closed && link.enabled();
        long nowNs = clock.nanoTime();
        int delivered = 0;
        ByteBuf packet;
        while ((packet = queue.poll()) != null) {
            if (deliver) {
                counters.onPacket(packet.readableBytes(), nowNs);
                sink.onPacket(packet, nowNs);
                delivered++;
            } else {
                packet.release();
            }
        }
        if (delivered > 0) {
            sink.onBatchComplete();
        }
    }
}
