package io.sluice.gateway.entitlement;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every entitlement of the process by ARN. The granting flow and the subscriber flow each ask for the link by ARN,
 * in either order, so a subscriber restored before its granting flow simply waits for packets.
 */
public final class EntitlementHub {
    private final ConcurrentMap<String, EntitlementLink> links = new ConcurrentHashMap<>();

    /** The link for {@code entitlementArn}, created on first use. */
    public EntitlementLink link(String entitlementArn) {
        return links.compute(entitlementArn, (arn, existing) ->
                existing == null || existing.revoked() ? new EntitlementLink(arn) : existing);
    }

    /** Revokes the entitlement: its subscriber stops receiving; a later grant of the same ARN starts a new link. */
    public void revoke(String entitlementArn) {
        EntitlementLink link = links.remove(entitlementArn);
        if (link != null) {
            link.revoke();
        }
    }
}
