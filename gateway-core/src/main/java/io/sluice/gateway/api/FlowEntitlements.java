package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GrantFlowEntitlements, UpdateFlowEntitlement, RevokeFlowEntitlement, and ListEntitlements (those granted to the
 * caller's account by any flow here). Revoking stops the subscriber flow's data at once; the subscriber keeps its
 * source and reports no data.
 */
final class FlowEntitlements {
    /** The control plane's events all log under one name, whichever part of it acts. */
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);
    static final int MAX_ENTITLEMENTS = 50;
    /** What UpdateFlowEntitlement may change; the name and the fee are fixed at grant. */
    private static final Set<String> UPDATABLE = Set.of("description", "encryption", "entitlementStatus", "subscribers");

    private final FlowRegistry flows;
    private final FlowChanges changes;
    private final EntitlementLinks links;
    private final WireShapes shapes;

    FlowEntitlements(FlowRegistry flows, FlowChanges changes, EntitlementLinks links, WireShapes shapes) {
        this.flows = flows;
        this.changes = changes;
        this.links = links;
        this.shapes = shapes;
    }

    ObjectNode grant(String flowArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "GrantFlowEntitlements");
        ArrayNode added = RequestItems.requiredList(body, "entitlements", "Entitlements");
        flow.requireRoom("GrantFlowEntitlements", "entitlements", added.size(), MAX_ENTITLEMENTS);
        ObjectNode out = Replies.wrap("entitlements", changes.addItems(flow, "entitlements", added,
                entitlement -> shapes.entitlement(flow, entitlement)));
        out.put("flowArn", flow.flowArn);
        return out;
    }

    ObjectNode update(String flowArn, String entitlementArn, ObjectNode body) {
        FlowRecord flow = flows.findChangeable(flowArn, "UpdateFlowEntitlement");
        String name = flow.requireNameOfArn("entitlements", entitlementArn, "entitlement");
        changes.updateItem(flow, "entitlements", name, body, UPDATABLE, "encryption");
        return Replies.ofFlow(flow.flowArn, "entitlement", shapes.entitlement(flow, flow.findByName("entitlements", name)));
    }

    ObjectNode revoke(String flowArn, String entitlementArn) {
        FlowRecord flow = flows.findChangeable(flowArn, "RevokeFlowEntitlement");
        String name = flow.requireNameOfArn("entitlements", entitlementArn, "entitlement");
        FlowRecord subscriber = links.subscriberOf(entitlementArn);
        if (subscriber != null) {
            LOG.info("event=entitlement_revoked entitlement={} subscriber={}", entitlementArn, subscriber.flowArn);
        }
        changes.removeItem(flow, "entitlements", name);
        return Replies.of("entitlementArn", entitlementArn, "flowArn", flow.flowArn);
    }

    /** Entitlements of any flow here whose subscribers include {@code callerAccount}, a page at a time. */
    ObjectNode list(String callerAccount, int maxResults, String nextToken) {
        long offset = PageToken.decode("entitlements", nextToken, 0);
        List<ObjectNode> all = new ArrayList<>();
        for (FlowRecord flow : flows.all()) {
            for (JsonNode item : flow.list("entitlements")) {
                if (grantedTo(item, callerAccount)) {
                    all.add(shapes.listedEntitlement(flow, item));
                }
            }
        }
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode page = out.putArray("entitlements");
        int end = (int) Math.min(all.size(), offset + maxResults);
        for (int i = (int) Math.min(offset, all.size()); i < end; i++) {
            page.add(all.get(i));
        }
        if (end < all.size()) {
            out.put("nextToken", PageToken.encode("entitlements", end));
        }
        return out;
    }

    private static boolean grantedTo(JsonNode entitlement, String account) {
        for (JsonNode subscriber : entitlement.path("subscribers")) {
            if (subscriber.asText().equals(account)) {
                return true;
            }
        }
        return false;
    }
}
