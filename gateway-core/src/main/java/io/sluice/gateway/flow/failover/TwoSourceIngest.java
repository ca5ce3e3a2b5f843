package io.sluice.gateway.flow.failover;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import io.sluice.config.FailoverConfig;
import io.sluice.config.FailoverMode;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowDefaults;
import io.sluice.config.Protocol;
import io.sluice.config.SourceConfig;
import io.sluice.config.State;
import io.sluice.gateway.flow.IngestStage;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.merge.HitlessMerge;
import io.sluice.gateway.flow.merge.MergeCounters;
import io.sluice.protocols.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ingest stage of a two-source flow (SourceFailoverConfig): {@link HitlessMerge} for MERGE, a
 * {@link FailoverSwitch} for FAILOVER, and for State DISABLED a switch that only ever forwards the primary. A 5 ms
 * timer on the flow's loop (started with the first packet, from the loop that delivers it) lets the stage act when
 * no packet arrives: give up a merge gap, switch back to the primary. See docs/failover-merge.md.
 */
public final class TwoSourceIngest implements IngestStage {
    private static final long POLL_MS = 5;
    /** MediaConnect reports 80 Mb/s as a source's MaxBitrate when none was given. */
    private static final long DEFAULT_MAX_BITRATE_BPS = 80_000_000L;

    private final HitlessMerge merge;                 // MERGE, else null
    private final FailoverSwitch failover;            // FAILOVER / DISABLED, else null
    private final PacketSink downstream;
    private final NanoClock clock;
    private final PacketSink[] inputs = {new Input(0), new Input(1)};
    private final Runnable pollTask = this::poll;
    private ScheduledFuture<?> timer;
    private boolean closed;

    private TwoSourceIngest(HitlessMerge merge, FailoverSwitch failover, PacketSink downstream, NanoClock clock) {
        this.merge = merge;
        this.failover = failover;
        this.downstream = downstream;
        this.clock = clock;
    }

    /** The stage for {@code flow}'s two sources and failover config; refuses MERGE of sources without RTP numbering. */
    public static TwoSourceIngest create(FlowConfig flow, PacketSink downstream, NanoClock clock) {
        List<SourceConfig> sources = flow.sources();
        FailoverConfig config = flow.sourceFailoverConfig();
        String[] names = {sources.get(0).name(), sources.get(1).name()};
        boolean enabled = config != null && config.state() == State.ENABLED;
        if (enabled && config.failoverMode() == FailoverMode.MERGE) {
            for (SourceConfig source : sources) {
                if (source.protocol() != Protocol.RTP && source.protocol() != Protocol.RTP_FEC
                        && source.protocol() != Protocol.RIST) {
                    throw new IllegalArgumentException("flow " + flow.name() + ": SourceFailoverConfig.FailoverMode "
                            + "MERGE needs RTP sequence numbers on both sources (rtp, rtp-fec or rist), but source "
                            + source.name() + " is " + source.protocol().wireValue() + " (use FAILOVER)");
                }
            }
            long windowNs = (config.recoveryWindow() == null ? FlowDefaults.RECOVERY_WINDOW_MS
                    : config.recoveryWindow()) * 1_000_000L;
            long bitrate = Math.max(maxBitrate(sources.get(0)), maxBitrate(sources.get(1)));
            return new TwoSourceIngest(new HitlessMerge(downstream, windowNs, HitlessMerge.capacityFor(bitrate, windowNs)),
                    null, downstream, clock);
        }
        int primary = 0;
        if (config != null && config.sourcePriority() != null && config.sourcePriority().primarySource() != null) {
            String wanted = config.sourcePriority().primarySource();
            if (wanted.equals(names[1])) {
                primary = 1;
            } else if (!wanted.equals(names[0])) {
                throw new IllegalArgumentException("flow " + flow.name() + ": SourceFailoverConfig.SourcePriority."
                        + "PrimarySource \"" + wanted + "\" is not one of the sources (\"" + names[0] + "\", \""
                        + names[1] + "\")");
            }
        }
        return new TwoSourceIngest(null, new FailoverSwitch(flow.name(), names, downstream, primary, enabled,
                FailoverSettings.DEFAULT, clock.nanoTime()), downstream, clock);
    }

