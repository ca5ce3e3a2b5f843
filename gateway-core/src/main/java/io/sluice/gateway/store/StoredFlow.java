package io.sluice.gateway.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the store keeps for one flow: its ARN, the order it was created in (for stable ListFlows pages), whether it
 * should be running, and the control plane's document of the flow (definition, resource ARNs, tags). The document is
 * the control plane's to shape; the store only writes and reads it.
 */
public record StoredFlow(String flowArn, long sequence, boolean running, ObjectNode document) {}
