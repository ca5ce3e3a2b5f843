package io.sluice.cli;

import io.sluice.gateway.api.FlowDefinition;
import io.sluice.gateway.api.FlowEngine;

import java.nio.file.Path;
import java.util.List;

/** Chooses the data plane behind {@code sluice serve}. */
final class DataPlane {
    private DataPlane() {}

    /**
     * The engine that runs flows. Until the engine milestone is merged into this branch, flows can be created,
     * stored and described, and StartFlow puts them in ERROR with a message saying why.
     */
    static FlowEngine engine(Path secretsDir) {
        return new FlowEngine() {
            @Override
            public void start(FlowDefinition flow) {
                throw new IllegalStateException("this build has no flow engine yet: flows are stored and described, not run");
            }

            @Override
            public void update(FlowDefinition before, FlowDefinition after) {
                throw new IllegalStateException("this build has no flow engine yet");
            }

            @Override
            public void stop(String flowArn) {
                // nothing runs
            }

            @Override
            public List<String> errors(String flowArn) {
                return List.of();
            }
        };
    }
}
