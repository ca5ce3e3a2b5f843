package io.sluice.gateway.api;

import io.sluice.gateway.entitlement.ResourceArns;
import io.sluice.gateway.http.HttpServer;
import io.sluice.gateway.store.FlowStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The API on an ephemeral loopback port over a store in a temporary directory, and SDK clients pointed at it. */
final class ApiHarness implements AutoCloseable {
    final FlowService flows;
    final HttpServer server;
    final InetSocketAddress address;

    ApiHarness(Path dataDir, FlowEngine engine, ApiKeys keys) {
        flows = new FlowService(ResourceArns.random("us-east-1", "111122223333"), new FlowStore(dataDir), engine,
                new ConfigFlowValidator(), "127.0.0.1");
        flows.restore();
        SigV4Verifier verifier = keys == null ? null : new SigV4Verifier(keys, Instant::now);
        server = new HttpServer(List.of(new MediaConnectApi(flows, verifier, engine instanceof GatewayFlowEngine live
                ? new EngineSourceMetadata(live, io.sluice.protocols.time.NanoClock.SYSTEM) : SourceMetadataProvider.NONE)));
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    /** Creates flow {@code name}: RTP in on {@code ingestPort} from loopback, one RTP output "out" to 127.0.0.1:{@code outputPort}. */
    static String createRtpFlow(MediaConnectClient client, String name, int ingestPort, int outputPort) {
        return client.createFlow(b -> b.name(name)
                .source(SetSourceRequest.builder().name("in").protocol(Protocol.RTP).ingestPort(ingestPort)
                        .whitelistCidr("127.0.0.0/8").build())
                .outputs(AddOutputRequest.builder().name("out").protocol(Protocol.RTP).destination("127.0.0.1")
                        .port(outputPort).build())).flow().flowArn();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + address.getPort());
    }

    MediaConnectClient client() {
        return client("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    MediaConnectClient client(String accessKeyId, String secret) {
        return MediaConnectClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
