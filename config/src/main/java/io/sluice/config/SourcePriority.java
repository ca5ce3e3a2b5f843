package io.sluice.config;

/** MediaConnect's {@code SourcePriority}: the name (not ARN) of the preferred source of a FAILOVER flow. */
public record SourcePriority(String primarySource) {
}
