package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Entitlements across the daemon's flows: which flow grants an entitlement, which flow subscribes to it (a source
 * naming its ARN), and the subscriber fee each one charges, which the subscriber's source reports. An entitlement
 * feeds at most one subscriber flow, and only one granted on this server.
 */
final class EntitlementLinks {
    private final FlowRegistry flows;

    EntitlementLinks(FlowRegistry flows) {
        this.flows = flows;
    }

    /** Refuses sources of {@code flow} that name an entitlement nobody grants here, or one that feeds another flow. */
    void checkEntitledSources(FlowRecord flow, Iterable<? extends JsonNode> sources) {
        for (JsonNode source : sources) {
            String entitlementArn = source.path("entitlementArn").asText(null);
            if (entitlementArn == null) {
                continue;
            }
            if (grantingFlowOf(entitlementArn) == null) {
                throw ApiException.notFound("entitlement " + entitlementArn + " not found: no flow on this server grants it");
            }
            FlowRecord subscriber = subscriberOf(entitlementArn);
            if (subscriber != null && subscriber != flow) {
                throw ApiException.badRequest("entitlement " + entitlementArn + " already feeds flow " + subscriber.flowArn
                        + "; an entitlement feeds one subscriber flow");
            }
        }
    }

    /** The flow whose source takes {@code entitlementArn}, or null. */
    FlowRecord subscriberOf(String entitlementArn) {
        for (FlowRecord flow : flows.all()) {
            for (JsonNode source : flow.list("sources")) {
                if (entitlementArn.equals(source.path("entitlementArn").asText(null))) {
                    return flow;
                }
            }
        }
        return null;
    }

    /** {@code dataTransferSubscriberFeePercent} of every entitlement by ARN (0 when not set). */
    Map<String, Integer> fees() {
        Map<String, Integer> fees = new HashMap<>();
        for (FlowRecord flow : flows.all()) {
            for (JsonNode item : flow.list("entitlements")) {
                fees.put(flow.arnOf("entitlements", item), item.path("dataTransferSubscriberFeePercent").asInt(0));
            }
        }
        return fees;
    }

    private FlowRecord grantingFlowOf(String entitlementArn) {
        for (FlowRecord flow : flows.all()) {
            if (flow.nameOfArn("entitlements", entitlementArn) != null) {
                return flow;
            }
        }
        return null;
    }
}
