package io.sluice.config;

/**
 * MediaConnect's {@code FailoverConfig}. {@code recoveryWindow} (ms) applies to MERGE, {@code sourcePriority} to
 * FAILOVER.
 */
public record FailoverConfig(FailoverMode failoverMode, Integer recoveryWindow, SourcePriority sourcePriority, State state) {
}
