package io.sluice.gateway.api;

import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.Flow;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;
import software.amazon.awssdk.services.mediaconnect.model.Status;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice serve} as its own process: create and start flows, SIGKILL the daemon, start it again on the same
 * data directory, and find the same flows with the same ARNs, tags and desired state; the running one passes
 * packets again.
 */
class ServeRestartIT {
    private static final Path JAR = Path.of("target/sluice.jar");

    @TempDir
    Path work;

    private PeerProcess serve(int port) {
        assertThat(JAR).as("the shaded jar (built by package)").exists();
        PeerProcess daemon = PeerProcess.start(Duration.ofMinutes(3), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--listen", "127.0.0.1:" + port, "--data-dir", work.resolve("data").toString(),
                "--secrets-dir", work.resolve("secrets").toString());
        assertThat(daemon.awaitLog(log -> log.contains("MediaConnect API on"), Duration.ofSeconds(60)))
                .as("daemon log:\n%s", daemon.log()).isTrue();
        return daemon;
    }

    private static MediaConnectClient client(int port) {
        return MediaConnectClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void flowsAndTheirDesiredStateSurviveSigkill() throws Exception {
        int port = FreePorts.one();
        int media = FreePorts.udpBlock();
        Flow running;
        Flow idle;
        try (PeerProcess daemon = serve(port); MediaConnectClient client = client(port);
             RtpTraffic.Receiver output = new RtpTraffic.Receiver(media + 2)) {
            running = client.createFlow(b -> b.name("Running").flowTags(Map.of("team", "news"))
                    .source(SetSourceRequest.builder().name("in").protocol(Protocol.RTP).ingestPort(media).whitelistCidr("127.0.0.0/8").build())
                    .outputs(AddOutputRequest.builder().name("out").protocol(Protocol.RTP).destination("127.0.0.1").port(media + 2).build())).flow();
            idle = client.createFlow(b -> b.name("Idle")
                    .source(SetSourceRequest.builder().name("in").protocol(Protocol.SRT_LISTENER).ingestPort(media + 4).minLatency(200).build())).flow();
            client.startFlow(b -> b.flowArn(running.flowArn()));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(running.flowArn()));
            RtpTraffic.send(media, 0, 200, 1000);
            assertThat(output.awaitCount(200, 10_000)).as("packets through the flow before the kill").isEqualTo(200);

            daemon.kill();
            assertThat(daemon.isAlive()).isFalse();
        }
        try (Stream files = new Stream(work.resolve("data/flows"))) {
            assertThat(files.count()).isEqualTo(2);
        }
        try (PeerProcess daemon = serve(port); MediaConnectClient client = client(port);
             RtpTraffic.Receiver output = new RtpTraffic.Receiver(media + 2)) {
            assertThat(daemon.log()).contains("2 flows restored, 1 started");
            Flow runningAgain = client.describeFlow(b -> b.flowArn(running.flowArn())).flow();
            Flow idleAgain = client.describeFlow(b -> b.flowArn(idle.flowArn())).flow();
            assertThat(idleAgain).isEqualTo(idle);
            assertThat(runningAgain.outputs()).isEqualTo(running.outputs());
            assertThat(runningAgain.source()).isEqualTo(running.source());
            assertThat(runningAgain.status()).as("a flow that was running is started again").isEqualTo(Status.ACTIVE);
            assertThat(idleAgain.status()).isEqualTo(Status.STANDBY);
            RtpTraffic.send(media, 1000, 200, 1000);
            assertThat(output.awaitCount(200, 10_000)).as("packets through the restored flow").isEqualTo(200);
            assertThat(client.listTagsForResource(b -> b.resourceArn(running.flowArn())).tags()).containsEntry("team", "news");
            assertThat(client.listFlows(b -> {}).flows()).hasSize(2);
        }
    }

    /** Files in a directory, closed after use. */
    private record Stream(java.util.stream.Stream<Path> files) implements AutoCloseable {
        Stream(Path dir) throws java.io.IOException {
            this(Files.list(dir));
        }

        long count() {
            return files.count();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
