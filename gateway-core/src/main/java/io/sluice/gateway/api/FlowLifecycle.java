package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.store.FlowStore;
import io.sluice.gateway.store.StoredFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A flow's state transitions: StartFlow and StopFlow (which also record whether the operator wants it running, what a
 * restart restores), DeleteFlow, and the restore of every stored flow when the daemon starts. A start that fails puts
 * the flow in ERROR with the engine's reason, which DescribeFlow reports.
 */
final class FlowLifecycle {
    /** The control plane's events all log under one name, whichever part of it acts. */
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);

    private final FlowRegistry flows;
    private final FlowStore store;
    private final FlowEngine engine;
    private final FlowChanges changes;
    private final EntitlementLinks links;

    FlowLifecycle(FlowRegistry flows, FlowStore store, FlowEngine engine, FlowChanges changes, EntitlementLinks links) {
        this.flows = flows;
        this.store = store;
        this.engine = engine;
        this.changes = changes;
        this.links = links;
    }

    /**
     * Loads every stored flow and starts those that were running. Granting flows start before their subscribers
     * (creation order does that unless a subscriber was re-pointed later; a failed start is reported on the flow).
     */
    FlowService.RestoreReport restore() {
        FlowStore.Loaded loaded = store.load();
        List<String> problems = new ArrayList<>();
        for (FlowStore.CorruptFile corrupt : loaded.corrupt()) {
            problems.add(corrupt.path() + ": " + corrupt.reason());
        }
        for (StoredFlow stored : loaded.flows()) {
            try {
                flows.add(FlowRecord.restore(stored));
            } catch (RuntimeException e) {
                problems.add(stored.flowArn() + ": " + e.getMessage());
            }
        }
        int started = 0;
        for (FlowRecord flow : flows.all()) {
            if (flow.running) {
                if (startEngine(flow)) {
                    started++;
                } else {
                    problems.add(flow.flowArn + ": " + String.join("; ", flow.errors));
                }
            }
        }
        LOG.info("event=store_restored flows={} started={} problems={}", flows.size(), started, problems.size());
        return new FlowService.RestoreReport(flows.size(), started, List.copyOf(problems));
    }

    ObjectNode start(String flowArn) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("StartFlow", "it is already running or changing", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        flow.running = true;
        changes.persist(flow);
        startEngine(flow);
        return Replies.status(flow.flowArn, "STARTING");
    }

    ObjectNode stop(String flowArn) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("StopFlow", "it is not running", FlowRecord.Status.ACTIVE, FlowRecord.Status.ERROR,
                FlowRecord.Status.UPDATING, FlowRecord.Status.STARTING);
        flow.running = false;
        changes.persist(flow);
        engine.stop(flow.flowArn);
        flow.status = FlowRecord.Status.STANDBY;
        flow.errors.clear();
        LOG.info("event=flow_stopped flow={}", flow.flowArn);
        return Replies.status(flow.flowArn, "STOPPING");
    }

    /** Deletes a stopped flow, unless another flow still takes one of its entitlements as its source. */
    ObjectNode delete(String flowArn) {
        FlowRecord flow = flows.find(flowArn);
        flow.requireState("DeleteFlow", "stop it first", FlowRecord.Status.STANDBY, FlowRecord.Status.ERROR);
        for (JsonNode entitlement : flow.list("entitlements")) {
            String arn = flow.arnOf("entitlements", entitlement);
            FlowRecord subscriber = links.subscriberOf(arn);
            if (subscriber != null) {
                throw ApiException.conflict("flow " + subscriber.flowArn + " subscribes to entitlement " + arn
                        + " of this flow: delete that flow or change its source first");
            }
        }
        engine.stop(flow.flowArn);
        store.delete(flow.flowArn);
        flows.remove(flow);
        LOG.info("event=flow_deleted flow={}", flow.flowArn);
        return Replies.status(flow.flowArn, "DELETING");
    }

    /** Each flow's name, lifecycle status and whether it is meant to run. */
    List<FlowService.FlowState> states() {
        List<FlowService.FlowState> out = new ArrayList<>();
        for (FlowRecord flow : flows.all()) {
            out.add(new FlowService.FlowState(flow.flowArn, flow.name(), flow.status.name(), flow.running));
        }
        return out;
    }

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
}
