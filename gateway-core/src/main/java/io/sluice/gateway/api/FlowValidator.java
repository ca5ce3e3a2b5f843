package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Checks a whole flow definition (CreateFlow's wire spelling) and lists every problem at once, each named by its
 * path ({@code Outputs[3].Port: 70000 is out of range 1024-65535}). Empty when the definition is valid.
 */
@FunctionalInterface
public interface FlowValidator {
    List<String> problems(ObjectNode request);
}
