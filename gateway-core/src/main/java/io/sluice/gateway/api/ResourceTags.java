package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource on flows, sources, outputs and entitlements, kept by ARN. */
final class ResourceTags {
    private final FlowRegistry flows;
    private final FlowChanges changes;

    ResourceTags(FlowRegistry flows, FlowChanges changes) {
        this.flows = flows;
        this.changes = changes;
    }

    ObjectNode list(String resourceArn) {
        FlowRecord flow = flows.ownerOf(resourceArn);
        JsonNode tags = flow.tags.get(resourceArn);
        return Replies.wrap("tags", tags == null ? ApiRequest.JSON.createObjectNode() : tags.deepCopy());
    }

    void tag(String resourceArn, ObjectNode body) {
        FlowRecord flow = flows.ownerOf(resourceArn);
        if (!(body.get("tags") instanceof ObjectNode tags)) {
            throw ApiException.badRequest("Tags: required member is missing (a map of key to value)");
        }
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || !tag.getValue().isTextual() || tag.getValue().asText().length() > 256) {
                throw ApiException.badRequest("Tags[\"" + tag.getKey() + "\"]: keys are 1-128 characters and values strings of at most 256");
            }
        }
        ObjectNode current = flow.tags.get(resourceArn) instanceof ObjectNode t ? t : flow.tags.putObject(resourceArn);
        current.setAll(tags);
        changes.persist(flow);
    }

    void untag(String resourceArn, List<String> tagKeys) {
        FlowRecord flow = flows.ownerOf(resourceArn);
        if (tagKeys.isEmpty()) {
            throw ApiException.badRequest("TagKeys: required query parameter tagKeys is missing");
        }
        if (flow.tags.get(resourceArn) instanceof ObjectNode current) {
            current.remove(tagKeys);
        }
        changes.persist(flow);
    }
}
