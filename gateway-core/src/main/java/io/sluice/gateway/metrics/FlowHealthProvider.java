package io.sluice.gateway.metrics;

import java.util.List;

/**
 * Where the metrics endpoint, {@code /ready} and the live table get the flows' figures. The engine implements it:
 * for each flow, {@code loop.submit(flow::health).get(timeout)}, so the copy is taken on the flow's own loop and the
 * caller (an HTTP worker, never a flow loop) waits briefly. Called once per scrape, never per packet.
 */
@FunctionalInterface
public interface FlowHealthProvider {

    /** One copy per flow known to this process, in a stable order. */
    List<FlowHealth> flows();
}
