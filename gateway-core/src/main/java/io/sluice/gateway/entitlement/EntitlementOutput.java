package io.sluice.gateway.entitlement;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.protocols.time.NanoClock;

/**
 * The granting flow's side of an entitlement: an output that hands each packet, as is, to the subscriber flow's
 * loop. Nothing is copied: the subscriber receives the very duplicate the fan-out gave this output. Without a
 * subscriber, or while the entitlement is DISABLED, packets are released and counted as dropped.
 */
public final class EntitlementOutput implements Output {
    private final String name;
    private final EntitlementLink link;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    private EventLoop loop;
    private Subscription pending;   // the subscription offered to since the last flush; loop only

    public EntitlementOutput(String name, EntitlementLink link, NanoClock clock) {
        this.name = name;
        this.link = link;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<Void> open(EventLoop loop) {
        this.loop = loop;
        return loop.newSucceededFuture(null);
    }

    /** Takes ownership of {@code rtpPacket}: queued for the subscriber, or released and counted. */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        Subscription s = link.subscription();
        if (s == null || !link.enabled()) {
            rtpPacket.release();
            counters.dropped++;
            return;
        }
        int length = rtpPacket.readableBytes();
        if (!s.offer(rtpPacket)) {
            rtpPacket.release();
            counters.dropped++;   // the subscriber's loop is behind by a whole queue: drop, never wait
            return;
        }
        counters.onSent(length, clock.nanoTime());
        if (pending != s) {
            if (pending != null) {
                pending.scheduleDrain();
            }
            pending = s;
        }
    }

    @Override
    public void flush() {
        if (pending != null) {
            pending.scheduleDrain();   // once per batch: the subscriber's loop drains the whole batch in one task
            pending = null;
        }
    }

    @Override
    public Future<Void> close() {
        flush();
        return loop == null ? io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null)
                : loop.newSucceededFuture(null);
    }

    @Override
    public OutputCounters counters() {
        return counters;
    }
}
