package io.sluice.config;

/** An entitlement as MediaConnect describes it (response shape {@code Entitlement}). */
public record EntitlementDescription(String entitlementArn, EntitlementConfig config) {
}
