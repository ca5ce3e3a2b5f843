package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.metrics.FlowSourceMetadata;
import io.sluice.protocols.time.NanoClock;

/**
 * DescribeFlowSourceMetadata from the engine: the programs and streams the running flow's TS monitor found in its
 * source's PAT/PMT. A flow that is not running answers like {@link SourceMetadataProvider#NONE}.
 */
public final class EngineSourceMetadata implements SourceMetadataProvider {
    private final GatewayFlowEngine engine;
    private final NanoClock clock;

    public EngineSourceMetadata(GatewayFlowEngine engine, NanoClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void describe(String flowArn, ObjectNode response) {
        Flow flow = engine.flow(flowArn);
        if (flow == null) {
            NONE.describe(flowArn, response);
        } else {
            FlowSourceMetadata.describe(flow, clock).writeTo(response);
        }
    }
}
