package io.sluice.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A FlowEngine test double that records what the control plane asked; it can be told to refuse starts. */
final class RecordingEngine implements FlowEngine {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<FlowDefinition> updates = new CopyOnWriteArrayList<>();
    volatile String refuseStartWith;

    @Override
    public void start(FlowDefinition flow) {
        calls.add("start " + flow.request().path("name").asText());
        if (refuseStartWith != null) {
            throw new IllegalStateException(refuseStartWith);
        }
    }

    @Override
    public void update(FlowDefinition before, FlowDefinition after) {
        calls.add("update " + after.request().path("name").asText() + " outputs=" + after.request().path("outputs").size());
        updates.add(after);
    }

    @Override
    public void stop(String flowArn) {
        calls.add("stop");
    }

    @Override
    public List<String> errors(String flowArn) {
        return new ArrayList<>();
    }
}
