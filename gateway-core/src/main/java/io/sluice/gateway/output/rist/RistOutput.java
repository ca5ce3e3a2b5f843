package io.sluice.gateway.output.rist;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.gateway.output.SmoothingQueue;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.rist.RistCounters;
import io.sluice.protocols.rist.RistLinkState;
import io.sluice.protocols.rist.RistSender;
import io.sluice.protocols.rist.RistSenderSettings;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.time.NanoClock;

/**
 * Protocol {@code rist} out: a {@link RistSender} to Destination:Port (simple profile: RTCP to Port + 1; main
 * profile: GRE on Port, optionally with a pre-shared key), keeping MaxLatency of packets for retransmission.
 * Packets keep their sequence numbers, timestamps and SSRC (made even: an odd SSRC means retransmission in RIST).
 * With {@code SmoothingLatency} packets first go through a {@link SmoothingQueue} drained every 5 ms and at the end
 * of each batch, as the rtp output does.
 */
public final class RistOutput implements Output {
    private final String name;
    private final RistSenderSettings settings;
    private final NanoClock clock;
    private static final long PACING_TICK_NS = 5_000_000L;

    private final OutputCounters counters = new OutputCounters();
    private final SmoothingQueue queue;
    private final RtpView view = new RtpView();
    private final Runnable pacingTick = this::onPacingTick;
    private ScheduledFuture<?> pacingTimer;
    private RistSender sender;
    private EventLoop loop;

    public RistOutput(String name, RistSenderSettings settings, int smoothingLatencyMs, NanoClock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.queue = smoothingLatencyMs > 0
                ? new SmoothingQueue(smoothingLatencyMs * 1_000_000L, SmoothingQueue.capacityFor(smoothingLatencyMs))
                : null;
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
                if (queue != null) {
                    pacingTimer = eventLoop.scheduleAtFixedRate(pacingTick, PACING_TICK_NS, PACING_TICK_NS,
                            TimeUnit.NANOSECONDS);
                }
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
        if (queue == null) {
            send(s, rtpPacket);
        } else if (!queue.offer(rtpPacket, arrivalNs, view.wrap(rtpPacket).timestamp())) {
            rtpPacket.release();
            counters.dropped++;
        }
    }

    private void send(RistSender s, ByteBuf rtpPacket) {
        int bytes = rtpPacket.readableBytes();
        s.send(rtpPacket);
        counters.onSent(bytes, clock.nanoTime());
    }

    @Override
    public void flush() {
        RistSender s = sender;
        if (s != null) {
            if (queue != null) {
                drainDue(s);
            }
            s.flush();
        }
    }

    private void onPacingTick() {
        RistSender s = sender;
        if (s != null) {
            drainDue(s);
            s.flush();
        }
    }

    private void drainDue(RistSender s) {
        long now = clock.nanoTime();
        ByteBuf due;
        while ((due = queue.pollDue(now)) != null) {
            send(s, due);
        }
    }

    @Override
    public Future<Void> close() {
        RistSender open = sender;
        sender = null;
        if (pacingTimer != null) {
            pacingTimer.cancel(false);
            pacingTimer = null;
        }
        if (queue != null) {
            if (loop == null || loop.inEventLoop()) {
                queue.clear();
            } else {
                loop.execute(queue::clear);
            }
        }
        if (open == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (loop.inEventLoop()) {
            open.close();
            return loop.newSucceededFuture(null);
        }
        return loop.submit(open::close, null);
    }

    @Override
    public OutputCounters counters() {
        return counters;
    }

    /**
     * Connection (the receiver's RTCP within 2 s), ARQ requests received and retransmissions sent, RTT, NACKed packets
     * no longer held (as overflow), decryption failures of the receiver's RTCP, the retransmission buffer's span and
     * the problem (no receiver, wrong secret, or the receiver refused our EAP-SRP login); on the loop.
     */
    @Override
    public LinkStats linkStats() {
        RistSender s = sender;
        if (s == null) {
            return LinkStats.builder().connectedTo(null).build();
        }
        RistCounters rist = s.counters();
        RistLinkState link = s.linkState();
        return LinkStats.builder()
                .connectedTo(link.connected() ? link.peer() : null)
                .disconnections(link.disconnections())
                .arq(rist.nackRequestsReceived(), 0, rist.retransmissionsSent())
                .overflowPackets(rist.retransmissionsUnavailable())
                .decryptionFailures(rist.decryptionFailures())
                .roundTripTimeMs(rist.rttNs() < 0 ? Double.NaN : rist.rttNs() / 1e6)
                .bufferMs(link.bufferMs())
                .problem(link.problem())
                .build();
    }

    /** EAP-SRP counters; null before open or without SRP. Read on the loop. */
    public EapCounters eapCounters() {
        RistSender s = sender;
        return s == null ? null : s.eapCounters();
    }

    /** The RIST counters (retransmissions, NACKs, RTT); null before open. Read on the loop. */
    public RistCounters ristCounters() {
        RistSender s = sender;
        return s == null ? null : s.counters();
    }
}
