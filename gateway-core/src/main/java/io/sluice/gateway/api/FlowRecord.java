package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.store.StoredFlow;

import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's copy of one flow: the definition in CreateFlow's wire spelling, the ARN of every source,
 * output and entitlement (by name: names are unique per kind within a flow and cannot change), tags by ARN, and the
 * lifecycle status, with the state rules every operation checks first. Guarded by {@link FlowService}'s lock.
 */
final class FlowRecord {
    /** MediaConnect's {@code Status} values. */
    enum Status { STANDBY, STARTING, ACTIVE, UPDATING, STOPPING, DELETING, ERROR }

    final String flowArn;
    final long sequence;
    ObjectNode request;
    final ObjectNode arns;
    final ObjectNode tags;
    Status status = Status.STANDBY;
    /** The document said {@code source} (one object) rather than {@code sources}: kept so errors use its spelling. */
    boolean singleSource;
    /** Whether the operator wants it running (StartFlow without a later StopFlow); what a restart restores. */
    boolean running;
    final List<String> errors = new ArrayList<>();

    FlowRecord(String flowArn, long sequence, ObjectNode request, ObjectNode arns, ObjectNode tags) {
        this.flowArn = flowArn;
        this.sequence = sequence;
        this.request = request;
        this.arns = arns;
        this.tags = tags;
    }

    String name() {
        return request.path("name").asText();
    }

    ArrayNode list(String member) {
        JsonNode node = request.get(member);
        if (node instanceof ArrayNode array) {
            return array;
        }
        return request.putArray(member);
    }

    ObjectNode arnsOf(String kind) {
        JsonNode node = arns.get(kind);
        return node instanceof ObjectNode object ? object : arns.putObject(kind);
    }

    /** The ARN of {@code item}, a source, output or entitlement of this flow ("" when it has none). */
    String arnOf(String kind, JsonNode item) {
        return arnsOf(kind).path(item.path("name").asText()).asText();
    }

    /** The item of {@code kind} ("sources", "outputs", "entitlements") whose ARN is {@code arn}, or null. */
    ObjectNode findByArn(String kind, String arn) {
        String name = nameOfArn(kind, arn);
        return name == null ? null : findByName(kind, name);
    }

    String nameOfArn(String kind, String arn) {
        var fields = arnsOf(kind).properties();
        for (var entry : fields) {
            if (entry.getValue().asText().equals(arn)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The name of the item of {@code kind} whose ARN is {@code arn}; NotFoundException naming it as {@code what}. */
    String requireNameOfArn(String kind, String arn, String what) {
        String name = nameOfArn(kind, arn);
        if (name == null) {
            throw ApiException.notFound(what + " " + arn + " not found in flow " + flowArn);
        }
        return name;
    }

    /** ConflictException unless the flow is in one of {@code allowed}; {@code hint} says what to do instead. */
    void requireState(String operation, String hint, Status... allowed) {
        for (Status candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw ApiException.conflict(operation + " is not allowed while flow " + flowArn + " is " + status + ": " + hint);
    }

    /**
     * The 420 quota error ({@code AddFlowOutputs420Exception}, ...) when {@code adding} more items would take the
     * flow's {@code kind} past {@code max}.
     */
    void requireRoom(String operation, String kind, int adding, int max) {
        int has = list(kind).size();
        if (has + adding > max) {
            throw ApiException.quota(operation, "a flow has at most " + max + " " + kind + ": it has " + has + " and "
                    + adding + " more were asked for");
        }
    }

    /** Changes to a flow's definition wait while it is between two states (STARTING, STOPPING, ...). */
    void requireChangeable(String operation) {
        requireState(operation, "wait until it is ACTIVE, STANDBY or ERROR", Status.STANDBY, Status.ACTIVE, Status.ERROR);
    }

    ObjectNode findByName(String kind, String name) {
        for (JsonNode item : list(kind)) {
            if (item.path(nameMember(kind)).asText().equals(name) && item instanceof ObjectNode object) {
                return object;
            }
        }
        return null;
    }

    static String nameMember(String kind) {
        return switch (kind) {
            case "mediaStreams" -> "mediaStreamName";
            default -> "name";
        };
    }

    /** {@code next} as the user spelled it: a one-source flow created with {@code source} gets it back. */
    ObjectNode asSpelled(ObjectNode next) {
        if (!singleSource || next.path("sources").size() != 1) {
            return next;
        }
        ObjectNode spelled = next.deepCopy();
        spelled.set("source", spelled.remove("sources").get(0));
        return spelled;
    }

    FlowDefinition definition() {
        return new FlowDefinition(flowArn, request.deepCopy(), arns.deepCopy());
    }

    StoredFlow stored() {
        ObjectNode document = ApiRequest.JSON.createObjectNode();
        document.set("request", request.deepCopy());
        document.set("arns", arns.deepCopy());
        document.set("tags", tags.deepCopy());
        document.put("sourceMember", singleSource ? "source" : "sources");
        return new StoredFlow(flowArn, sequence, running, document);
    }

    static FlowRecord restore(StoredFlow stored) {
        ObjectNode document = stored.document();
        if (!(document.get("request") instanceof ObjectNode request) || !(document.get("arns") instanceof ObjectNode arns)) {
            throw new IllegalArgumentException("stored flow " + stored.flowArn() + " lacks request or arns");
        }
        ObjectNode tags = document.get("tags") instanceof ObjectNode t ? t : ApiRequest.JSON.createObjectNode();
        FlowRecord record = new FlowRecord(stored.flowArn(), stored.sequence(), request, arns, tags);
        record.running = stored.running();
        record.singleSource = document.path("sourceMember").asText().equals("source");
        return record;
    }
}
