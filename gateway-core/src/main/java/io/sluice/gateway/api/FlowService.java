package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.entitlement.ResourceArns;
import io.sluice.gateway.store.FlowStore;
import io.sluice.gateway.store.StoredFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows of one daemon and MediaConnect's operations on them. Every operation checks the flow's state, changes
 * the definition, validates the whole result, applies it to the running flow through the {@link FlowEngine}, then
 * stores it atomically; a failure at any step leaves the previous definition in place. Operations are serialised by
 * one lock: the control plane is low-rate, and one order of changes keeps store and engine in step.
 */
public final class FlowService {
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);
    static final int MAX_OUTPUTS = 50;
    static final int MAX_ENTITLEMENTS = 50;

    private final Map<String, FlowRecord> flows = new LinkedHashMap<>();
    private final ResourceArns arns;
    private final FlowStore store;
    private final FlowEngine engine;
    private final FlowValidator validator;
    private final WireShapes shapes;
    private long nextSequence = 1;

    public FlowService(ResourceArns arns, FlowStore store, FlowEngine engine, FlowValidator validator, String ingestIp) {
        this.arns = arns;
        this.store = store;
        this.engine = engine;
        this.validator = validator;
        this.shapes = new WireShapes(ingestIp);
    }

    public ResourceArns arns() {
        return arns;
    }

    /**
     * Loads every stored flow and starts those that were running. Granting flows start before their subscribers
     * (creation order does that unless a subscriber was re-pointed later; a failed start is reported on the flow).
     */
    public synchronized RestoreReport restore() {
        FlowStore.Loaded loaded = store.load();
        List<String> problems = new ArrayList<>();
        for (FlowStore.CorruptFile corrupt : loaded.corrupt()) {
            problems.add(corrupt.path() + ": " + corrupt.reason());
        }
        int started = 0;
        for (StoredFlow stored : loaded.flows()) {
            FlowRecord flow;
            try {
                flow = FlowRecord.restore(stored);
            } catch (RuntimeException e) {
                problems.add(stored.flowArn() + ": " + e.getMessage());
                continue;
            }
            flows.put(flow.flowArn, flow);
            nextSequence = Math.max(nextSequence, flow.sequence + 1);
        }
        for (FlowRecord flow : flows.values()) {
            if (flow.running) {
                if (startEngine(flow)) {
                    started++;
                } else {
                    problems.add(flow.flowArn + ": " + String.join("; ", flow.errors));
                }
            }
        }
        LOG.info("event=store_restored flows={} started={} problems={}", flows.size(), started, problems.size());
        return new RestoreReport(flows.size(), started, List.copyOf(problems));
    }

    /** Each flow's name, lifecycle status and whether it is meant to run, for /metrics and /ready. */
    public synchronized List<FlowState> states() {
        List<FlowState> out = new ArrayList<>();
        for (FlowRecord flow : flows.values()) {
            out.add(new FlowState(flow.flowArn, flow.name(), flow.status.name(), flow.running));
        }
        return out;
    }

    /** One flow's control-plane state. */
    public record FlowState(String flowArn, String name, String status, boolean shouldRun) {}

    /** What {@link #restore()} did. */
    public record RestoreReport(int flows, int started, List<String> problems) {}

    // ---- flows ----

    public synchronized ObjectNode createFlow(ObjectNode body) {
        ObjectNode request = body.deepCopy();
        String name = request.path("name").asText(null);
        if (name == null) {
            throw ApiException.badRequest("Name: required member is missing");
        }
        checkName(ResourceArns.Type.FLOW, "Name", name);
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
        FlowRecord flow = new FlowRecord(arns.arn(ResourceArns.Type.FLOW, name, name), nextSequence,
                request, ApiRequest.JSON.createObjectNode(), ApiRequest.JSON.createObjectNode());
        flow.singleSource = singleSource;
        for (String kind : List.of("sources", "outputs", "entitlements", "mediaStreams", "vpcInterfaces")) {
            ArrayNode items = flow.list(kind);
            for (int i = 0; i < items.size(); i++) {
                nameAndTag(flow, kind, items, (ObjectNode) items.get(i), i);
            }
        }
        if (flowTags instanceof ObjectNode tags) {
            flow.tags.set(flow.flowArn, tags);
        }
        checkEntitledSources(flow, flow.list("sources"));
        validate(flow, flow.request);
        nextSequence++;
        flows.put(flow.flowArn, flow);
        persist(flow);
        LOG.info("event=flow_created flow={}", flow.flowArn);
        return wrap("flow", shapes.flow(flow, entitlementFees()));
    }

    public synchronized ObjectNode describeFlow(String flowArn) {
        FlowRecord flow = find(flowArn);
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.set("flow", shapes.flow(flow, entitlementFees()));
        List<String> errors = new ArrayList<>(flow.errors);
        if (flow.status == FlowRecord.Status.ACTIVE) {
            errors.addAll(engine.errors(flow.flowArn));
        }
        if (!errors.isEmpty()) {
            ArrayNode list = out.putObject("messages").putArray("errors");
            errors.forEach(list::add);
        }
        return out;
    }

    public synchronized ObjectNode listFlows(int maxResults, String nextToken) {
        long after = PageToken.decode("flows", nextToken, 0);
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode page = out.putArray("flows");
        long last = after;
        boolean more = false;
        for (FlowRecord flow : flows.values()) {   // insertion order = creation order = ascending sequence
            if (flow.sequence <= after) {
                continue;
            }
            if (page.size() == maxResults) {
                more = true;
                break;
            }
            page.add(shapes.listedFlow(flow));
            last = flow.sequence;
        }
        if (more) {
            out.put("nextToken", PageToken.encode("flows", last));
        }
        return out;
    }

    public synchronized ObjectNode deleteFlow(String flowArn) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "DeleteFlow", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        for (JsonNode entitlement : flow.list("entitlements")) {
            String arn = flow.arnsOf("entitlements").path(entitlement.path("name").asText()).asText();
            FlowRecord subscriber = subscriberOf(arn);
            if (subscriber != null) {
                throw ApiException.conflict("flow " + subscriber.flowArn + " subscribes to entitlement " + arn
                        + " of this flow: delete that flow or change its source first");
            }
        }
        engine.stop(flow.flowArn);
        store.delete(flow.flowArn);
        flows.remove(flow.flowArn);
        LOG.info("event=flow_deleted flow={}", flow.flowArn);
        return status(flow.flowArn, "DELETING");
    }

    public synchronized ObjectNode startFlow(String flowArn) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "StartFlow", "it is already running or changing", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        flow.running = true;
        persist(flow);
        startEngine(flow);
        return status(flow.flowArn, "STARTING");
    }

    public synchronized ObjectNode stopFlow(String flowArn) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "StopFlow", "it is not running", FlowRecord.Status.ACTIVE, FlowRecord.Status.ERROR,
                FlowRecord.Status.UPDATING, FlowRecord.Status.STARTING);
        flow.running = false;
        persist(flow);
        engine.stop(flow.flowArn);
        flow.status = FlowRecord.Status.STANDBY;
        flow.errors.clear();
        LOG.info("event=flow_stopped flow={}", flow.flowArn);
        return status(flow.flowArn, "STOPPING");
    }

    public synchronized ObjectNode updateFlow(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "UpdateFlow");
        ObjectNode next = flow.request.deepCopy();
        for (String member : List.of("sourceFailoverConfig", "maintenance", "sourceMonitoringConfig", "ndiConfig",
                "flowSize", "encodingConfig")) {
            JsonNode change = body.get(member);
            if (change instanceof ObjectNode changes && next.get(member) instanceof ObjectNode current) {
                current.setAll(changes);
            } else if (change != null && !change.isNull()) {
                next.set(member, change.deepCopy());
            }
        }
        apply(flow, next);
        return wrap("flow", shapes.flow(flow, entitlementFees()));
    }

    // ---- outputs ----

    public synchronized ObjectNode addFlowOutputs(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "AddFlowOutputs");
        ArrayNode added = requiredList(body, "outputs", "Outputs");
        if (flow.list("outputs").size() + added.size() > MAX_OUTPUTS) {
            throw ApiException.quota("AddFlowOutputs", "a flow has at most " + MAX_OUTPUTS + " outputs: it has "
                    + flow.list("outputs").size() + " and " + added.size() + " more were asked for");
        }
        return addItems(flow, "outputs", added, "outputs");
    }

    public synchronized ObjectNode removeFlowOutput(String flowArn, String outputArn) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "RemoveFlowOutput");
        removeItem(flow, "outputs", outputArn, "output");
        return pair("flowArn", flow.flowArn, "outputArn", outputArn);
    }

    public synchronized ObjectNode updateFlowOutput(String flowArn, String outputArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "UpdateFlowOutput");
        String name = requireItem(flow, "outputs", outputArn, "output");
        ObjectNode next = flow.request.deepCopy();
        merge(findIn(next, "outputs", name), body, "encryption");
        apply(flow, next);
        return pair(flow.flowArn, "output", shapes.output(flow, flow.findByName("outputs", name)));
    }

    // ---- sources ----

    public synchronized ObjectNode addFlowSources(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "AddFlowSources");
        ArrayNode added = requiredList(body, "sources", "Sources");
        checkEntitledSources(flow, added);
        return addItems(flow, "sources", added, "sources");
    }

    public synchronized ObjectNode removeFlowSource(String flowArn, String sourceArn) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "RemoveFlowSource");
        requireItem(flow, "sources", sourceArn, "source");
        if (flow.list("sources").size() < 2) {
            throw ApiException.badRequest("RemoveFlowSource: a flow keeps at least one source; " + sourceArn + " is its only one");
        }
        removeItem(flow, "sources", sourceArn, "source");
        return pair("flowArn", flow.flowArn, "sourceArn", sourceArn);
    }

    public synchronized ObjectNode updateFlowSource(String flowArn, String sourceArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "UpdateFlowSource");
        String name = requireItem(flow, "sources", sourceArn, "source");
        ObjectNode next = flow.request.deepCopy();
        ObjectNode item = findIn(next, "sources", name);
        merge(item, body, "decryption");
        if (body.hasNonNull("entitlementArn")) {
            ArrayNode probe = ApiRequest.JSON.createArrayNode().add(item);
            checkEntitledSources(flow, probe);
        }
        apply(flow, next);
        return pair(flow.flowArn, "source", shapes.source(flow, flow.findByName("sources", name), entitlementFees()));
    }

    // ---- entitlements ----

    public synchronized ObjectNode grantFlowEntitlements(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "GrantFlowEntitlements");
        ArrayNode added = requiredList(body, "entitlements", "Entitlements");
        if (flow.list("entitlements").size() + added.size() > MAX_ENTITLEMENTS) {
            throw ApiException.quota("GrantFlowEntitlements", "a flow has at most " + MAX_ENTITLEMENTS
                    + " entitlements: it has " + flow.list("entitlements").size() + " and " + added.size() + " more were asked for");
        }
        return addItems(flow, "entitlements", added, "entitlements");
    }

    public synchronized ObjectNode revokeFlowEntitlement(String flowArn, String entitlementArn) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "RevokeFlowEntitlement");
        removeItem(flow, "entitlements", entitlementArn, "entitlement");
        return pair("entitlementArn", entitlementArn, "flowArn", flow.flowArn);
    }

    public synchronized ObjectNode updateFlowEntitlement(String flowArn, String entitlementArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "UpdateFlowEntitlement");
        String name = requireItem(flow, "entitlements", entitlementArn, "entitlement");
        ObjectNode next = flow.request.deepCopy();
        ObjectNode changes = body.deepCopy();
        changes.retain("description", "encryption", "entitlementStatus", "subscribers");
        merge(findIn(next, "entitlements", name), changes, "encryption");
        apply(flow, next);
        return pair(flow.flowArn, "entitlement", shapes.entitlement(flow, flow.findByName("entitlements", name)));
    }

    /** Entitlements of any flow here whose subscribers include {@code callerAccount}. */
    public synchronized ObjectNode listEntitlements(String callerAccount, int maxResults, String nextToken) {
        long offset = PageToken.decode("entitlements", nextToken, 0);
        List<ObjectNode> all = new ArrayList<>();
        for (FlowRecord flow : flows.values()) {
            for (JsonNode item : flow.list("entitlements")) {
                boolean granted = false;
                for (JsonNode subscriber : item.path("subscribers")) {
                    granted |= subscriber.asText().equals(callerAccount);
                }
                if (granted) {
                    ObjectNode listed = ApiRequest.JSON.createObjectNode();
                    listed.put("entitlementArn", flow.arnsOf("entitlements").path(item.path("name").asText()).asText());
                    listed.put("entitlementName", item.path("name").asText());
                    if (item.has("dataTransferSubscriberFeePercent")) {
                        listed.set("dataTransferSubscriberFeePercent", item.get("dataTransferSubscriberFeePercent"));
                    }
                    all.add(listed);
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

    // ---- media streams and VPC interfaces (stored and reported; media moves over the host's own network) ----

    public synchronized ObjectNode addFlowMediaStreams(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "AddFlowMediaStreams");
        return addItems(flow, "mediaStreams", requiredList(body, "mediaStreams", "MediaStreams"), "mediaStreams");
    }

    public synchronized ObjectNode removeFlowMediaStream(String flowArn, String mediaStreamName) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "RemoveFlowMediaStream", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        if (flow.findByName("mediaStreams", mediaStreamName) == null) {
            throw ApiException.notFound("media stream " + mediaStreamName + " not found in flow " + flow.flowArn);
        }
        if (flow.request.toString().contains("\"mediaStreamName\":\"" + mediaStreamName + "\"")
                && referencedOutsideDeclaration(flow, mediaStreamName)) {
            throw ApiException.badRequest("media stream " + mediaStreamName + " is used by a source or output of the flow");
        }
        ObjectNode next = flow.request.deepCopy();
        removeByName(next, "mediaStreams", "mediaStreamName", mediaStreamName);
        apply(flow, next);
        return pair("flowArn", flow.flowArn, "mediaStreamName", mediaStreamName);
    }

    public synchronized ObjectNode updateFlowMediaStream(String flowArn, String mediaStreamName, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireChangeable(flow, "UpdateFlowMediaStream");
        if (flow.findByName("mediaStreams", mediaStreamName) == null) {
            throw ApiException.notFound("media stream " + mediaStreamName + " not found in flow " + flow.flowArn);
        }
        ObjectNode next = flow.request.deepCopy();
        ObjectNode changes = body.deepCopy();
        changes.retain("attributes", "clockRate", "description", "mediaStreamType", "videoFormat");
        merge(findIn(next, "mediaStreams", mediaStreamName), changes, "attributes");
        apply(flow, next);
        return pair(flow.flowArn, "mediaStream", shapes.mediaStream(flow.findByName("mediaStreams", mediaStreamName)));
    }

    public synchronized ObjectNode addFlowVpcInterfaces(String flowArn, ObjectNode body) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "AddFlowVpcInterfaces", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        return addItems(flow, "vpcInterfaces", requiredList(body, "vpcInterfaces", "VpcInterfaces"), "vpcInterfaces");
    }

    public synchronized ObjectNode removeFlowVpcInterface(String flowArn, String vpcInterfaceName) {
        FlowRecord flow = find(flowArn);
        requireState(flow, "RemoveFlowVpcInterface", "stop it first", FlowRecord.Status.STANDBY);
        if (flow.findByName("vpcInterfaces", vpcInterfaceName) == null) {
            throw ApiException.notFound("VPC interface " + vpcInterfaceName + " not found in flow " + flow.flowArn);
        }
        ObjectNode next = flow.request.deepCopy();
        removeByName(next, "vpcInterfaces", "name", vpcInterfaceName);
        apply(flow, next);
        ObjectNode out = pair("flowArn", flow.flowArn, "vpcInterfaceName", vpcInterfaceName);
        out.putArray("nonDeletedNetworkInterfaceIds");
        return out;
    }

    // ---- tags ----

    public synchronized ObjectNode listTagsForResource(String resourceArn) {
        FlowRecord flow = ownerOf(resourceArn);
        JsonNode tags = flow.tags.get(resourceArn);
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.set("tags", tags == null ? ApiRequest.JSON.createObjectNode() : tags.deepCopy());
        return out;
    }

    public synchronized void tagResource(String resourceArn, ObjectNode body) {
        FlowRecord flow = ownerOf(resourceArn);
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
        persist(flow);
    }

    public synchronized void untagResource(String resourceArn, List<String> tagKeys) {
        FlowRecord flow = ownerOf(resourceArn);
        if (tagKeys.isEmpty()) {
            throw ApiException.badRequest("TagKeys: required query parameter tagKeys is missing");
        }
        if (flow.tags.get(resourceArn) instanceof ObjectNode current) {
            current.remove(tagKeys);
        }
        persist(flow);
    }

    // ---- internals ----

    private boolean startEngine(FlowRecord flow) {
        flow.status = FlowRecord.Status.STARTING;
        flow.errors.clear();
        try {
            engine.start(flow.definition());
            flow.status = FlowRecord.Status.ACTIVE;
            LOG.info("event=flow_started flow={}", flow.flowArn);
            return true;
        } catch (RuntimeException e) {
            engine.stop(flow.flowArn);
            flow.status = FlowRecord.Status.ERROR;
            flow.errors.add(e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn("event=flow_start_failed flow={} reason=\"{}\"", flow.flowArn, flow.errors.getFirst());
            return false;
        }
    }

    /** Validates {@code next}, applies it to the running flow, then makes it the stored definition. */
    private void apply(FlowRecord flow, ObjectNode next) {
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

    private ObjectNode addItems(FlowRecord flow, String kind, ArrayNode added, String responseMember) {
        ObjectNode next = flow.request.deepCopy();
        ArrayNode items = next.get(kind) instanceof ArrayNode a ? a : next.putArray(kind);
        int base = items.size();
        ObjectNode arnsBefore = flow.arns.deepCopy();
        ObjectNode tagsBefore = flow.tags.deepCopy();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < added.size(); i++) {
                if (!(added.get(i) instanceof ObjectNode item)) {
                    throw ApiException.badRequest(capitalise(kind) + "[" + i + "]: expected an object");
                }
                ObjectNode copy = item.deepCopy();
                items.add(copy);
                nameAndTag(flow, kind, items, copy, base + i);
                names.add(copy.path(FlowRecord.nameMember(kind)).asText());
            }
            apply(flow, next);
        } catch (RuntimeException e) {
            flow.arns.removeAll();
            flow.arns.setAll(arnsBefore);
            flow.tags.removeAll();
            flow.tags.setAll(tagsBefore);
            throw e;
        }
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode rendered = ApiRequest.JSON.createArrayNode();
        for (String name : names) {
            ObjectNode item = flow.findByName(kind, name);
            rendered.add(switch (kind) {
                case "outputs" -> shapes.output(flow, item);
                case "sources" -> shapes.source(flow, item, entitlementFees());
                case "entitlements" -> shapes.entitlement(flow, item);
                case "mediaStreams" -> shapes.mediaStream(item);
                default -> shapes.vpcInterface(item);
            });
        }
        if (kind.equals("entitlements")) {
            out.set(responseMember, rendered);
            out.put("flowArn", flow.flowArn);
        } else {
            out.put("flowArn", flow.flowArn);
            out.set(responseMember, rendered);
        }
        return out;
    }

    private void removeItem(FlowRecord flow, String kind, String arn, String what) {
        String name = requireItem(flow, kind, arn, what);
        if (kind.equals("entitlements")) {
            FlowRecord subscriber = subscriberOf(arn);
            if (subscriber != null) {
                LOG.info("event=entitlement_revoked entitlement={} subscriber={}", arn, subscriber.flowArn);
            }
        }
        ObjectNode next = flow.request.deepCopy();
        removeByName(next, kind, "name", name);
        apply(flow, next);
        flow.arnsOf(kind).remove(name);
        flow.tags.remove(arn);
        persist(flow);
    }

    /** Gives an unnamed item a name, checks it is unique in the flow, assigns its ARN and moves its tags. */
    private void nameAndTag(FlowRecord flow, String kind, ArrayNode siblings, ObjectNode item, int index) {
        String member = FlowRecord.nameMember(kind);
        String path = capitalise(kind) + "[" + index + "]." + capitalise(member);
        if (!item.hasNonNull(member)) {
            if (kind.equals("mediaStreams") || kind.equals("vpcInterfaces")) {
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
        ResourceArns.Type type = switch (kind) {
            case "sources" -> ResourceArns.Type.SOURCE;
            case "outputs" -> ResourceArns.Type.OUTPUT;
            case "entitlements" -> ResourceArns.Type.ENTITLEMENT;
            default -> null;
        };
        if (type == null) {
            return;
        }
        checkName(type, path, name);
        String arn = arns.arn(type, flow.name(), name);
        flow.arnsOf(kind).put(name, arn);
        JsonNode tags = item.remove(kind.substring(0, kind.length() - 1) + "Tags");
        if (tags instanceof ObjectNode t) {
            flow.tags.set(arn, t);
        }
    }

    private void checkEntitledSources(FlowRecord flow, ArrayNode sources) {
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

    private FlowRecord grantingFlowOf(String entitlementArn) {
        for (FlowRecord flow : flows.values()) {
            if (flow.nameOfArn("entitlements", entitlementArn) != null) {
                return flow;
            }
        }
        return null;
    }

    private FlowRecord subscriberOf(String entitlementArn) {
        for (FlowRecord flow : flows.values()) {
            for (JsonNode source : flow.list("sources")) {
                if (entitlementArn.equals(source.path("entitlementArn").asText(null))) {
                    return flow;
                }
            }
        }
        return null;
    }

    private Map<String, Integer> entitlementFees() {
        Map<String, Integer> fees = new HashMap<>();
        for (FlowRecord flow : flows.values()) {
            for (JsonNode item : flow.list("entitlements")) {
                fees.put(flow.arnsOf("entitlements").path(item.path("name").asText()).asText(),
                        item.path("dataTransferSubscriberFeePercent").asInt(0));
            }
        }
        return fees;
    }

    private boolean referencedOutsideDeclaration(FlowRecord flow, String mediaStreamName) {
        for (String kind : List.of("sources", "outputs")) {
            for (JsonNode item : flow.list(kind)) {
                for (JsonNode config : item.path(kind.equals("sources") ? "mediaStreamSourceConfigurations" : "mediaStreamOutputConfigurations")) {
                    if (config.path("mediaStreamName").asText().equals(mediaStreamName)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private FlowRecord ownerOf(String resourceArn) {
        FlowRecord owner = flows.get(resourceArn);
        if (owner != null) {
            return owner;
        }
        for (FlowRecord flow : flows.values()) {
            for (String kind : List.of("sources", "outputs", "entitlements")) {
                if (flow.nameOfArn(kind, resourceArn) != null) {
                    return flow;
                }
            }
        }
        throw ApiException.notFound("resource " + resourceArn + " not found");
    }

    private FlowRecord find(String flowArn) {
        FlowRecord flow = flows.get(flowArn);
        if (flow == null) {
            throw ApiException.notFound("flow " + flowArn + " not found");
        }
        return flow;
    }

    private static String requireItem(FlowRecord flow, String kind, String arn, String what) {
        String name = flow.nameOfArn(kind, arn);
        if (name == null) {
            throw ApiException.notFound(what + " " + arn + " not found in flow " + flow.flowArn);
        }
        return name;
    }

    private static void requireState(FlowRecord flow, String operation, String hint, FlowRecord.Status... allowed) {
        for (FlowRecord.Status status : allowed) {
            if (flow.status == status) {
                return;
            }
        }
        throw ApiException.conflict(operation + " is not allowed while flow " + flow.flowArn + " is " + flow.status + ": " + hint);
    }

    private static void requireChangeable(FlowRecord flow, String operation) {
        requireState(flow, operation, "wait until it is ACTIVE, STANDBY or ERROR",
                FlowRecord.Status.STANDBY, FlowRecord.Status.ACTIVE, FlowRecord.Status.ERROR);
    }

    private void validate(FlowRecord flow, ObjectNode request) {
        List<String> problems = validator.problems(flow.asSpelled(request));
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
    }

    private void persist(FlowRecord flow) {
        try {
            store.save(flow.stored());
        } catch (RuntimeException e) {
            throw ApiException.internal(e.getMessage());
        }
    }

    private static void checkName(ResourceArns.Type type, String path, String name) {
        try {
            ResourceArns.checkName(type, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(path + ": " + e.getMessage());
        }
    }

    private static ArrayNode requiredList(ObjectNode body, String member, String path) {
        if (!(body.get(member) instanceof ArrayNode list) || list.isEmpty()) {
            throw ApiException.badRequest(path + ": required member is missing or empty");
        }
        return list;
    }

    private static ObjectNode findIn(ObjectNode request, String kind, String name) {
        for (JsonNode item : request.path(kind)) {
            if (item.path(FlowRecord.nameMember(kind)).asText().equals(name)) {
                return (ObjectNode) item;
            }
        }
        throw new IllegalStateException(kind + " item " + name + " vanished");
    }

    private static void removeByName(ObjectNode request, String kind, String member, String name) {
        ArrayNode items = (ArrayNode) request.path(kind);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path(member).asText().equals(name)) {
                items.remove(i);
                return;
            }
        }
    }

    /** Update semantics: members present in {@code changes} replace the stored ones; {@code nested} is merged a level down. */
    private static void merge(ObjectNode item, ObjectNode changes, String nested) {
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

    private static ObjectNode status(String flowArn, String status) {
        return pair("flowArn", flowArn, "status", status);
    }

    private static ObjectNode pair(String k1, String v1, String k2, String v2) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }

    private static ObjectNode pair(String flowArn, String member, ObjectNode value) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("flowArn", flowArn);
        out.set(member, value);
        return out;
    }

    private static ObjectNode wrap(String member, ObjectNode value) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.set(member, value);
        return out;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
