package io.sluice.gateway.metrics;

import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.http.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A one-thread {@link Gateway} whose flows are served on {@code /metrics} and {@code /ready} (every flow counts for
 * readiness) on an ephemeral 127.0.0.1 port, for each test: register it with {@code @RegisterExtension}. After the
 * test the HTTP server closes first, then the gateway.
 */
final class ScrapedGateway implements BeforeEachCallback, AfterEachCallback {
    private Gateway gateway;
    private HttpServer http;
    private int port;
    private Scrape scrape;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        gateway = Gateway.builder().threads(1).build();
        http = new HttpServer(List.of(new MetricsEndpoint(new FlowMetrics(new GatewayHealth(gateway::flows, f -> true)))));
        port = http.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
        scrape = new Scrape(port);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (http != null) {
            http.close();
            http = null;
        }
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    /** The HTTP port, for requests other than a scrape. */
    int port() {
        return port;
    }

    Scrape scrape() {
        return scrape;
    }
}
