package io.sluice.gateway.metrics;

import java.net.InetSocketAddress;

/**
 * Summarises a source's allow-list denials: the packet path only counts ({@link #onDenied}, no allocation, no
 * logging), and at most one {@code event=allowlist_denied} line per interval gives the count and the last sender.
 * Single-threaded: call on the flow's loop; call {@link #flushIfDue} from the flow's periodic task too, so the last
 * summary is written even when the denied sender stops.
 */
public final class AllowListDenials {
    public static final long DEFAULT_INTERVAL_NS = 10_000_000_000L;

    private final String flow;
    private final String source;
    private final long intervalNs;
    private long windowStartNs;
    private boolean windowOpen;
    private long count;
    private InetSocketAddress lastSender;

    public AllowListDenials(String flow, String source, long intervalNs) {
        this.flow = flow;
        this.source = source;
        this.intervalNs = intervalNs;
    }

    /** Counts one denied packet from {@code sender} (a reference is kept, not copied). */
    public void onDenied(InetSocketAddress sender, long nowNs) {
        if (!windowOpen) {
            windowOpen = true;
            windowStartNs = nowNs;
        }
        count++;
        lastSender = sender;
        flushIfDue(nowNs);
    }

    /** Writes the summary when the interval is over and something was denied; returns whether it wrote. */
    public boolean flushIfDue(long nowNs) {
        if (!windowOpen || nowNs - windowStartNs < intervalNs) {
            return false;
        }
        EventLog.allowListDenied(flow, source, count,
                lastSender == null ? null : lastSender.getAddress().getHostAddress() + ":" + lastSender.getPort(),
                (nowNs - windowStartNs) / 1_000_000);
        windowOpen = false;
        count = 0;
        lastSender = null;
        return true;
    }

    /** Denials counted in the current interval, not yet written. */
    public long pending() {
        return count;
    }
}
