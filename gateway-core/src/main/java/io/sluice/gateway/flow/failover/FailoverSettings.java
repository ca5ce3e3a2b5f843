package io.sluice.gateway.flow.failover;

import java.time.Duration;

/**
 * Timing of FAILOVER mode (MediaConnect documents neither value; these are ours, see docs/failover-merge.md).
 *
 * @param noPacketIntervalNs  the active source is considered down after this long without a packet
 * @param switchBackHoldOffNs the primary must deliver without such a pause for this long before the flow returns to it
 */
public record FailoverSettings(long noPacketIntervalNs, long switchBackHoldOffNs) {
    /** 500 ms of silence: several frames of any live video, far above network jitter on a working path. */
    public static final long DEFAULT_NO_PACKET_INTERVAL_NS = Duration.ofMillis(500).toNanos();
    /** 5 s of steady primary before switching back, so a flapping primary does not cause a switch storm. */
    public static final long DEFAULT_SWITCH_BACK_HOLD_OFF_NS = Duration.ofSeconds(5).toNanos();
    public static final FailoverSettings DEFAULT =
            new FailoverSettings(DEFAULT_NO_PACKET_INTERVAL_NS, DEFAULT_SWITCH_BACK_HOLD_OFF_NS);

    public FailoverSettings {
        if (noPacketIntervalNs <= 0) {
            throw new IllegalArgumentException("no-packet interval " + noPacketIntervalNs + " ns must be positive");
        }
        if (switchBackHoldOffNs < 0) {
            throw new IllegalArgumentException("switch-back hold-off " + switchBackHoldOffNs + " ns must be >= 0");
        }
    }
}
