package io.sluice.gateway.flow.failover;

/** What a {@link FailoverSwitch} did. Plain fields, written on the flow's loop; read a {@link #snapshot()}. */
public final class FailoverCounters {
    public final long[] received = new long[2];
    public final long[] forwarded = new long[2];
    /** Packets of the standby source, released without forwarding. */
    public final long[] standbyDropped = new long[2];
    public long switches;
    public SwitchReason lastReason;
    /** When the last switch happened, from the flow's clock; 0 before any. */
    public long lastSwitchNs;
    /** Silence of the source switched away from, at the last switch (0 when switching back). */
    public long lastSilenceNs;

    public Snapshot snapshot(int active) {
        return new Snapshot(active, received[0], received[1], forwarded[0], forwarded[1], standbyDropped[0],
                standbyDropped[1], switches, lastReason, lastSwitchNs, lastSilenceNs);
    }

    /** The counters at one instant; {@code active} is the source index being forwarded. */
    public record Snapshot(int active, long received0, long received1, long forwarded0, long forwarded1,
                           long standbyDropped0, long standbyDropped1, long switches, SwitchReason lastReason,
                           long lastSwitchNs, long lastSilenceNs) {}
}
