package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * DescribeFlow and ListFlows. DescribeFlow adds {@code messages.errors} while the flow has problems: why it is in
 * ERROR, and what the running flow reports of its sources and outputs; the member is left out when there are none
 * (MediaConnect's {@code Messages}, whose {@code Errors} is required when present).
 */
final class FlowViews {
    private final FlowRegistry flows;
    private final FlowEngine engine;
    private final EntitlementLinks links;
    private final WireShapes shapes;

    FlowViews(FlowRegistry flows, FlowEngine engine, EntitlementLinks links, WireShapes shapes) {
        this.flows = flows;
        this.engine = engine;
        this.links = links;
        this.shapes = shapes;
    }

    /** {@code {"flow": ...}}: the answer to CreateFlow and UpdateFlow. */
    ObjectNode flow(FlowRecord flow) {
        return Replies.wrap("flow", shapes.flow(flow, links.fees()));
    }

    /**
     * The flow, with {@code messages.errors}: why it failed to start (ERROR), or while it runs what the engine reports
     * of it and its sources and outputs ({@link FlowProblems}). Each line once, none carrying a secret value.
     */
    ObjectNode describe(String flowArn) {
        FlowRecord flow = flows.find(flowArn);
        ObjectNode out = flow(flow);
        Set<String> errors = new LinkedHashSet<>(flow.errors);
        if (flow.status == FlowRecord.Status.ACTIVE) {
            errors.addAll(engine.errors(flow.flowArn));
        }
        if (!errors.isEmpty()) {
            ArrayNode list = out.putObject("messages").putArray("errors");
            errors.forEach(error -> list.add(FlowProblems.withoutSecrets(error)));
        }
        return out;
    }

    /** A page of ListedFlow summaries, oldest first; the token is the creation sequence of the last one returned. */
    ObjectNode list(int maxResults, String nextToken) {
        long after = PageToken.decode("flows", nextToken, 0);
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode page = out.putArray("flows");
        long last = after;
        boolean more = false;
        for (FlowRecord flow : flows.all()) {
            if (flow.sequence <= after) {
                continue;
            }
            if (page.size() == maxResults) {
                more = true;
                break;
            }
            page.add(shapes.listedFlow(flow));
            last = flow.sequence;
        }
        if (more) {
            out.put("nextToken", PageToken.encode("flows", last));
        }
        return out;
    }
}
