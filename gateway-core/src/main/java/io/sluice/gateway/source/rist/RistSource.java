package io.sluice.gateway.source.rist;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.protocols.rist.RistCounters;
import io.sluice.protocols.rist.RistLinkState;
import io.sluice.protocols.rist.RistPacketSink;
import io.sluice.protocols.rist.RistReceiver;
import io.sluice.protocols.rist.RistReceiverSettings;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.time.NanoClock;

/**
 * Protocol {@code rist} in: a {@link RistReceiver} on IngestPort (RTP) and IngestPort + 1 (RTCP), simple or main
 * profile as the peer sends, with ARQ and an optional pre-shared key. Recovered packets reach the flow in order,
 * MaxLatency after they arrived. The flow-level counters mirror the RIST ones after every batch and whenever they are
 * read on the loop (MediaConnect's meaning: {@code lost} = packets lost on the way, before ARQ, counted once settled;
 * {@code recovered} = filled by ARQ);
 * connection, ARQ, RTT, overflow, decryption failures and the link's problem go to {@link #linkStats()}
 * (docs/rist.md, "Link figures"). All RIST counters are in {@link #ristCounters()}.
 */
public final class RistSource implements Source {
    private final String name;
    private final RistReceiverSettings settings;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private RistReceiver receiver;
    private EventLoop loop;

    public RistSource(String name, RistReceiverSettings settings, NanoClock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<Void> open(EventLoop eventLoop, PacketSink sink) {
        Promise<Void> opened = eventLoop.newPromise();
        if (receiver != null) {
            return opened.setSuccess(null);
        }
        this.loop = eventLoop;
        RistReceiver created = new RistReceiver(settings, clock, new Forwarder(sink));
        receiver = created;
        created.open(eventLoop).addListener(f -> {
            if (f.isSuccess()) {
                opened.setSuccess(null);
            } else {
                created.close();
                if (receiver == created) {
                    receiver = null;
                }
                int port = settings.bind().getPort();
                opened.setFailure(StartFailure.of("IngestPort " + port + " (RTCP " + (port + 1) + ")", f.cause()));
            }
        });
        return opened;
    }

    @Override
    public Future<Void> close() {
        RistReceiver open = receiver;
        receiver = null;
        if (open == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        if (loop.inEventLoop()) {
            open.close();
            return loop.newSucceededFuture(null);
        }
        return loop.submit(open::close, null);
    }

    /** The flow-level counters; read on the loop they are brought up to date with the RIST ones first. */
    @Override
    public SourceCounters counters() {
        if (loop != null && loop.inEventLoop()) {
            mirror();
        }
        return counters;
    }

    /**
     * Connection (RTCP within 2 s), ARQ, RTT, overflow, decryption failures, buffer and problem (a failed or awaited
     * EAP-SRP login first, then refused packets); on the loop.
     */
    @Override
    public LinkStats linkStats() {
        RistReceiver r = receiver;
        if (r == null) {
            return LinkStats.builder().connectedTo(null).build();
        }
        RistCounters rist = r.counters();
        RistLinkState link = r.linkState();
        return LinkStats.builder()
                .connectedTo(link.connected() ? link.peer() : null)
                .disconnections(link.disconnections())
                .arq(rist.packetsRequested(), rist.recoveredByArq(), 0)
                .overflowPackets(rist.overflow())
                .decryptionFailures(rist.decryptionFailures())
                .roundTripTimeMs(rist.rttNs() < 0 ? Double.NaN : rist.rttNs() / 1e6)
                .bufferMs(link.bufferMs())
                .problem(link.problem())
                .build();
    }

    /** The RIST counters (read on the loop, or a copy through {@code loop.submit}); null before open. */
    public RistCounters ristCounters() {
        RistReceiver r = receiver;
        return r == null ? null : r.counters();
    }

    /** EAP-SRP counters (read on the loop, or a copy through {@code loop.submit}); null before open or without SRP. */
    public EapCounters eapCounters() {
        RistReceiver r = receiver;
        return r == null ? null : r.eapCounters();
    }

    /** Whether the peer uses the main profile (GRE), as recognised from its packets. */
    public boolean isMainProfile() {
        RistReceiver r = receiver;
        return r != null && r.isMainProfile();
    }

    /**
     * Copies the RIST counters into the flow's. A gap counts as lost once it is settled, recovered by ARQ or skipped
     * at its deadline, so {@code NotRecoveredPackets} (lost - recovered) never counts a gap whose retransmission may
     * still come: counted at detection, every NACKed gap showed as "not recovered" until its retransmission arrived.
     */
    private void mirror() {
        RistReceiver r = receiver;
        if (r == null) {
            return;
        }
        RistCounters rist = r.counters();
        counters.lost = rist.recoveredByArq() + rist.unrecovered();
        counters.recovered = rist.recoveredByArq();
        counters.duplicates = rist.duplicates();
        counters.malformed = rist.malformed() + rist.decryptionFailures();
        counters.droppedByAllowList = rist.droppedByAllowList();
        counters.discontinuities = rist.streamResets();
    }

    /** Hands recovered packets to the flow (ownership passes on) and counts them. */
    private final class Forwarder implements RistPacketSink {
        private final PacketSink sink;

        Forwarder(PacketSink sink) {
            this.sink = sink;
        }

        @Override
        public void onPacket(ByteBuf rtpPacket, long releaseNs) {
            counters.onPacket(rtpPacket.readableBytes(), releaseNs);
            sink.onPacket(rtpPacket, releaseNs);
        }

        @Override
        public void onBatchComplete() {
            mirror();
            sink.onBatchComplete();
        }
    }
}
