package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.entitlement.ResourceArns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * CreateFlow: turns the request into the stored definition (one {@code source} becomes {@code sources}, the
 * availability zone defaults to the region's first, every item is named and given its ARN, tags move to the flow's
 * tags), validates it whole, and stores the flow in STANDBY.
 */
final class FlowCreation {
    /** The control plane's events all log under one name, whichever part of it acts. */
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);
    static final int MAX_OUTPUTS = 50;

    private final FlowRegistry flows;
    private final ResourceArns arns;
    private final ItemNames names;
    private final FlowChanges changes;
    private final EntitlementLinks links;

    FlowCreation(FlowRegistry flows, ResourceArns arns, ItemNames names, FlowChanges changes, EntitlementLinks links) {
        this.flows = flows;
        this.arns = arns;
        this.names = names;
        this.changes = changes;
        this.links = links;
    }

    /** Creates the flow; returns the stored record, which the caller renders. */
    FlowRecord create(ObjectNode body) {
        ObjectNode request = body.deepCopy();
        String name = request.path("name").asText(null);
        if (name == null) {
            throw ApiException.badRequest("Name: required member is missing");
        }
        String flowArn = names.flowArn(name);
        if (request.hasNonNull("source") && request.hasNonNull("sources")) {
            throw ApiException.badRequest("Source and Sources: give one or the other, not both");
        }
        boolean singleSource = request.get("source") instanceof ObjectNode;
        if (request.get("source") instanceof ObjectNode single) {
            request.remove("source");
            request.putArray("sources").add(single);
        }
        if (!request.hasNonNull("availabilityZone")) {
            request.put("availabilityZone", arns.region() + "a");
        }
        JsonNode flowTags = request.remove("flowTags");
        if (request.path("outputs").size() > MAX_OUTPUTS) {
            throw ApiException.quota("CreateFlow", "Outputs: " + request.path("outputs").size() + " outputs, the limit is " + MAX_OUTPUTS);
        }
        FlowRecord flow = new FlowRecord(flowArn, flows.nextSequence(), request, ApiRequest.JSON.createObjectNode(),
                ApiRequest.JSON.createObjectNode());
        flow.singleSource = singleSource;
        for (String kind : List.of("sources", "outputs", "entitlements", "mediaStreams", "vpcInterfaces")) {
            ArrayNode items = flow.list(kind);
            for (int i = 0; i < items.size(); i++) {
                names.assign(flow, kind, items, (ObjectNode) items.get(i), i);
            }
        }
        if (flowTags instanceof ObjectNode tags) {
            flow.tags.set(flow.flowArn, tags);
        }
        links.checkEntitledSources(flow, flow.list("sources"));
        changes.validate(flow, flow.request);
        flows.add(flow);
        changes.persist(flow);
        LOG.info("event=flow_created flow={}", flow.flowArn);
        return flow;
    }
}
