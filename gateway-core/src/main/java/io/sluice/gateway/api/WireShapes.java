package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns stored request-shaped items into MediaConnect's response shapes. Requests carry protocol settings flat next
 * to the item; responses nest them in {@code transport} ({@code Source}, {@code Output}), add the ARNs and the
 * addresses the flow uses, and always include the members the model marks required. Secret values never leave:
 * any member whose name says password, passphrase or secret is dropped, unless it is a reference ending in {@code Arn}.
 */
final class WireShapes {
    private static final Set<String> SOURCE_TRANSPORT = Set.of("protocol", "maxBitrate", "maxLatency", "maxSyncBuffer",
            "minLatency", "streamId", "sourceListenerAddress", "sourceListenerPort", "senderControlPort", "senderIpAddress");
    private static final Set<String> OUTPUT_TRANSPORT = Set.of("protocol", "cidrAllowList", "maxLatency", "minLatency",
            "smoothingLatency", "streamId", "remoteId", "senderControlPort", "senderIpAddress");
    /** Request-only members that never appear in the response item. */
    private static final Set<String> REQUEST_ONLY = Set.of("sourceTags", "outputTags", "entitlementTags",
            "vpcInterfaceTags", "mediaStreamTags");

    private final String ingestIp;

    WireShapes(String ingestIp) {
        this.ingestIp = ingestIp;
    }

    ObjectNode flow(FlowRecord flow, Map<String, Integer> entitledFees) {
        ObjectNode request = flow.request;
        ObjectNode out = json();
        out.put("flowArn", flow.flowArn);
        out.put("name", flow.name());
        out.put("availabilityZone", request.path("availabilityZone").asText());
        out.put("description", request.path("description").asText(flow.name()));
        out.put("egressIp", ingestIp);
        out.put("status", flow.status.name());
        ArrayNode sources = out.putArray("sources");
        for (JsonNode item : flow.list("sources")) {
            sources.add(source(flow, (ObjectNode) item, entitledFees));
        }
        out.set("source", sources.isEmpty() ? json() : sources.get(0).deepCopy());
        ArrayNode outputs = out.putArray("outputs");
        for (JsonNode item : flow.list("outputs")) {
            outputs.add(output(flow, (ObjectNode) item));
        }
        ArrayNode entitlements = out.putArray("entitlements");
        for (JsonNode item : flow.list("entitlements")) {
            entitlements.add(entitlement(flow, (ObjectNode) item));
        }
        copyIfPresent(request, out, "sourceFailoverConfig", "maintenance", "sourceMonitoringConfig", "flowSize",
                "ndiConfig", "encodingConfig");
        ArrayNode mediaStreams = out.putArray("mediaStreams");
        for (JsonNode item : flow.list("mediaStreams")) {
            mediaStreams.add(mediaStream((ObjectNode) item));
        }
        ArrayNode vpcInterfaces = out.putArray("vpcInterfaces");
        for (JsonNode item : flow.list("vpcInterfaces")) {
            vpcInterfaces.add(vpcInterface((ObjectNode) item));
        }
        return out;
    }

    ObjectNode listedFlow(FlowRecord flow) {
        ObjectNode out = json();
        out.put("flowArn", flow.flowArn);
        out.put("name", flow.name());
        out.put("availabilityZone", flow.request.path("availabilityZone").asText());
        out.put("description", flow.request.path("description").asText(flow.name()));
        JsonNode first = flow.list("sources").path(0);
        out.put("sourceType", first.hasNonNull("entitlementArn") ? "ENTITLED" : "OWNED");
        out.put("status", flow.status.name());
        copyIfPresent(flow.request, out, "maintenance");
        return out;
    }

