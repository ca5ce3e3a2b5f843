package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * AddFlowSources, UpdateFlowSource and RemoveFlowSource. A flow keeps at least one source; a second one needs
 * failover (the validator says so); a source that names an entitlement must name one granted here and free.
 */
final class FlowSources {
    private final FlowRegistry flows;
    private final FlowChanges changes;
    private final EntitlementLinks links;
    private final WireShapes shapes;

    FlowSources(FlowRegistry flows, FlowChanges changes, EntitlementLinks links, WireShapes shapes) {
        this.flows = flows;
        this.changes = changes;
        this.links = links;
        this.shapes = shapes;
    }

    ObjectNode add(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "AddFlowSources");
        ArrayNode added = RequestItems.requiredList(body, "sources", "Sources");
        links.checkEntitledSources(flow, added);
        return Replies.ofFlow(flow.flowArn, "sources",
                changes.addItems(flow, "sources", added, source -> shapes.source(flow, source, links.fees())));
    }

    ObjectNode update(String flowArn, String sourceArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "UpdateFlowSource");
        String name = flow.requireNameOfArn("sources", sourceArn, "source");
        JsonNode entitlementArn = body.get("entitlementArn");
        if (entitlementArn != null && !entitlementArn.isNull()) {
            // the updated source takes this entitlement: it must be granted here and feed no other flow
            links.checkEntitledSources(flow, List.of(body));
        }
        changes.updateItem(flow, "sources", name, body, null, "decryption");
        return Replies.ofFlow(flow.flowArn, "source", shapes.source(flow, flow.findByName("sources", name), links.fees()));
    }

    ObjectNode remove(String flowArn, String sourceArn) {
        FlowRecord flow = flows.findChangeable(flowArn, "RemoveFlowSource");
        String name = flow.requireNameOfArn("sources", sourceArn, "source");
        if (flow.list("sources").size() < 2) {
            throw ApiException.badRequest("RemoveFlowSource: a flow keeps at least one source; " + sourceArn + " is its only one");
        }
        changes.removeItem(flow, "sources", name);
        return Replies.of("flowArn", flow.flowArn, "sourceArn", sourceArn);
    }
}
