package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.entitlement.ResourceArns;
import io.sluice.gateway.store.FlowStore;

import java.util.List;

/**
 * The flows of one daemon and MediaConnect's operations on them, one method an operation. Every change checks the
 * flow's state, changes the definition, validates the whole result, applies it to the running flow through the
 * {@link FlowEngine}, then stores it atomically ({@link FlowChanges}); a failure at any step leaves the previous
 * definition in place. Operations are serialised by this object's lock: the control plane is low-rate, and one order
 * of changes keeps store and engine in step. The parts it hands each operation to hold no lock of their own.
 */
public final class FlowService {
    private final ResourceArns arns;
    private final FlowLifecycle lifecycle;
    private final FlowCreation creation;
    private final FlowSettings settings;
    private final FlowViews views;
    private final FlowOutputs outputs;
    private final FlowSources sources;
    private final FlowEntitlements entitlements;
    private final FlowMediaStreams mediaStreams;
    private final ResourceTags tags;

    public FlowService(ResourceArns arns, FlowStore store, FlowEngine engine, FlowValidator validator, String ingestIp) {
        this.arns = arns;
        FlowRegistry flows = new FlowRegistry();
        ItemNames names = new ItemNames(arns);
        FlowChanges changes = new FlowChanges(store, engine, validator, names);
        EntitlementLinks links = new EntitlementLinks(flows);
        WireShapes shapes = new WireShapes(ingestIp);
        this.lifecycle = new FlowLifecycle(flows, store, engine, changes, links);
        this.creation = new FlowCreation(flows, arns, names, changes, links);
        this.settings = new FlowSettings(flows, changes);
        this.views = new FlowViews(flows, engine, links, shapes);
        this.outputs = new FlowOutputs(flows, changes, shapes);
        this.sources = new FlowSources(flows, changes, links, shapes);
        this.entitlements = new FlowEntitlements(flows, changes, links, shapes);
        this.mediaStreams = new FlowMediaStreams(flows, changes, shapes);
        this.tags = new ResourceTags(flows, changes);
    }

    public ResourceArns arns() {
        return arns;
    }

    /**
     * Loads every stored flow and starts those that were running. Granting flows start before their subscribers
     * (creation order does that unless a subscriber was re-pointed later; a failed start is reported on the flow).
     */
    public synchronized RestoreReport restore() {
        return lifecycle.restore();
    }

    /** Each flow's name, lifecycle status and whether it is meant to run, for /metrics and /ready. */
    public synchronized List<FlowState> states() {
        return lifecycle.states();
    }

    /** One flow's control-plane state. */
    public record FlowState(String flowArn, String name, String status, boolean shouldRun) {}

    /** What {@link #restore()} did. */
    public record RestoreReport(int flows, int started, List<String> problems) {}

    // ---- flows ----

    public synchronized ObjectNode createFlow(ObjectNode body) {
        return views.flow(creation.create(body));
    }

    public synchronized ObjectNode describeFlow(String flowArn) {
        return views.describe(flowArn);
    }

    public synchronized ObjectNode listFlows(int maxResults, String nextToken) {
        return views.list(maxResults, nextToken);
    }

    public synchronized ObjectNode updateFlow(String flowArn, ObjectNode body) {
        return views.flow(settings.update(flowArn, body));
    }

    public synchronized ObjectNode deleteFlow(String flowArn) {
        return lifecycle.delete(flowArn);
    }

    public synchronized ObjectNode startFlow(String flowArn) {
        return lifecycle.start(flowArn);
    }

    public synchronized ObjectNode stopFlow(String flowArn) {
        return lifecycle.stop(flowArn);
    }

    // ---- outputs ----

    public synchronized ObjectNode addFlowOutputs(String flowArn, ObjectNode body) {
        return outputs.add(flowArn, body);
    }

    public synchronized ObjectNode updateFlowOutput(String flowArn, String outputArn, ObjectNode body) {
        return outputs.update(flowArn, outputArn, body);
    }

    public synchronized ObjectNode removeFlowOutput(String flowArn, String outputArn) {
        return outputs.remove(flowArn, outputArn);
    }

    // ---- sources ----

    public synchronized ObjectNode addFlowSources(String flowArn, ObjectNode body) {
        return sources.add(flowArn, body);
    }

    public synchronized ObjectNode updateFlowSource(String flowArn, String sourceArn, ObjectNode body) {
        return sources.update(flowArn, sourceArn, body);
    }

    public synchronized ObjectNode removeFlowSource(String flowArn, String sourceArn) {
        return sources.remove(flowArn, sourceArn);
    }

    // ---- entitlements ----

    public synchronized ObjectNode grantFlowEntitlements(String flowArn, ObjectNode body) {
        return entitlements.grant(flowArn, body);
    }

    public synchronized ObjectNode updateFlowEntitlement(String flowArn, String entitlementArn, ObjectNode body) {
        return entitlements.update(flowArn, entitlementArn, body);
    }

    public synchronized ObjectNode revokeFlowEntitlement(String flowArn, String entitlementArn) {
        return entitlements.revoke(flowArn, entitlementArn);
    }

    /** Entitlements of any flow here whose subscribers include {@code callerAccount}. */
    public synchronized ObjectNode listEntitlements(String callerAccount, int maxResults, String nextToken) {
        return entitlements.list(callerAccount, maxResults, nextToken);
    }

    // ---- media streams and VPC interfaces (stored and reported; media moves over the host's own network) ----

    public synchronized ObjectNode addFlowMediaStreams(String flowArn, ObjectNode body) {
        return mediaStreams.addMediaStreams(flowArn, body);
    }

    public synchronized ObjectNode updateFlowMediaStream(String flowArn, String mediaStreamName, ObjectNode body) {
        return mediaStreams.updateMediaStream(flowArn, mediaStreamName, body);
    }

    public synchronized ObjectNode removeFlowMediaStream(String flowArn, String mediaStreamName) {
        return mediaStreams.removeMediaStream(flowArn, mediaStreamName);
    }

    public synchronized ObjectNode addFlowVpcInterfaces(String flowArn, ObjectNode body) {
        return mediaStreams.addVpcInterfaces(flowArn, body);
    }

    public synchronized ObjectNode removeFlowVpcInterface(String flowArn, String vpcInterfaceName) {
        return mediaStreams.removeVpcInterface(flowArn, vpcInterfaceName);
    }

    // ---- tags ----

    public synchronized ObjectNode listTagsForResource(String resourceArn) {
        return tags.list(resourceArn);
    }

    public synchronized void tagResource(String resourceArn, ObjectNode body) {
        tags.tag(resourceArn, body);
    }

    public synchronized void untagResource(String resourceArn, List<String> tagKeys) {
        tags.untag(resourceArn, tagKeys);
    }
}
