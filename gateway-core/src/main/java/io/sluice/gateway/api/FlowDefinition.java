package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A flow as the engine needs it: its ARN, the definition in CreateFlow's wire spelling (camelCase; {@code sources}
 * always a list, {@code outputs} and {@code entitlements} lists) and the ARNs the control plane gave each source,
 * output and entitlement ({@code {"sources":{name:arn},"outputs":{...},"entitlements":{...}}}). Both nodes are private
 * copies: the receiver may keep them.
 */
public record FlowDefinition(String flowArn, ObjectNode request, ObjectNode arns) {}
