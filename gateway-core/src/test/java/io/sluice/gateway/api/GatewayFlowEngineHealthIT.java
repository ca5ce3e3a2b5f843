package io.sluice.gateway.api;

import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.metrics.FlowHealth;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sluice serve} hands /metrics and /ready for a flow: the control plane's name and status with the
 * engine's view of the running flow, TS monitoring and link figures included, as {@code sluice run} reports them.
 */
class GatewayFlowEngineHealthIT {

    @TempDir
    Path dataDir;

    @Test
    void aRunningFlowsHealthCarriesItsTsMonitoringAndLinkFigures() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        try (Gateway gateway = Gateway.builder().threads(1).build()) {
            GatewayFlowEngine engine = new GatewayFlowEngine(gateway);
            try (ApiHarness api = new ApiHarness(dataDir, engine, null);
                 MediaConnectClient client = api.client();
                 RtpTraffic.Receiver receiver = new RtpTraffic.Receiver(out)) {
                String arn = ApiHarness.createRtpFlow(client, "Watched", ingest, out);
                FlowHealth stopped = engine.health(api.flows.states().getFirst());
                assertThat(stopped.status()).isEqualTo("STANDBY");
                assertThat(stopped.sources()).isEmpty();

                client.startFlow(b -> b.flowArn(arn));
                client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));
                RtpTraffic.send(ingest, 0, 200, 1000);
                assertThat(receiver.awaitCount(200, 10_000)).isEqualTo(200);

                FlowHealth health = engine.health(api.flows.states().getFirst());
                assertThat(health.name()).isEqualTo("Watched");
                assertThat(health.status()).isEqualTo(FlowHealth.ACTIVE);
                assertThat(health.shouldRun()).isTrue();
                FlowHealth.Source source = health.sources().getFirst();
                assertThat(source.selected()).isTrue();
                assertThat(source.counters().packets()).isEqualTo(200);
                assertThat(source.ts()).as("TS monitoring of the source").isNotNull();
                assertThat(source.ts().tsPackets()).isEqualTo(200 * 7);
                assertThat(source.link()).isEqualTo(LinkStats.NONE);
                assertThat(health.outputs()).singleElement().satisfies(o -> {
                    assertThat(o.name()).isEqualTo("out");
                    assertThat(o.connected()).isTrue();
                    assertThat(o.counters().packets()).isEqualTo(200);
                });
                client.stopFlow(b -> b.flowArn(arn));
            }
        }
    }
}
