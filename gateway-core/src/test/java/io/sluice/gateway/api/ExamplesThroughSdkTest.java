package io.sluice.gateway.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.CreateFlowRequest;
import software.amazon.awssdk.services.mediaconnect.model.Flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in examples/ is created through the SDK (CLI spelling) or posted as it is (REST wire spelling), and
 * described back as sent.
 */
class ExamplesThroughSdkTest {
    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path dataDir;

    @Test
    void createsAndDescribesAFlowFromEachExample() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("example flow files in %s", EXAMPLES.toAbsolutePath()).isNotEmpty();
        Map<String, String> entitlementArns = new HashMap<>();   // entitlement name -> ARN handed out here
        try (ApiHarness api = new ApiHarness(dataDir, new RecordingEngine(), null); MediaConnectClient client = api.client()) {
            for (Path file : granterFirst(files)) {
                String json = Files.readString(file);
                for (Map.Entry<String, String> granted : entitlementArns.entrySet()) {
                    // a subscriber file names its entitlement by the deterministic ARN of `sluice run`; here the
                    // daemon handed out its own ARN, which a user would paste in the same way
                    json = json.replaceAll("arn:aws:mediaconnect:[^\"]*:entitlement:[^\"]*:" + granted.getKey() + "\"",
                            granted.getValue() + "\"");
                }
                if (json.strip().startsWith("{") && json.contains("\"name\"")) {
                    // a file in the REST wire spelling is a CreateFlow body as it is: post it raw
                    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.endpoint() + "/v1/flows")).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(created.statusCode()).as(file + ": " + created.body()).isEqualTo(201);
                    assertThat(client.listFlows(b -> b.maxResults(1000)).flows()).anyMatch(f -> created.body().contains(f.flowArn()));
                    continue;
                }
                CreateFlowRequest request = SdkRequests.createFlow(json);
                Flow flow = client.createFlow(request).flow();
                Flow described = client.describeFlow(b -> b.flowArn(flow.flowArn())).flow();

                assertThat(described).as(file.toString()).isEqualTo(flow);
                assertThat(flow.name()).isEqualTo(request.name());
                assertThat(flow.outputs()).hasSize(request.outputs().size());
                for (int i = 0; i < request.outputs().size(); i++) {
                    assertThat(flow.outputs().get(i).name()).isEqualTo(request.outputs().get(i).name());
                    assertThat(flow.outputs().get(i).port()).isEqualTo(request.outputs().get(i).port());
                    assertThat(flow.outputs().get(i).transport().protocol()).isEqualTo(request.outputs().get(i).protocol());
                }
                int sources = request.source() != null ? 1 : request.sources().size();
                assertThat(flow.sources()).hasSize(sources);
                flow.entitlements().forEach(e -> entitlementArns.put(e.name(), e.entitlementArn()));
            }
        }
    }

    /** Files that grant entitlements first, so subscribers find the entitlement they name. */
    private static List<Path> granterFirst(List<Path> files) {
        return files.stream().sorted((a, b) -> Boolean.compare(mentionsEntitlementArn(a), mentionsEntitlementArn(b))).toList();
    }

    private static boolean mentionsEntitlementArn(Path file) {
        try {
            return Files.readString(file).contains("\"EntitlementArn\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
