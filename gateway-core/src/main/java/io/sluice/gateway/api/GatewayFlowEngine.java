package io.sluice.gateway.api;

import io.netty.util.concurrent.Future;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.config.EntitlementConfig;
import io.sluice.config.EntitlementStatus;
import io.sluice.config.OutputConfig;
import io.sluice.gateway.entitlement.EntitlementHub;
import io.sluice.gateway.entitlement.EntitlementLink;
import io.sluice.gateway.entitlement.EntitlementOutput;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.metrics.FlowHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's {@link FlowEngine} over the engine's {@link Gateway}: each started flow becomes an engine
 * {@link Flow} built from the config module's record of its definition. Changes to a running flow apply in place
 * when only outputs or entitlements changed (the other outputs keep sending); a change to its sources or failover
 * restarts it. Each entitlement is an in-process output ({@link EntitlementOutput}) feeding the subscriber flow.
 * Calls come from HTTP workers, serialised by {@link FlowService}; each waits for the flow's loop a bounded time.
 */
public final class GatewayFlowEngine implements FlowEngine {
    private static final long COMMAND_TIMEOUT_MS = 10_000;

    /** Engine output names of entitlements: {@code entitlement:NAME}, apart from user outputs (no ':' allowed). */
    static final String ENTITLEMENT_OUTPUT = "entitlement:";

    private final Gateway gateway;
    private final EntitlementHub hub;
    private final Map<String, Flow> running = new ConcurrentHashMap<>();   // by flow ARN

    public GatewayFlowEngine(Gateway gateway) {
        this.gateway = gateway;
        this.hub = gateway.context().entitlements();
    }

