package io.sluice.gateway.output.rist;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.protocols.rist.RistCounters;
import io.sluice.protocols.rist.RistSender;
import io.sluice.protocols.rist.RistSenderSettings;
import io.sluice.protocols.time.NanoClock;

/**
 * Protocol {@code rist} out: a {@link RistSender} to Destination:Port (simple profile: RTCP to Port + 1; main
 * profile: GRE on Port, optionally with a pre-shared key), keeping MaxLatency of packets for retransmission.
 * Packets keep their sequence numbers, timestamps and SSRC (made even: an odd SSRC means retransmission in RIST).
 */
public final class RistOutput implements Output {
    private final String name;
    private final RistSenderSettings settings;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    private RistSender sender;
    private EventLoop loop;

    public RistOutput(String name, RistSenderSettings settings, NanoClock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<Void> open(EventLoop eventLoop) {
        Promise<Void> opened = eventLoop.newPromise();
        if (sender != null) {
            return opened.setSuccess(null);
        }
        this.loop = eventLoop;
        RistSender created = new RistSender(settings, clock);
        sender = created;
        created.open(eventLoop).addListener(f -> {
            if (f.isSuccess()) {
                opened.setSuccess(null);
            } else {
                created.close();
                if (sender == created) {
                    sender = null;
                }
                opened.setFailure(StartFailure.of("Destination " + settings.destination(), f.cause()));
            }
        });
        return opened;
    }

    /** Takes ownership of {@code rtpPacket} (a duplicate shared with other outputs: the sender copies to rewrite). */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        RistSender s = sender;
        if (s == null) {
            counters.dropped++;
            rtpPacket.release();
            return;
        }
        int bytes = rtpPacket.readableBytes();
        s.send(rtpPacket);
        counters.onSent(bytes, clock.nanoTime());
    }

    @Override
    public void flush() {
        RistSender s = sender;
        if (s != null) {
            s.flush();
        }
    }

    @Override
    public Future<Void> close() {
        RistSender open = sender;
        sender = null;
        if (open == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (loop.inEventLoop()) {
            open.close();
            return loop.newSucceededFuture(null);
        }
        Promise<Void> closed = loop.newPromise();
        loop.execute(() -> {
            open.close();
            closed.setSuccess(null);
        });
        return closed;
    }

    @Override
    public OutputCounters counters() {
        return counters;
    }

    /** The RIST counters (retransmissions, NACKs, RTT); null before open. Read on the loop. */
    public RistCounters ristCounters() {
        RistSender s = sender;
        return s == null ? null : s.counters();
    }
}
