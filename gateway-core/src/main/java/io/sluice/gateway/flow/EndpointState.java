package io.sluice.gateway.flow;

/** The state of one source or output inside a flow. */
public enum EndpointState {
    /** Not open (the flow is not running). */
    STANDBY,
    /** Opening its sockets. */
    STARTING,
    /** Open: receiving or sending. */
    ACTIVE,
    /** Could not open; the snapshot carries the reason. The rest of the flow keeps running. */
    ERROR
}