    @Override
    public void start(FlowDefinition definition) {
        FlowConfig config = FlowConfigs.read(definition.request());
        if (running.containsKey(definition.flowArn())) {
            return;
        }
        Flow flow;
        try {
            flow = gateway.create(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage().startsWith("a flow named")
                    ? "another running flow is also named " + config.name() + " (names of running flows must differ)"
                    : e.getMessage(), e);
        }
        running.put(definition.flowArn(), flow);
        for (EntitlementConfig entitlement : config.entitlements()) {
            addEntitlement(flow, definition, entitlement);
        }
        Future<Void> started = flow.start();
        if (!started.awaitUninterruptibly(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            stop(definition.flowArn());
            throw new IllegalStateException("flow " + config.name() + " did not start within " + COMMAND_TIMEOUT_MS + " ms");
        }
        if (!started.isSuccess()) {
            stop(definition.flowArn());
            throw new IllegalStateException(started.cause().getMessage(), started.cause());
        }
    }

    @Override
    public void update(FlowDefinition before, FlowDefinition after) {
        Flow flow = running.get(after.flowArn());
        if (flow == null) {
            return;
        }
        DefinitionDiff diff = DefinitionDiff.between(before.request(), after.request());
        if (!diff.sourcesUntouched()) {
            stop(after.flowArn());
            start(after);
            return;
        }
        FlowConfig config = FlowConfigs.read(after.request());
        for (var removed : diff.outputs().removed()) {
            await(flow.removeOutput(removed.path("name").asText()), "remove output " + removed.path("name").asText());
        }
        for (var changed : diff.outputs().changed()) {
            await(flow.updateOutput(output(config, changed.path("name").asText())), "update output " + changed.path("name").asText());
        }
        for (var added : diff.outputs().added()) {
            await(flow.addOutput(output(config, added.path("name").asText())), "add output " + added.path("name").asText());
        }
        for (var revoked : diff.entitlements().removed()) {
            String name = revoked.path("name").asText();
            hub.revoke(before.arns().path("entitlements").path(name).asText());   // the subscriber stops at once
            await(flow.removeOutput(ENTITLEMENT_OUTPUT + name), "revoke entitlement " + name);
        }
        for (var changed : diff.entitlements().changed()) {
            String arn = after.arns().path("entitlements").path(changed.path("name").asText()).asText();
            hub.link(arn).enabled(!"DISABLED".equals(changed.path("entitlementStatus").asText()));
        }
        for (var granted : diff.entitlements().added()) {
            for (EntitlementConfig entitlement : config.entitlements()) {
                if (entitlement.name().equals(granted.path("name").asText())) {
                    addEntitlement(flow, after, entitlement);
                }
            }
        }
    }

    /**
     * The granting side of an entitlement: an output of this flow that hands its packets to whichever flow's
     * source names the entitlement's ARN, in this process. DISABLED stops the data at once.
     */
    private void addEntitlement(Flow flow, FlowDefinition definition, EntitlementConfig entitlement) {
        String arn = definition.arns().path("entitlements").path(entitlement.name()).asText(null);
        if (arn == null) {
            throw new IllegalStateException("entitlement " + entitlement.name() + " has no ARN");
        }
        EntitlementLink link = hub.link(arn);
        link.enabled(entitlement.entitlementStatus() != EntitlementStatus.DISABLED);
        String name = ENTITLEMENT_OUTPUT + entitlement.name();
        OutputConfig described = new OutputConfig(name, "in-process output of entitlement " + arn, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        await(flow.addOutput(described, new EntitlementOutput(name, link, gateway.clock())), "grant entitlement " + entitlement.name());
    }

    @Override
    public void stop(String flowArn) {
        Flow flow = running.remove(flowArn);
        if (flow != null) {
            gateway.remove(flow.name()).awaitUninterruptibly(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The running flow's problems ({@link FlowProblems}): its error reason, endpoints that could not open, and the
     * problem line each source's and output's link reports.
     */
    @Override
    public List<String> errors(String flowArn) {
        Flow flow = running.get(flowArn);
        if (flow == null) {
            return new ArrayList<>();
        }
        FlowSnapshot snapshot = snapshot(flow);
        if (snapshot != null) {
            return FlowProblems.of(snapshot);
        }
        List<String> errors = new ArrayList<>();
        if (flow.errorReason() != null) {
            errors.add(FlowProblems.withoutSecrets(flow.errorReason()));
        }
        return errors;
    }

    /**
     * The flow's figures for /metrics and /ready: the control plane's name, status and intent, with the engine's
     * view of its sources and outputs while it runs ({@link FlowHealth#of}: counters, TS monitoring, which source is
     * selected, link and merge figures), from a copy taken on the flow's loop.
     */
    public FlowHealth health(FlowService.FlowState state) {
        Flow flow = running.get(state.flowArn());
        FlowSnapshot snapshot = flow == null ? null : snapshot(flow);
        if (snapshot == null) {
            return new FlowHealth(state.name(), state.status(), state.shouldRun(), List.of(), List.of());
        }
        return FlowHealth.of(snapshot, state.name(), state.status(), state.shouldRun());
    }

    /** A copy of the flow's state taken on its loop, or null when the loop does not answer within 2 s. */
    private static FlowSnapshot snapshot(Flow flow) {
        Future<FlowSnapshot> snapshot = flow.snapshot();
        return snapshot.awaitUninterruptibly(2, TimeUnit.SECONDS) && snapshot.isSuccess() ? snapshot.getNow() : null;
    }

    /** The running engine flow of {@code flowArn}, or null. */
    public Flow flow(String flowArn) {
        return running.get(flowArn);
    }

    private static OutputConfig output(FlowConfig config, String name) {
        for (OutputConfig output : config.outputs()) {
            if (output.name().equals(name)) {
                return output;
            }
        }
        throw new IllegalStateException("output " + name + " vanished from the validated definition");
    }

    private static void await(Future<Void> command, String what) {
        if (!command.awaitUninterruptibly(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + ": no answer from the flow within " + COMMAND_TIMEOUT_MS + " ms");
        }
        if (!command.isSuccess()) {
            throw new IllegalArgumentException(what + ": " + command.cause().getMessage(), command.cause());
        }
    }
}
