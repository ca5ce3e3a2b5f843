package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers DescribeFlowSourceMetadata for an existing flow: the body members {@code messages},
 * {@code timestamp}, {@code transportMediaInfo} (programs and streams found in the source's transport stream).
 * The metrics module provides the real one; {@link #NONE} reports no media information.
 */
@FunctionalInterface
public interface SourceMetadataProvider {

    /** Fills {@code response} (which already holds {@code flowArn}) for the flow; runs on an HTTP worker. */
    void describe(String flowArn, ObjectNode response);

    SourceMetadataProvider NONE = (flowArn, response) -> {
        response.put("timestamp", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        response.putArray("messages");
    };
}
