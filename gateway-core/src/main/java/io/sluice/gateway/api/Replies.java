package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The small response bodies of MediaConnect's operations, members in the order the service writes them. */
final class Replies {
    private Replies() {}

    /** {@code {"flowArn": ..., "status": ...}}: StartFlow, StopFlow, DeleteFlow. */
    static ObjectNode status(String flowArn, String status) {
        return of("flowArn", flowArn, "status", status);
    }

    /** Two string members, e.g. {@code {"flowArn": ..., "outputArn": ...}} after a removal. */
    static ObjectNode of(String k1, String v1, String k2, String v2) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }

    /** {@code {"flowArn": ..., member: value}}: the answer to an update or an addition. */
    static ObjectNode ofFlow(String flowArn, String member, JsonNode value) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("flowArn", flowArn);
        out.set(member, value);
        return out;
    }

    /** {@code {member: value}}. */
    static ObjectNode wrap(String member, JsonNode value) {
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.set(member, value);
        return out;
    }
}
