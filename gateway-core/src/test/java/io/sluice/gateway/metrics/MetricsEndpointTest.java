package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.http.HttpServer;
import io.sluice.protocols.mpegts.TsHealth;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest {
    private final AtomicReference<List<FlowHealth>> flows = new AtomicReference<>(List.of());
    private final FlowMetrics metrics = new FlowMetrics(flows::get);

    @Test
    void exposesMediaConnectNamesLabelledByFlowSourceAndOutput() {
        flows.set(List.of(flow("news", "ACTIVE", 1000, 10, 4, 3)));
        String text = metrics.scrape();
        assertThat(text)
                .contains("SourceTotalPackets_total{flow=\"news\",source=\"primary\"} 1000.0")
                .contains("SourceDroppedPackets_total{flow=\"news\",source=\"primary\"} 10.0")
                .contains("SourceRecoveredPackets_total{flow=\"news\",source=\"primary\"} 4.0")
                .contains("SourceNotRecoveredPackets_total{flow=\"news\",source=\"primary\"} 6.0")
                .contains("SourceBitRate{flow=\"news\",source=\"primary\"} 2000000.0")
                .contains("SourceContinuityCounter_total{flow=\"news\",source=\"primary\"} 3.0")
                .contains("SourcePATError_total{flow=\"news\",source=\"primary\"} 1.0")
                .contains("SourcePCRError_total{flow=\"news\",source=\"primary\"} 5.0")
                .contains("SourceSelected{flow=\"news\",source=\"primary\"} 1.0")
                .contains("SourceConnected{flow=\"news\",source=\"primary\"} 1.0")
                .contains("ContinuityCounter_total{flow=\"news\"} 3.0")
                .contains("TotalPackets_total{flow=\"news\"} 1000.0")
                .contains("SluiceFlowActive{flow=\"news\"} 1.0")
                .contains("ConnectedOutputs{flow=\"news\"} 1.0")
                .contains("OutputTotalPackets_total{flow=\"news\",output=\"to-studio\"} 990.0")
                .contains("OutputDroppedPackets_total{flow=\"news\",output=\"to-studio\"} 2.0")
                .contains("OutputBitrate{flow=\"news\",output=\"to-studio\"} 1980000.0")
                .contains("# TYPE SourceContinuityCounter_total counter");
        assertThat(text).contains("SourcePacketLossPercent{flow=\"news\",source=\"primary\"} 0.99");
    }

    @Test
    void packetLossPercentCoversTheIntervalSinceTheLastScrape() {
        flows.set(List.of(flow("news", "ACTIVE", 1000, 0, 0, 0)));
        metrics.scrape();
        flows.set(List.of(flow("news", "ACTIVE", 1090, 10, 0, 0)));        // 90 arrived, 10 lost since
        assertThat(metrics.scrape()).contains("SourcePacketLossPercent{flow=\"news\",source=\"primary\"} 10.0");
    }

    @Test
    void removesTheMetersOfAFlowThatIsGone() {
        flows.set(List.of(flow("news", "ACTIVE", 1, 0, 0, 0), flow("sport", "ACTIVE", 1, 0, 0, 0)));
        assertThat(metrics.scrape()).contains("flow=\"sport\"");
        flows.set(List.of(flow("news", "ACTIVE", 1, 0, 0, 0)));
        assertThat(metrics.scrape()).doesNotContain("flow=\"sport\"").contains("flow=\"news\"");
    }

    @Test
    void servesMetricsHealthAndReadinessOverHttp() throws Exception {
        flows.set(List.of(flow("news", "ACTIVE", 5, 0, 0, 0), flow("sport", "STARTING", 0, 0, 0, 0),
                new FlowHealth("idle", "STANDBY", false, List.of(), List.of())));
        try (HttpServer server = new HttpServer(List.of(new MetricsEndpoint(metrics)))) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> scrape = get(client, port, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("SourceTotalPackets_total{flow=\"news\",source=\"primary\"} 5.0");
            assertThat(get(client, port, "/health").statusCode()).isEqualTo(200);

            HttpResponse<String> notReady = get(client, port, "/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo("{\"status\":\"NOT_READY\",\"flows\":[{\"flow\":\"sport\",\"status\":\"STARTING\"}]}");

            flows.set(List.of(flow("news", "ACTIVE", 5, 0, 0, 0), flow("sport", "ACTIVE", 0, 0, 0, 0)));
            HttpResponse<String> ready = get(client, port, "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"READY\"}");

            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static FlowHealth flow(String name, String status, long packets, long lost, long recovered, long ccErrors) {
        SourceCounters.Snapshot in = new SourceCounters.Snapshot(packets, packets * 1328, 2_000_000, 190, lost, recovered,
                0, 0, 0, 0);
        TsHealth ts = new TsHealth(packets * 7, 0, true, 0, 0, ccErrors > 0 ? 1 : 0, ccErrors, 0, 0, 0, 0,
                ccErrors > 0 ? 2 : 0, ccErrors > 0 ? 3 : 0, 0);
        OutputCounters.Snapshot out = new OutputCounters.Snapshot(Math.max(0, packets - 10), 0, 1_980_000, 188, 2, 0);
        return new FlowHealth(name, status, true,
                List.of(new FlowHealth.Source("primary", "rtp", true, true, 0, in, ts)),
                List.of(new FlowHealth.Output("to-studio", "rtp", true, 0, out)));
    }
}
