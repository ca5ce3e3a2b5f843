package io.sluice.gateway.metrics;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.http.HttpEndpoint;
import io.sluice.gateway.http.HttpServer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics} (Prometheus text format 0.0.4, see {@link FlowMetrics}), {@code GET /health} (liveness: the
 * process answers) and {@code GET /ready} (200 when every flow that should run is ACTIVE, else 503 naming the flows
 * that are not). Mounted on the {@link HttpServer} of both {@code sluice run} and {@code sluice serve}.
 */
public final class MetricsEndpoint implements HttpEndpoint {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final FlowMetrics metrics;

    public MetricsEndpoint(FlowMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return switch (path) {
            case "/metrics" -> onlyGet(request, () -> {
                FullHttpResponse response = HttpServer.text(HttpResponseStatus.OK, metrics.scrape());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT);
                return response;
            });
            case "/health" -> onlyGet(request, () -> HttpServer.text(HttpResponseStatus.OK, "{\"status\":\"UP\"}"));
            case "/ready" -> onlyGet(request, this::ready);
            default -> null;
        };
    }

    private FullHttpResponse ready() {
        List<String> notReady = new ArrayList<>();
        for (FlowHealth flow : metrics.refresh()) {
            if (flow.shouldRun() && !FlowHealth.ACTIVE.equals(flow.status())) {
                notReady.add("{\"flow\":" + json(flow.name()) + ",\"status\":" + json(flow.status()) + "}");
            }
        }
        if (notReady.isEmpty()) {
            return HttpServer.text(HttpResponseStatus.OK, "{\"status\":\"READY\"}");
        }
        return HttpServer.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"status\":\"NOT_READY\",\"flows\":[" + String.join(",", notReady) + "]}");
    }

    private static FullHttpResponse onlyGet(FullHttpRequest request, java.util.function.Supplier<FullHttpResponse> answer) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            FullHttpResponse refused = HttpServer.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"message\":\"" + request.uri().replace("\"", "") + " accepts GET only\"}");
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return refused;
        }
        return answer.get();
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
