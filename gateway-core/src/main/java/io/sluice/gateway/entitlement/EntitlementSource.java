package io.sluice.gateway.entitlement;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.time.NanoClock;

/**
 * The subscriber flow's side of an entitlement: a source with no socket, fed by the granting flow through an
 * {@link EntitlementLink}. Packets arrive on this flow's loop, already RTP, in the granting flow's buffers.
 */
public final class EntitlementSource implements Source {
    private final String name;
    private final EntitlementLink link;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private Subscription subscription;

    public EntitlementSource(String name, EntitlementLink link, NanoClock clock) {
        this.name = name;
        this.link = link;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<Void> open(EventLoop loop, PacketSink sink) {
        try {
            subscription = link.attach(loop, sink, counters, clock);
            return loop.newSucceededFuture(null);
        } catch (IllegalStateException e) {
            return loop.newFailedFuture(e);
        }
    }

    @Override
    public Future<Void> close() {
        if (subscription != null) {
            link.detach(subscription);
            subscription = null;
        }
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }
}
