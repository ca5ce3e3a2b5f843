package io.sluice.gateway.api;

import java.util.List;

/**
 * What the control plane asks of the data plane. Calls come from HTTP worker threads, one at a time per daemon
 * (the control plane serialises them); an implementation hands work to each flow's event loop and waits for it.
 * Failures are {@link IllegalStateException}s or {@link IllegalArgumentException}s whose message a person can act
 * on ("IngestPort 5000 is already in use by another process").
 */
public interface FlowEngine {

    /** Opens the flow's sources and outputs and starts moving packets; returns once it runs. */
    void start(FlowDefinition flow);

    /**
     * Applies a changed definition to a running flow, touching only what changed: an added output opens while the
     * other outputs keep sending; a removed output closes alone.
     */
    void update(FlowDefinition before, FlowDefinition after);

    /** Stops the flow and releases its sockets and buffers. Idempotent. */
    void stop(String flowArn);

    /**
     * Problems a running flow has now, one line each naming its source or output ("Source cam1: refused
     * 127.0.0.1:50000 at handshake: wrong SRT passphrase"), for DescribeFlow's {@code messages.errors}; empty when
     * healthy. Lines never carry a secret.
     */
    List<String> errors(String flowArn);
}
