package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.store.FlowStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one way a flow's definition changes: the whole next definition is validated, applied to the running flow
 * through the {@link FlowEngine}, then stored atomically; a failure at any step leaves the previous definition (and
 * the ARNs and tags of items that were being added) in place.
 */
final class FlowChanges {
    private final FlowStore store;
    private final FlowEngine engine;
    private final FlowValidator validator;
    private final ItemNames names;

    FlowChanges(FlowStore store, FlowEngine engine, FlowValidator validator, ItemNames names) {
        this.store = store;
        this.engine = engine;
        this.validator = validator;
        this.names = names;
    }

    /** BadRequestException listing every problem of {@code request}, spelled as the flow's creator spelled it. */
    void validate(FlowRecord flow, ObjectNode request) {
        List<String> problems = validator.problems(flow.asSpelled(request));
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
    }

    /** Validates {@code next}, applies it to the running flow, then makes it the stored definition. */
    void apply(FlowRecord flow, ObjectNode next) {
        validate(flow, next);
        if (flow.status == FlowRecord.Status.ACTIVE) {
            FlowDefinition before = flow.definition();
            FlowDefinition after = new FlowDefinition(flow.flowArn, next.deepCopy(), flow.arns.deepCopy());
            try {
                engine.update(before, after);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw ApiException.badRequest("the running flow refused the change: " + e.getMessage());
            }
        }
        flow.request = next;
        flow.singleSource &= next.path("sources").size() == 1;
        persist(flow);
    }

    /**
     * Appends {@code added} to the flow's items of {@code kind}, naming each and giving it an ARN, and applies the
     * result. Returns the items as stored, in the order given, each rendered by {@code shape}.
     */
    ArrayNode addItems(FlowRecord flow, String kind, ArrayNode added, UnaryOperator<ObjectNode> shape) {
        ObjectNode next = flow.request.deepCopy();
        ArrayNode items = next.get(kind) instanceof ArrayNode a ? a : next.putArray(kind);
        int base = items.size();
        ObjectNode arnsBefore = flow.arns.deepCopy();
        ObjectNode tagsBefore = flow.tags.deepCopy();
        List<String> addedNames = new ArrayList<>();
        try {
            for (int i = 0; i < added.size(); i++) {
                if (!(added.get(i) instanceof ObjectNode item)) {
                    throw ApiException.badRequest(RequestItems.capitalise(kind) + "[" + i + "]: expected an object");
                }
                ObjectNode copy = item.deepCopy();
                items.add(copy);
                names.assign(flow, kind, items, copy, base + i);
                addedNames.add(copy.path(FlowRecord.nameMember(kind)).asText());
            }
            apply(flow, next);
        } catch (RuntimeException e) {
            flow.arns.removeAll();
            flow.arns.setAll(arnsBefore);
            flow.tags.removeAll();
            flow.tags.setAll(tagsBefore);
            throw e;
        }
        ArrayNode rendered = ApiRequest.JSON.createArrayNode();
        for (String name : addedNames) {
            rendered.add(shape.apply(flow.findByName(kind, name)));
        }
        return rendered;
    }

    /**
     * Merges {@code changes} into the item of {@code kind} named {@code name} ({@link RequestItems#merge}, with
     * {@code nested} merged a level down), then applies the result. {@code allowed} names the members an update may
     * change; null lets every member change.
     */
    void updateItem(FlowRecord flow, String kind, String name, ObjectNode changes, Set<String> allowed, String nested) {
        ObjectNode next = flow.request.deepCopy();
        ObjectNode kept = changes.deepCopy();
        if (allowed != null) {
            kept.retain(allowed);
        }
        RequestItems.merge(RequestItems.findIn(next, kind, name), kept, nested);
        apply(flow, next);
    }

    /** Removes the item of {@code kind} named {@code name}; a source, output or entitlement also loses its ARN and tags. */
    void removeItem(FlowRecord flow, String kind, String name) {
        ObjectNode next = flow.request.deepCopy();
        RequestItems.removeByName(next, kind, name);
        apply(flow, next);
        if (ItemNames.hasArn(kind)) {
            JsonNode arn = flow.arnsOf(kind).remove(name);
            if (arn != null) {
                flow.tags.remove(arn.asText());
            }
            persist(flow);
        }
    }

    /** Stores the flow as it is now; a failing disk is an InternalServerErrorException. */
    void persist(FlowRecord flow) {
        try {
            store.save(flow.stored());
        } catch (RuntimeException e) {
            throw ApiException.internal(e.getMessage());
        }
    }
}
