package io.sluice.gateway.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's flows by ARN, in creation order, and the creation sequence that ListFlows pages by (insertion order
 * is ascending sequence, so a page token is the sequence of the last flow returned). Guarded by {@link FlowService}'s
 * lock.
 */
final class FlowRegistry {
    private final Map<String, FlowRecord> flows = new LinkedHashMap<>();
    private long nextSequence = 1;

    /** The sequence the next created flow gets. */
    long nextSequence() {
        return nextSequence;
    }

    /** Adds a created or restored flow; later flows are numbered after it. */
    void add(FlowRecord flow) {
        flows.put(flow.flowArn, flow);
        nextSequence = Math.max(nextSequence, flow.sequence + 1);
    }

    void remove(FlowRecord flow) {
        flows.remove(flow.flowArn);
    }

    /** Every flow, oldest first; a read-only view. */
    Collection<FlowRecord> all() {
        return Collections.unmodifiableCollection(flows.values());
    }

    int size() {
        return flows.size();
    }

    /** The flow {@code flowArn}; NotFoundException when there is none. */
    FlowRecord find(String flowArn) {
        FlowRecord flow = flows.get(flowArn);
        if (flow == null) {
            throw ApiException.notFound("flow " + flowArn + " not found");
        }
        return flow;
    }

    /** The flow {@code flowArn}, when its state lets {@code operation} change it (ConflictException otherwise). */
    FlowRecord findChangeable(String flowArn, String operation) {
        FlowRecord flow = find(flowArn);
        flow.requireChangeable(operation);
        return flow;
    }

    /** The flow that is, or owns, the taggable resource {@code resourceArn} (flow, source, output, entitlement). */
    FlowRecord ownerOf(String resourceArn) {
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
}
