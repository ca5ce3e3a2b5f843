package io.sluice.gateway.flow.failover;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.PacketSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FAILOVER between two sources (protocols.md §3.3): forwards exactly one, the primary while it delivers. When the
 * active source has been silent for the no-packet interval and the other is delivering, it switches at the other's
 * next packet (so within the interval plus one packet time); it returns to the primary once the primary has
 * delivered without such a pause for the hold-off. With failover disabled only the primary is ever forwarded.
 *
 * <p>Runs on the flow's event loop; takes ownership of every packet (forwards or releases it). Each switch is counted
 * and logged once with its reason; nothing is logged per packet. Call {@link #poll(long)} from a timer so a switch
 * back does not wait for a packet of the standby source.
 */
public final class FailoverSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverSwitch.class);

    private final String flowName;
    private final String[] sourceNames;
    private final PacketSink downstream;
    private final int primary;
    private final boolean enabled;
    private final long noPacketIntervalNs;
    private final long holdOffNs;
    private final FailoverCounters counters = new FailoverCounters();
    private final PacketSink[] legSinks = {new LegSink(0), new LegSink(1)};
    private final long[] lastPacketNs = new long[2];
    private final long[] deliveringSinceNs = new long[2];
    private final boolean[] seen = new boolean[2];
    private final long startNs;
    private int active;

    /**
     * @param primary index (0 or 1) of the primary source: SourcePriority's PrimarySource, else the first
     * @param enabled false for State DISABLED: only the primary is used
     */
    public FailoverSwitch(String flowName, String[] sourceNames, PacketSink downstream, int primary, boolean enabled,
                          FailoverSettings settings, long nowNs) {
        if (primary != 0 && primary != 1) {
            throw new IllegalArgumentException("primary source index " + primary + " (expected 0 or 1)");
        }
        this.flowName = flowName;
        this.sourceNames = sourceNames.clone();
        this.downstream = downstream;
        this.primary = primary;
        this.enabled = enabled;
        this.noPacketIntervalNs = settings.noPacketIntervalNs();
        this.holdOffNs = settings.switchBackHoldOffNs();
        this.startNs = nowNs;
        this.active = primary;
    }

    /** The sink for source 0 or 1. */
    public PacketSink leg(int leg) {
        return legSinks[leg];
    }

    /** Index of the source being forwarded. */
    public int active() {
        return active;
    }

    public FailoverCounters counters() {
        return counters;
    }

    /** One packet from source {@code leg}; takes ownership of {@code packet}. */
    public void onPacket(int leg, ByteBuf packet, long nowNs) {
        counters.received[leg]++;
        if (!seen[leg] || nowNs - lastPacketNs[leg] >= noPacketIntervalNs) {
            deliveringSinceNs[leg] = nowNs;               // first packet, or first after a pause
        }
        seen[leg] = true;
        lastPacketNs[leg] = nowNs;
        evaluate(nowNs);
        if (leg == active) {
            counters.forwarded[leg]++;
            downstream.onPacket(packet, nowNs);
        } else {
            counters.standbyDropped[leg]++;
            packet.release();
        }
    }

    /** Re-evaluates the choice without a packet; call from a timer on the loop. */
    public void poll(long nowNs) {
        evaluate(nowNs);
    }

    private void evaluate(long nowNs) {
        if (!enabled) {
            return;
        }
        int other = 1 - active;
        if (silentNs(active, nowNs) >= noPacketIntervalNs && silentNs(other, nowNs) < noPacketIntervalNs) {
            switchTo(other, SwitchReason.ACTIVE_SOURCE_SILENT, silentNs(active, nowNs), nowNs);
        } else if (active != primary && silentNs(primary, nowNs) < noPacketIntervalNs
                && nowNs - deliveringSinceNs[primary] >= holdOffNs) {
            switchTo(primary, SwitchReason.PRIMARY_HEALTHY_AGAIN, 0, nowNs);
        }
    }

    private long silentNs(int leg, long nowNs) {
        return nowNs - (seen[leg] ? lastPacketNs[leg] : startNs);
    }

    private void switchTo(int leg, SwitchReason reason, long silenceNs, long nowNs) {
        int from = active;
        active = leg;
        counters.switches++;
        counters.lastReason = reason;
        counters.lastSwitchNs = nowNs;
        counters.lastSilenceNs = silenceNs;
        if (reason == SwitchReason.ACTIVE_SOURCE_SILENT) {
            LOG.warn("flow {}: switched from source {} to {}: no packet for {} ms", flowName, sourceNames[from],
                    sourceNames[leg], silenceNs / 1_000_000);
        } else {
            LOG.info("flow {}: switched back from source {} to primary {}: delivering for {} ms", flowName,
                    sourceNames[from], sourceNames[leg], (nowNs - deliveringSinceNs[leg]) / 1_000_000);
        }
    }

    /** Adapts one source's {@link PacketSink} calls to {@link #onPacket(int, ByteBuf, long)}. */
    private final class LegSink implements PacketSink {
        private final int leg;

        LegSink(int leg) {
            this.leg = leg;
        }

        @Override
        public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
            FailoverSwitch.this.onPacket(leg, rtpPacket, arrivalNs);
        }

        @Override
        public void onBatchComplete() {
            downstream.onBatchComplete();
        }
    }
}