    private static long maxBitrate(SourceConfig source) {
        return source.maxBitrate() == null ? DEFAULT_MAX_BITRATE_BPS : source.maxBitrate();
    }

    /** The merge (MERGE) or null. */
    public HitlessMerge merge() {
        return merge;
    }

    /** The switch (FAILOVER, DISABLED) or null. */
    public FailoverSwitch failover() {
        return failover;
    }

    /**
     * FAILOVER/DISABLED: the source the switch forwards; MERGE: a source that delivered packets the merge could use
     * within the last {@value HitlessMerge#IN_USE_NS} ns (a silent leg, or one so far behind that all its packets
     * come too late, is not in use).
     */
    @Override
    public boolean selected(int sourceIndex) {
        if (merge != null) {
            return merge.inUse(sourceIndex, clock.nanoTime());
        }
        return failover.active() == sourceIndex;
    }

    @Override
    public IngestStats stats(long nowNs) {
        if (merge != null) {
            MergeCounters c = merge.counters();
            List<IngestStats.Leg> legs = new ArrayList<>(2);
            for (int leg = 0; leg < 2; leg++) {
                legs.add(new IngestStats.Leg(merge.inUse(leg, nowNs), merge.trailMs(leg), c.received[leg],
                        c.deliveredFirst[leg], 0, c.onlyFrom[leg], c.duplicates[leg], c.late[leg]));
            }
            return new IngestStats(IngestStats.Mode.MERGE, 0, null, c.output, c.lostOnBoth, c.resyncs, legs);
        }
        FailoverCounters c = failover.counters();
        List<IngestStats.Leg> legs = new ArrayList<>(2);
        for (int leg = 0; leg < 2; leg++) {
            legs.add(new IngestStats.Leg(failover.active() == leg, Double.NaN, c.received[leg], c.forwarded[leg],
                    c.standbyDropped[leg], 0, 0, 0));
        }
        return new IngestStats(IngestStats.Mode.FAILOVER, c.switches,
                c.lastReason == null ? null : c.lastReason.name(), 0, 0, 0, legs);
    }

    @Override
    public PacketSink input(int sourceIndex) {
        if (sourceIndex != 0 && sourceIndex != 1) {
            throw new IllegalArgumentException("a two-source ingest has sources 0 and 1, not " + sourceIndex);
        }
        return inputs[sourceIndex];
    }

    private void onPacket(int leg, ByteBuf packet, long arrivalNs) {
        if (closed) {
            packet.release();
            return;
        }
        if (timer == null) {
            startTimer();
        }
        if (merge != null) {
            merge.onPacket(leg, packet, arrivalNs);
        } else {
            failover.onPacket(leg, packet, arrivalNs);
        }
    }

    private void startTimer() {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();   // the flow's loop, which delivers the packet
        if (loop != null) {
            timer = loop.scheduleAtFixedRate(pollTask, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        long nowNs = clock.nanoTime();
        if (merge != null) {
            long before = merge.counters().output;
            merge.poll(nowNs);
            if (merge.counters().output != before) {
                downstream.onBatchComplete();                        // released without a read batch: flush now
            }
        } else {
            failover.poll(nowNs);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (merge != null) {
            merge.close();
        }
    }

    /** One source's sink. */
    private final class Input implements PacketSink {
        private final int leg;

        Input(int leg) {
            this.leg = leg;
        }

        @Override
        public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
            TwoSourceIngest.this.onPacket(leg, rtpPacket, arrivalNs);
        }

        @Override
        public void onBatchComplete() {
            downstream.onBatchComplete();
        }
    }
}
