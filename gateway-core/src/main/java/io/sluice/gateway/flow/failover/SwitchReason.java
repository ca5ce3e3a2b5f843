package io.sluice.gateway.flow.failover;

/** Why a {@link FailoverSwitch} changed its active source. */
public enum SwitchReason {
    /** The active source delivered nothing for the no-packet interval while the other one was delivering. */
    ACTIVE_SOURCE_SILENT,
    /** The primary source delivered continuously for the switch-back hold-off. */
    PRIMARY_HEALTHY_AGAIN
}
