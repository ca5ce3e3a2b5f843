package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.entitlement.ResourceArns;

/**
 * Names, ARNs and tags of the items a request brings into a flow: an unnamed source, output or entitlement is named
 * {@code output-3} after its position; names are unique per kind within a flow; sources, outputs and entitlements get
 * an ARN, and their {@code *Tags} move to the flow's tags by ARN (all but Sluice's own {@code sluice:} settings).
 */
final class ItemNames {
    private final ResourceArns arns;

    ItemNames(ResourceArns arns) {
        this.arns = arns;
    }

    /** Names {@code item} (at {@code index} of {@code siblings}, its kind's list), checks the name and assigns its ARN. */
    void assign(FlowRecord flow, String kind, ArrayNode siblings, ObjectNode item, int index) {
        String member = FlowRecord.nameMember(kind);
        String path = RequestItems.capitalise(kind) + "[" + index + "]." + RequestItems.capitalise(member);
        if (!item.hasNonNull(member)) {
            if (arnType(kind) == null) {
                throw ApiException.badRequest(path + ": required member is missing");
            }
            item.put(member, kind.substring(0, kind.length() - 1) + "-" + (index + 1));
        }
        String name = item.path(member).asText();
        int count = 0;
        for (JsonNode other : siblings) {
            count += other.path(member).asText().equals(name) ? 1 : 0;
        }
        if (count > 1) {
            throw ApiException.badRequest(path + ": \"" + name + "\" is already used in this flow; names are unique per flow");
        }
        ResourceArns.Type type = arnType(kind);
        if (type == null) {
            return;
        }
        checkName(type, path, name);
        String arn = arns.arn(type, flow.name(), name);
        flow.arnsOf(kind).put(name, arn);
        String tagsMember = kind.substring(0, kind.length() - 1) + "Tags";
        JsonNode tags = item.remove(tagsMember);
        if (tags instanceof ObjectNode t) {
            // "sluice:" tags are Sluice extensions (settings, docs/flow-files.md): they stay in the flow's configuration
            ObjectNode settings = t.objectNode();
            ObjectNode ordinary = t.objectNode();
            t.properties().forEach(tag -> (tag.getKey().startsWith("sluice:") ? settings : ordinary).set(tag.getKey(), tag.getValue()));
            if (!settings.isEmpty()) {
                item.set(tagsMember, settings);
            }
            flow.tags.set(arn, ordinary);
        }
    }

    /** The ARN a new flow named {@code name} gets; BadRequestException when the name cannot be part of an ARN. */
    String flowArn(String name) {
        checkName(ResourceArns.Type.FLOW, "Name", name);
        return arns.arn(ResourceArns.Type.FLOW, name, name);
    }

    /** True for the kinds whose items have ARNs and tags: sources, outputs, entitlements. */
    static boolean hasArn(String kind) {
        return arnType(kind) != null;
    }

    private static ResourceArns.Type arnType(String kind) {
        return switch (kind) {
            case "sources" -> ResourceArns.Type.SOURCE;
            case "outputs" -> ResourceArns.Type.OUTPUT;
            case "entitlements" -> ResourceArns.Type.ENTITLEMENT;
            default -> null;     // media streams and VPC interfaces: named, no ARN
        };
    }

    private static void checkName(ResourceArns.Type type, String path, String name) {
        try {
            ResourceArns.checkName(type, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(path + ": " + e.getMessage());
        }
    }
}