    ObjectNode source(FlowRecord flow, ObjectNode item, Map<String, Integer> entitledFees) {
        ObjectNode out = json();
        out.put("sourceArn", flow.arnOf("sources", item));
        ObjectNode transport = json();
        for (Map.Entry<String, JsonNode> member : item.properties()) {
            String key = member.getKey();
            if (SOURCE_TRANSPORT.contains(key)) {
                transport.set(key, member.getValue().deepCopy());
            }
            if ((!SOURCE_TRANSPORT.contains(key) || key.startsWith("sender")) && !REQUEST_ONLY.contains(key)) {
                out.set(key, member.getValue().deepCopy());
            }
        }
        String entitlementArn = item.path("entitlementArn").asText(null);
        if (entitlementArn != null) {
            Integer fee = entitledFees.get(entitlementArn);
            if (fee != null) {
                out.put("dataTransferSubscriberFeePercent", fee);
            }
        } else {
            out.put("ingestIp", ingestIp);
            out.set("transport", transport);
        }
        return redact(out);
    }

    ObjectNode output(FlowRecord flow, ObjectNode item) {
        ObjectNode out = json();
        out.put("outputArn", flow.arnOf("outputs", item));
        ObjectNode transport = json();
        for (Map.Entry<String, JsonNode> member : item.properties()) {
            String key = member.getKey();
            if (OUTPUT_TRANSPORT.contains(key)) {
                transport.set(key, member.getValue().deepCopy());
            } else if (!REQUEST_ONLY.contains(key)) {
                out.set(key, member.getValue().deepCopy());
            }
        }
        if (!out.has("outputStatus")) {
            out.put("outputStatus", "ENABLED");
        }
        if (item.path("protocol").asText().equals("srt-listener")) {
            out.put("listenerAddress", ingestIp);
        }
        if (transport.has("protocol")) {
            out.set("transport", transport);
        }
        return redact(out);
    }

    ObjectNode entitlement(FlowRecord flow, ObjectNode item) {
        ObjectNode out = json();
        out.put("entitlementArn", flow.arnOf("entitlements", item));
        for (Map.Entry<String, JsonNode> member : item.properties()) {
            if (!REQUEST_ONLY.contains(member.getKey())) {
                out.set(member.getKey(), member.getValue().deepCopy());
            }
        }
        if (!out.has("entitlementStatus")) {
            out.put("entitlementStatus", "ENABLED");
        }
        if (!out.has("subscribers")) {
            out.putArray("subscribers");
        }
        return redact(out);
    }

    /** ListEntitlements' summary of one entitlement. */
    ObjectNode listedEntitlement(FlowRecord flow, JsonNode item) {
        ObjectNode out = json();
        out.put("entitlementArn", flow.arnOf("entitlements", item));
        out.put("entitlementName", item.path("name").asText());
        copyIfPresent(item, out, "dataTransferSubscriberFeePercent");
        return out;
    }

    ObjectNode mediaStream(ObjectNode item) {
        ObjectNode out = item.deepCopy();
        out.remove(REQUEST_ONLY);
        if (!out.has("fmt")) {
            out.put("fmt", 96 + Math.floorMod(item.path("mediaStreamId").asInt(), 32)); // dynamic RTP payload types 96-127
        }
        if (out.get("attributes") instanceof ObjectNode attributes && !attributes.has("fmtp")) {
            attributes.putObject("fmtp");
        }
        return out;
    }

    ObjectNode vpcInterface(ObjectNode item) {
        ObjectNode out = item.deepCopy();
        out.remove(REQUEST_ONLY);
        if (!out.has("networkInterfaceType")) {
            out.put("networkInterfaceType", "ena");
        }
        if (!out.has("networkInterfaceIds")) {
            out.putArray("networkInterfaceIds");
        }
        return out;
    }

    /** Drops secret values at any depth; references to secrets ({@code secretArn}) stay. */
    static ObjectNode redact(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String key = member.getKey().toLowerCase(Locale.ROOT);
            boolean secret = !key.endsWith("arn")
                    && (key.contains("password") || key.contains("passphrase") || key.contains("secret"));
            if (secret) {
                members.remove();
            } else if (member.getValue() instanceof ObjectNode child) {
                redact(child);
            } else if (member.getValue() instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    if (element instanceof ObjectNode child) {
                        redact(child);
                    }
                }
            }
        }
        return node;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String... members) {
        for (String member : members) {
            JsonNode value = from.get(member);
            if (value != null && !value.isNull()) {
                to.set(member, value.deepCopy());
            }
        }
    }

    private static ObjectNode json() {
        return ApiRequest.JSON.createObjectNode();
    }
}
