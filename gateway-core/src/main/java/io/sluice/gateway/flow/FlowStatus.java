package io.sluice.gateway.flow;

/**
 * A flow's lifecycle, as MediaConnect names it: STANDBY → STARTING → ACTIVE → STOPPING → STANDBY, and ERROR (with
 * a reason) when it cannot start. Starting from ERROR is allowed (the cause may have gone away).
 */
public enum FlowStatus {
    STANDBY,
    STARTING,
    ACTIVE,
    STOPPING,
    ERROR
}
