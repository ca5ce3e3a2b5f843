package io.sluice.gateway.api;

import io.sluice.gateway.engine.Gateway;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.EntitlementStatus;
import software.amazon.awssdk.services.mediaconnect.model.Flow;
import software.amazon.awssdk.services.mediaconnect.model.GrantEntitlementRequest;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real flow driven by the SDK: RTP in, outputs out, an output added and removed while packets flow, and the
 * outputs that were not touched receive every packet.
 */
class LiveFlowThroughSdkIT {
    private static final int PACKETS = 3000;

    @TempDir
    Path dataDir;

    private static AddOutputRequest output(String name, int port) {
        return AddOutputRequest.builder().name(name).protocol(Protocol.RTP).destination("127.0.0.1").port(port).build();
    }

    @Test
    void passesAStreamAndChangesOutputsWithoutDisturbingTheOthers() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out1 = FreePorts.udpBlock();
        int out2 = out1 + 2;
        int out3 = out1 + 4;
        try (Gateway gateway = Gateway.builder().threads(2).build();
             ApiHarness api = new ApiHarness(dataDir, new GatewayFlowEngine(gateway), null);
             MediaConnectClient client = api.client();
             RtpTraffic.Receiver r1 = new RtpTraffic.Receiver(out1);
             RtpTraffic.Receiver r2 = new RtpTraffic.Receiver(out2);
             RtpTraffic.Receiver r3 = new RtpTraffic.Receiver(out3)) {
            Flow flow = client.createFlow(b -> b.name("Live")
                    .source(SetSourceRequest.builder().name("in").protocol(Protocol.RTP).ingestPort(ingest)
                            .whitelistCidr("127.0.0.0/8").build())
                    .outputs(output("out1", out1), output("out2", out2))).flow();
            String arn = flow.flowArn();
            client.startFlow(b -> b.flowArn(arn));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));

            Thread sender = Thread.ofPlatform().start(() -> RtpTraffic.send(ingest, 0, PACKETS, 1000));
            Thread.sleep(700);
            String added = client.addFlowOutputs(b -> b.flowArn(arn).outputs(output("out3", out3))).outputs().get(0).outputArn();
            Thread.sleep(700);
            client.removeFlowOutput(b -> b.flowArn(arn).outputArn(added));
            sender.join(30_000);

            assertThat(r1.awaitCount(PACKETS, 10_000)).as("out1 packets").isEqualTo(PACKETS);
            assertThat(r2.awaitCount(PACKETS, 10_000)).as("out2 packets").isEqualTo(PACKETS);
            assertThat(r3.sequences.size()).as("out3 packets, while it existed").isBetween(1, PACKETS - 1);
            assertThat(client.describeFlow(b -> b.flowArn(arn)).flow().outputs()).extracting(o -> o.name())
                    .containsExactly("out1", "out2");

            client.stopFlow(b -> b.flowArn(arn));
            client.waiter().waitUntilFlowStandby(b -> b.flowArn(arn));
            int afterStop = r1.sequences.size();
            RtpTraffic.send(ingest, PACKETS, 50, 1000);
            Thread.sleep(300);
            assertThat(r1.sequences).as("nothing passes a stopped flow").hasSize(afterStop);

            client.deleteFlow(b -> b.flowArn(arn));
            client.waiter().waitUntilFlowDeleted(b -> b.flowArn(arn));
            assertThat(client.listFlows(b -> {}).flows()).isEmpty();
        }
    }

    @Test
    void anEntitlementFeedsTheSubscriberFlowInProcessUntilDisabledOrRevoked() throws Exception {
        int ingest = FreePorts.udpBlock();
        int local = FreePorts.udpBlock();
        int partner = local + 2;
        try (Gateway gateway = Gateway.builder().threads(2).build();
             ApiHarness api = new ApiHarness(dataDir, new GatewayFlowEngine(gateway), null);
             MediaConnectClient client = api.client();
             RtpTraffic.Receiver atOrigin = new RtpTraffic.Receiver(local);
             RtpTraffic.Receiver atPartner = new RtpTraffic.Receiver(partner)) {
            String origin = client.createFlow(b -> b.name("Origin")
                    .source(SetSourceRequest.builder().name("in").protocol(Protocol.RTP).ingestPort(ingest).whitelistCidr("127.0.0.0/8").build())
                    .outputs(output("local", local))
                    .entitlements(GrantEntitlementRequest.builder().name("partner").subscribers("111122223333")
                            .dataTransferSubscriberFeePercent(25).build())).flow().flowArn();
            String entitlementArn = client.describeFlow(b -> b.flowArn(origin)).flow().entitlements().get(0).entitlementArn();
            Flow subscriber = client.createFlow(b -> b.name("Partner")
                    .source(SetSourceRequest.builder().name("fromOrigin").entitlementArn(entitlementArn).build())
                    .outputs(output("out", partner))).flow();
            assertThat(subscriber.source().dataTransferSubscriberFeePercent()).isEqualTo(25);
            client.startFlow(b -> b.flowArn(subscriber.flowArn()));   // the subscriber may start first
            client.startFlow(b -> b.flowArn(origin));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(origin));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(subscriber.flowArn()));

            RtpTraffic.send(ingest, 0, 500, 1000);
            assertThat(atOrigin.awaitCount(500, 10_000)).isEqualTo(500);
            assertThat(atPartner.awaitCount(500, 10_000)).as("packets through the entitlement").isEqualTo(500);

            client.updateFlowEntitlement(b -> b.flowArn(origin).entitlementArn(entitlementArn).entitlementStatus(EntitlementStatus.DISABLED));
            RtpTraffic.send(ingest, 500, 200, 1000);
            assertThat(atOrigin.awaitCount(700, 10_000)).isEqualTo(700);
            Thread.sleep(200);
            assertThat(atPartner.sequences).as("nothing while DISABLED").hasSize(500);

            client.updateFlowEntitlement(b -> b.flowArn(origin).entitlementArn(entitlementArn).entitlementStatus(EntitlementStatus.ENABLED));
            RtpTraffic.send(ingest, 700, 200, 1000);
            assertThat(atPartner.awaitCount(700, 10_000)).as("flowing again once ENABLED").isEqualTo(700);

            client.revokeFlowEntitlement(b -> b.flowArn(origin).entitlementArn(entitlementArn));
            RtpTraffic.send(ingest, 900, 200, 1000);
            assertThat(atOrigin.awaitCount(1100, 10_000)).isEqualTo(1100);
            Thread.sleep(200);
            assertThat(atPartner.sequences).as("nothing after the revoke").hasSize(700);
            assertThat(client.describeFlow(b -> b.flowArn(origin)).flow().outputs()).extracting(o -> o.name()).containsExactly("local");
        }
    }
}
