package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The items of a flow definition in CreateFlow's wire spelling ({@code sources}, {@code outputs}, ...), found and
 * changed by name, and MediaConnect's update semantics for them.
 */
final class RequestItems {
    private RequestItems() {}

    /** The non-empty list {@code member} of a request body; BadRequestException naming {@code path} otherwise. */
    static ArrayNode requiredList(ObjectNode body, String member, String path) {
        if (!(body.get(member) instanceof ArrayNode list) || list.isEmpty()) {
            throw ApiException.badRequest(path + ": required member is missing or empty");
        }
        return list;
    }

    /** The item of {@code kind} named {@code name} in a definition the caller already found it in. */
    static ObjectNode findIn(ObjectNode request, String kind, String name) {
        for (JsonNode item : request.path(kind)) {
            if (item.path(FlowRecord.nameMember(kind)).asText().equals(name)) {
                return (ObjectNode) item;
            }
        }
        throw new IllegalStateException(kind + " item " + name + " vanished");
    }

    static void removeByName(ObjectNode request, String kind, String name) {
        ArrayNode items = (ArrayNode) request.path(kind);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path(FlowRecord.nameMember(kind)).asText().equals(name)) {
                items.remove(i);
                return;
            }
        }
    }

    /**
     * Update semantics: members present in {@code changes} replace the stored ones (null means "unchanged");
     * {@code nested} (an item's {@code encryption}, a media stream's {@code attributes}) is merged a level down.
     */
    static void merge(ObjectNode item, ObjectNode changes, String nested) {
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            if (change.getValue().isNull()) {
                continue;
            }
            if (change.getKey().equals(nested) && change.getValue() instanceof ObjectNode inner
                    && item.get(nested) instanceof ObjectNode current) {
                current.setAll(inner);
            } else {
                item.set(change.getKey(), change.getValue().deepCopy());
            }
        }
    }

    /** The error-message spelling of a wire name: {@code outputs} is {@code Outputs}. */
    static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
