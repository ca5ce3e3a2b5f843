package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddFlowOutputs420Exception;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.BadRequestException;
import software.amazon.awssdk.services.mediaconnect.model.ConflictException;
import software.amazon.awssdk.services.mediaconnect.model.CreateFlowResponse;
import software.amazon.awssdk.services.mediaconnect.model.DescribeFlowResponse;
import software.amazon.awssdk.services.mediaconnect.model.EntitlementStatus;
import software.amazon.awssdk.services.mediaconnect.model.Flow;
import software.amazon.awssdk.services.mediaconnect.model.GrantEntitlementRequest;
import software.amazon.awssdk.services.mediaconnect.model.ListFlowsResponse;
import software.amazon.awssdk.services.mediaconnect.model.ListedFlow;
import software.amazon.awssdk.services.mediaconnect.model.NotFoundException;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;
import software.amazon.awssdk.services.mediaconnect.model.SourceType;
import software.amazon.awssdk.services.mediaconnect.model.Status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaConnectApiTest {
    private static final String ARN_PATTERN = "arn:aws:mediaconnect:us-east-1:111122223333:%s:[a-zA-Z0-9-]+:%s";

    @TempDir
    Path dataDir;
    private final RecordingEngine engine = new RecordingEngine();
    private ApiHarness api;
    private MediaConnectClient client;

    @BeforeEach
    void start() {
        api = new ApiHarness(dataDir, engine, null);
        client = api.client();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private Flow createFlow(String name, int outputs) {
        List<AddOutputRequest> list = new ArrayList<>();
        for (int i = 1; i <= outputs; i++) {
            list.add(output("out" + i, 6000 + 2 * i));
        }
        return client.createFlow(b -> b.name(name).availabilityZone("us-east-1a")
                .source(SetSourceRequest.builder().name("cam1").protocol(Protocol.RTP).ingestPort(5000)
                        .whitelistCidr("127.0.0.0/24").maxBitrate(20_000_000).build())
                .outputs(list)).flow();
    }

    private static AddOutputRequest output(String name, int port) {
        return AddOutputRequest.builder().name(name).protocol(Protocol.RTP).destination("127.0.0.1").port(port)
                .smoothingLatency(0).build();
    }

    @Test
    void createsAFlowInMediaConnectsResponseShape() {
        Flow flow = createFlow("Studio1", 2);

        assertThat(flow.flowArn()).matches(ARN_PATTERN.formatted("flow", "Studio1"));
        assertThat(flow.status()).isEqualTo(Status.STANDBY);
        assertThat(flow.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(flow.egressIp()).isEqualTo("127.0.0.1");
        assertThat(flow.source().sourceArn()).matches(ARN_PATTERN.formatted("source", "cam1"));
        assertThat(flow.source().ingestIp()).isEqualTo("127.0.0.1");
        assertThat(flow.source().ingestPort()).isEqualTo(5000);
        assertThat(flow.source().whitelistCidr()).isEqualTo("127.0.0.0/24");
        assertThat(flow.source().transport().protocol()).isEqualTo(Protocol.RTP);
        assertThat(flow.source().transport().maxBitrate()).isEqualTo(20_000_000);
        assertThat(flow.sources()).hasSize(1);
        assertThat(flow.outputs()).extracting(o -> o.name()).containsExactly("out1", "out2");
        assertThat(flow.outputs().get(0).outputArn()).matches(ARN_PATTERN.formatted("output", "out1"));
        assertThat(flow.outputs().get(0).transport().protocol()).isEqualTo(Protocol.RTP);
        assertThat(flow.outputs().get(0).destination()).isEqualTo("127.0.0.1");
        assertThat(flow.outputs().get(0).port()).isEqualTo(6002);
        assertThat(flow.entitlements()).isEmpty();

        DescribeFlowResponse described = client.describeFlow(b -> b.flowArn(flow.flowArn()));
        assertThat(described.flow()).isEqualTo(flow);
        assertThat(described.messages()).isNull();
        assertThat(described.responseMetadata().requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void listsFlowsInPagesUntilTheLastPageHasNoToken() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            created.add(createFlow("f" + i, 1).flowArn());
        }
        ListFlowsResponse first = client.listFlows(b -> b.maxResults(10));
        assertThat(first.flows()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        assertThat(first.flows().get(0).sourceType()).isEqualTo(SourceType.OWNED);

        List<String> seen = new ArrayList<>();
        client.listFlowsPaginator(b -> b.maxResults(10)).flows().forEach(f -> seen.add(f.flowArn()));
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(created);

        ListFlowsResponse defaults = client.listFlows(b -> {});
        assertThat(defaults.flows()).hasSize(10);
        ListFlowsResponse last = client.listFlows(b -> b.maxResults(1000));
        assertThat(last.flows()).hasSize(23);
        assertThat(last.nextToken()).isNull();
    }

    @Test
    void runsTheLifecycleAndChangesOutputsOfARunningFlow() {
        Flow flow = createFlow("Live", 2);
        String arn = flow.flowArn();

        assertThat(client.startFlow(b -> b.flowArn(arn)).status()).isEqualTo(Status.STARTING);
        assertThat(client.describeFlow(b -> b.flowArn(arn)).flow().status()).isEqualTo(Status.ACTIVE);
        client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));

        var added = client.addFlowOutputs(b -> b.flowArn(arn).outputs(output("out3", 6100)));
        assertThat(added.outputs()).extracting(o -> o.name()).containsExactly("out3");
        assertThat(engine.calls).contains("update Live outputs=3");

        String out1 = flow.outputs().get(0).outputArn();
        assertThat(client.removeFlowOutput(b -> b.flowArn(arn).outputArn(out1)).outputArn()).isEqualTo(out1);
        assertThat(client.describeFlow(b -> b.flowArn(arn)).flow().outputs()).extracting(o -> o.name())
                .containsExactly("out2", "out3");

        var updated = client.updateFlowOutput(b -> b.flowArn(arn).outputArn(added.outputs().get(0).outputArn()).port(6200));
        assertThat(updated.output().port()).isEqualTo(6200);
        assertThat(updated.output().transport().protocol()).isEqualTo(Protocol.RTP);

        assertThat(client.stopFlow(b -> b.flowArn(arn)).status()).isEqualTo(Status.STOPPING);
        client.waiter().waitUntilFlowStandby(b -> b.flowArn(arn));
        assertThat(client.deleteFlow(b -> b.flowArn(arn)).status()).isEqualTo(Status.DELETING);
        client.waiter().waitUntilFlowDeleted(b -> b.flowArn(arn));
        assertThat(engine.calls).containsSubsequence("start Live", "update Live outputs=3", "stop");
    }

    @Test
    void answersEachErrorWithTheSdksExceptionType() {
        Flow flow = createFlow("Errs", 1);
        String arn = flow.flowArn();
        String unknown = arn.replace(":Errs", ":Nope");

        assertThatThrownBy(() -> client.describeFlow(b -> b.flowArn(unknown)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> client.createFlow(b -> b.name("Bad")
                .source(SetSourceRequest.builder().name("s").protocol("carrier-pigeon").ingestPort(5000).build())))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("source.protocol: \"carrier-pigeon\" is not a valid Protocol");
        assertThatThrownBy(() -> client.createFlow(b -> b.name("NoSource")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("a flow needs a source");
        assertThatThrownBy(() -> client.createFlow(b -> b.name("has space")
                .source(SetSourceRequest.builder().protocol(Protocol.RTP).ingestPort(5000).build())))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Name:");
        assertThatThrownBy(() -> client.addFlowOutputs(b -> b.flowArn(arn).outputs(output("out1", 7000))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("\"out1\" is already used");
        assertThatThrownBy(() -> client.removeFlowOutput(b -> b.flowArn(arn).outputArn(arn.replace(":flow:", ":output:"))))
                .isInstanceOf(NotFoundException.class);

        client.startFlow(b -> b.flowArn(arn));
        assertThatThrownBy(() -> client.startFlow(b -> b.flowArn(arn)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is ACTIVE");
        assertThatThrownBy(() -> client.deleteFlow(b -> b.flowArn(arn)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("stop it first");

        List<AddOutputRequest> fifty = new ArrayList<>();
        for (int i = 2; i <= 51; i++) {
            fifty.add(output("o" + i, 10000 + 2 * i));
        }
        assertThatThrownBy(() -> client.addFlowOutputs(b -> b.flowArn(arn).outputs(fifty)))
                .isInstanceOf(AddFlowOutputs420Exception.class).hasMessageContaining("at most 50 outputs");
        client.addFlowOutputs(b -> b.flowArn(arn).outputs(fifty.subList(0, 49)));
        assertThat(client.describeFlow(b -> b.flowArn(arn)).flow().outputs()).hasSize(50);

        client.stopFlow(b -> b.flowArn(arn));
        assertThatThrownBy(() -> client.stopFlow(b -> b.flowArn(arn))).isInstanceOf(ConflictException.class);

        engine.refuseStartWith = "IngestPort 5000 is already in use by another process";
        client.startFlow(b -> b.flowArn(arn));
        DescribeFlowResponse failed = client.describeFlow(b -> b.flowArn(arn));
        assertThat(failed.flow().status()).isEqualTo(Status.ERROR);
        assertThat(failed.messages().errors()).containsExactly("IngestPort 5000 is already in use by another process");
    }

    @Test
    void refusesMalformedJsonNamingThePositionAndOversizedBodies() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/v1/flows"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\",\n \"source\": {\"protocol\" \"rtp\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
        assertThat(malformed.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(malformed.body()).contains("malformed JSON at line 2, column");

        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/v1/flows"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(MediaConnectApi.MAX_REQUEST_BYTES) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("the limit is " + MediaConnectApi.MAX_REQUEST_BYTES);
    }

    @Test
    void returnsSecretReferencesButNeverASecretValue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"name\":\"Secretive\",\"source\":{\"name\":\"s\",\"protocol\":\"srt-listener\",\"ingestPort\":5000,"
                + "\"decryption\":{\"keyType\":\"srt-password\",\"roleArn\":\"arn:aws:iam::111122223333:role/r\","
                + "\"secretArn\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:pass\"}},"
                + "\"outputs\":[{\"name\":\"o\",\"protocol\":\"rist\",\"destination\":\"127.0.0.1\",\"port\":6000,"
                + "\"sluiceExtensions\":{\"ristProfile\":\"main\",\"srpUsername\":\"u\","
                + "\"srpPasswordSecretArn\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:srp\"}}]}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/v1/flows"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("secret:pass", "secret:srp", "srpUsername");
        String arn = client.listFlows(b -> {}).flows().get(0).flowArn();
        assertThat(client.describeFlow(b -> b.flowArn(arn)).flow().source().decryption().secretArn()).endsWith("secret:pass");

        ObjectNode withValues = (ObjectNode) ApiRequest.JSON.readTree(
                "{\"a\":{\"passphrase\":\"p1\",\"srpPassword\":\"p2\",\"list\":[{\"clientSecret\":\"p3\"}],\"secretArn\":\"arn\"}}");
        assertThat(WireShapes.redact(withValues).toString()).isEqualTo("{\"a\":{\"list\":[{}],\"secretArn\":\"arn\"}}");
    }

    @Test
    void tagsFlowsAndOutputs() {
        Flow flow = client.createFlow(b -> b.name("Tagged").flowTags(Map.of("team", "news"))
                .source(SetSourceRequest.builder().name("s").protocol(Protocol.RTP).ingestPort(5000).build())
                .outputs(AddOutputRequest.builder().name("o").protocol(Protocol.RTP).destination("127.0.0.1").port(6000)
                        .outputTags(Map.of("role", "backup")).build())).flow();
        String output = flow.outputs().get(0).outputArn();

        assertThat(client.listTagsForResource(b -> b.resourceArn(flow.flowArn())).tags()).containsExactly(Map.entry("team", "news"));
        assertThat(client.listTagsForResource(b -> b.resourceArn(output)).tags()).containsExactly(Map.entry("role", "backup"));
        client.tagResource(b -> b.resourceArn(flow.flowArn()).tags(Map.of("tier", "gold", "team", "sport")));
        client.untagResource(b -> b.resourceArn(flow.flowArn()).tagKeys("tier"));
        assertThat(client.listTagsForResource(b -> b.resourceArn(flow.flowArn())).tags()).containsExactly(Map.entry("team", "sport"));
        assertThatThrownBy(() -> client.listTagsForResource(b -> b.resourceArn(flow.flowArn().replace("Tagged", "Gone"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void grantsListsUpdatesAndRevokesEntitlements() {
        Flow origin = createFlow("Origin", 1);
        var granted = client.grantFlowEntitlements(b -> b.flowArn(origin.flowArn()).entitlements(
                GrantEntitlementRequest.builder().name("toPartner").subscribers("111122223333")
                        .dataTransferSubscriberFeePercent(30).build()));
        String entitlementArn = granted.entitlements().get(0).entitlementArn();
        assertThat(entitlementArn).matches(ARN_PATTERN.formatted("entitlement", "toPartner"));
        assertThat(granted.entitlements().get(0).entitlementStatus()).isEqualTo(EntitlementStatus.ENABLED);

        var listed = client.listEntitlements(b -> {});
        assertThat(listed.entitlements()).singleElement().satisfies(e -> {
            assertThat(e.entitlementArn()).isEqualTo(entitlementArn);
            assertThat(e.dataTransferSubscriberFeePercent()).isEqualTo(30);
        });

        Flow subscriber = client.createFlow(b -> b.name("Subscriber")
                .source(SetSourceRequest.builder().name("fromOrigin").entitlementArn(entitlementArn).build())
                .outputs(output("o", 6500))).flow();
        assertThat(subscriber.source().entitlementArn()).isEqualTo(entitlementArn);
        assertThat(subscriber.source().dataTransferSubscriberFeePercent()).isEqualTo(30);
        assertThat(client.listFlows(b -> {}).flows()).filteredOn(f -> f.name().equals("Subscriber"))
                .extracting(ListedFlow::sourceType).containsExactly(SourceType.ENTITLED);
        assertThatThrownBy(() -> client.createFlow(b -> b.name("Second")
                .source(SetSourceRequest.builder().name("again").entitlementArn(entitlementArn).build())))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("feeds one subscriber flow");

        var disabled = client.updateFlowEntitlement(b -> b.flowArn(origin.flowArn()).entitlementArn(entitlementArn)
                .entitlementStatus(EntitlementStatus.DISABLED));
        assertThat(disabled.entitlement().entitlementStatus()).isEqualTo(EntitlementStatus.DISABLED);
        assertThat(disabled.entitlement().subscribers()).containsExactly("111122223333");

        client.revokeFlowEntitlement(b -> b.flowArn(origin.flowArn()).entitlementArn(entitlementArn));
        assertThat(client.describeFlow(b -> b.flowArn(origin.flowArn())).flow().entitlements()).isEmpty();
        assertThat(client.listEntitlements(b -> {}).entitlements()).isEmpty();
    }

    @Test
    void createResponseSurvivesARoundTripThroughTheStore() {
        CreateFlowResponse created = client.createFlow(b -> b.name("Kept")
                .source(SetSourceRequest.builder().name("s").protocol(Protocol.SRT_LISTENER).ingestPort(5000).minLatency(200).build())
                .outputs(AddOutputRequest.builder().name("o").protocol(Protocol.SRT_LISTENER).port(6000).minLatency(200).build()));
        api.close();
        api = new ApiHarness(dataDir, engine, null);
        client.close();
        client = api.client();
        Flow again = client.describeFlow(b -> b.flowArn(created.flow().flowArn())).flow();
        assertThat(again).isEqualTo(created.flow());
        assertThat(again.outputs().get(0).listenerAddress()).isEqualTo("127.0.0.1");
    }
}
