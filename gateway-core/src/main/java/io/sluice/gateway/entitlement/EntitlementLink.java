package io.sluice.gateway.entitlement;

import io.netty.channel.EventLoop;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.time.NanoClock;

/**
 * One entitlement inside the process: carries the granting flow's packets to the one subscriber flow whose source
 * names the entitlement's ARN, without a network hop and without copying bytes. The granting side is an
 * {@link EntitlementOutput} on the granting flow's loop; the subscriber side an {@link EntitlementSource} on the
 * subscriber flow's loop; between them a bounded queue per subscription ({@link Subscription}).
 *
 * <p>{@link #enabled(boolean)} false (EntitlementStatus DISABLED) stops data at once: the output drops what it is
 * offered and the subscriber releases what is still queued. {@link #revoke()} ends the link for good.
 */
public final class EntitlementLink {
    /** Packets queued between the two loops; about 100 ms of a 50 Mb/s stream. */
    static final int QUEUE_PACKETS = 512;

    private final String entitlementArn;
    private volatile boolean enabled = true;
    private volatile boolean revoked;
    private volatile Subscription subscription;

    EntitlementLink(String entitlementArn) {
        this.entitlementArn = entitlementArn;
    }

    public String entitlementArn() {
        return entitlementArn;
    }

    /** EntitlementStatus: ENABLED (true) or DISABLED (false). Any thread. */
    public void enabled(boolean value) {
        enabled = value;
    }

    public boolean enabled() {
        return enabled && !revoked;
    }

    public boolean revoked() {
        return revoked;
    }

    /** Ends the link: no more packets, the subscription (if any) is closed. Any thread. */
    public void revoke() {
        revoked = true;
        Subscription current = subscription;
        if (current != null) {
            detach(current);
        }
    }

    /** The live subscription, or null; read by the granting output on its loop. */
    Subscription subscription() {
        return subscription;
    }

    /** Called by the subscriber's source on its loop when it opens. */
    synchronized Subscription attach(EventLoop loop, PacketSink sink, SourceCounters counters, NanoClock clock) {
        if (revoked) {
            throw new IllegalStateException("entitlement " + entitlementArn + " has been revoked");
        }
        if (subscription != null) {
            throw new IllegalStateException("entitlement " + entitlementArn + " already feeds another flow; an entitlement feeds one subscriber flow");
        }
        Subscription created = new Subscription(this, loop, sink, counters, clock, QUEUE_PACKETS);
        subscription = created;
        return created;
    }

    /**
     * Closes {@code s}: the subscriber stops receiving at once. Packets still queued are released on the subscriber's
     * loop, by the drain task that sees the subscription closed, or by the granting output when it notices.
     */
    synchronized void detach(Subscription s) {
        s.close();
        if (subscription == s) {
            subscription = null;
        }
    }
}
