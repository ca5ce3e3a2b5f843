package io.sluice.gateway.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * One part of the HTTP listener: the MediaConnect REST API, {@code /metrics}, {@code /health}, {@code /ready}.
 * {@link HttpServer} asks each endpoint in turn; the first non-null answer is sent.
 */
public interface HttpEndpoint {

    /**
     * Answers {@code request}, or returns {@code null} when the path is not this endpoint's. Runs on an HTTP worker
     * thread (never a flow's event loop), so it may wait briefly for a flow command to complete. The request is
     * released by the server afterwards; the returned response is written and released by the server.
     */
    FullHttpResponse handle(FullHttpRequest request);
}
