package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two definitions of one flow, item by item (outputs, sources, entitlements are matched by
 * name, which cannot change), so a running flow applies only that: a new output opens while the others keep sending.
 */
public record DefinitionDiff(Items outputs, Items sources, Items entitlements, boolean failoverChanged) {

    /** Items of one kind: added and changed carry the new item; removed carries the old one. */
    public record Items(List<ObjectNode> added, List<ObjectNode> removed, List<ObjectNode> changed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public static DefinitionDiff between(ObjectNode before, ObjectNode after) {
        JsonNode failoverBefore = before.path("sourceFailoverConfig");
        JsonNode failoverAfter = after.path("sourceFailoverConfig");
        return new DefinitionDiff(items(before, after, "outputs"), items(before, after, "sources"),
                items(before, after, "entitlements"), !failoverBefore.equals(failoverAfter));
    }

    /** True when only outputs and entitlements changed: the sources keep running untouched. */
    public boolean sourcesUntouched() {
        return sources.isEmpty() && !failoverChanged;
    }

    private static Items items(ObjectNode before, ObjectNode after, String kind) {
        Map<String, ObjectNode> old = byName(before, kind);
        Map<String, ObjectNode> now = byName(after, kind);
        List<ObjectNode> added = new ArrayList<>();
        List<ObjectNode> removed = new ArrayList<>();
        List<ObjectNode> changed = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> item : now.entrySet()) {
            ObjectNode previous = old.get(item.getKey());
            if (previous == null) {
                added.add(item.getValue());
            } else if (!previous.equals(item.getValue())) {
                changed.add(item.getValue());
            }
        }
        for (Map.Entry<String, ObjectNode> item : old.entrySet()) {
            if (!now.containsKey(item.getKey())) {
                removed.add(item.getValue());
            }
        }
        return new Items(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
    }

    private static Map<String, ObjectNode> byName(ObjectNode request, String kind) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (JsonNode item : request.path(kind)) {
            if (item instanceof ObjectNode object) {
                out.put(object.path("name").asText(), object);
            }
        }
        return out;
    }
}
