package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.config.ConfigError;
import io.sluice.config.ConfigException;
import io.sluice.config.FlowConfigs;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a flow definition with the config module, MediaConnect's rules plus what Sluice can carry, so the API
 * refuses exactly what {@code sluice validate} and {@code sluice run} refuse, with the same path-named messages.
 */
public final class ConfigFlowValidator implements FlowValidator {

    @Override
    public List<String> problems(ObjectNode request) {
        try {
            FlowConfigs.read(request);
            return List.of();
        } catch (ConfigException e) {
            List<String> problems = new ArrayList<>();
            for (ConfigError error : e.errors()) {
                problems.add(error.toString());
            }
            return problems;
        }
    }
}
