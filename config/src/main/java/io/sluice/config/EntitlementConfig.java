package io.sluice.config;

import java.util.List;
import java.util.Map;

/**
 * MediaConnect's {@code GrantEntitlementRequest}: lets other accounts (12-digit IDs in {@code subscribers}) build a
 * flow from this flow's content. {@code entitlementTags} is newer than the baseline model.
 */
public record EntitlementConfig(
        String name,
        String description,
        List<String> subscribers,
        Integer dataTransferSubscriberFeePercent,
        EncryptionConfig encryption,
        EntitlementStatus entitlementStatus,
        Map<String, String> entitlementTags) {

    public EntitlementConfig {
        subscribers = Lists.copy(subscribers);
        entitlementTags = Lists.copy(entitlementTags);
    }
}
