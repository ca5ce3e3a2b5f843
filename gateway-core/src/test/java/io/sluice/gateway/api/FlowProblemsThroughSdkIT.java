package io.sluice.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.sluice.config.OutputConfig;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.DescribeFlowResponse;
import software.amazon.awssdk.services.mediaconnect.model.Status;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DescribeFlow's {@code Messages.Errors} through the SDK, from a real engine: why a flow could not start, and the
 * problem a running flow's output reports on its link, never with a secret in it.
 */
class FlowProblemsThroughSdkIT {

    @TempDir
    Path dataDir;

    @Test
    void aFlowWhoseIngestPortIsTakenIsInErrorWithTheReasonUntilItStartsOnceThePortIsFree() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        try (Gateway gateway = Gateway.builder().threads(1).build();
             ApiHarness api = new ApiHarness(dataDir, new GatewayFlowEngine(gateway), null);
             MediaConnectClient client = api.client()) {
            String arn = ApiHarness.createRtpFlow(client, "Blocked", ingest, out);
            try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), ingest))) {
                client.startFlow(b -> b.flowArn(arn));
                DescribeFlowResponse failed = client.describeFlow(b -> b.flowArn(arn));
                assertThat(failed.flow().status()).isEqualTo(Status.ERROR);
                assertThat(failed.messages()).as("messages of a flow in ERROR").isNotNull();
                assertThat(failed.messages().errors()).containsExactly("IngestPort " + ingest + " is already in use by another process");
            }
            client.startFlow(b -> b.flowArn(arn));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));
            assertThat(client.describeFlow(b -> b.flowArn(arn)).messages()).as("no messages once it runs").isNull();
            client.stopFlow(b -> b.flowArn(arn));
        }
    }

    @Test
    void aRunningFlowReportsTheProblemItsOutputsLinkReportsWithoutTheSecret() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        try (Gateway gateway = Gateway.builder().threads(1).build()) {
            GatewayFlowEngine engine = new GatewayFlowEngine(gateway);
            try (ApiHarness api = new ApiHarness(dataDir, engine, null);
                 MediaConnectClient client = api.client()) {
                String arn = ApiHarness.createRtpFlow(client, "Troubled", ingest, out);
                client.startFlow(b -> b.flowArn(arn));
                client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));
                assertThat(client.describeFlow(b -> b.flowArn(arn)).messages()).isNull();

                // an output of the engine flow whose link reports what an SRT or RIST output reports on a refusal
                ProblemOutput troubled = new ProblemOutput("probe",
                        "refused by 127.0.0.1:9000 at handshake: wrong passphrase; peer rist://127.0.0.1:9000?secret=flow-secret-42 aes-type=128");
                assertThat(engine.flow(arn).addOutput(described("probe"), troubled).await(10, TimeUnit.SECONDS)).isTrue();

                DescribeFlowResponse described = client.describeFlow(b -> b.flowArn(arn));
                assertThat(described.flow().status()).isEqualTo(Status.ACTIVE);
                assertThat(described.messages().errors()).containsExactly(
                        "Output probe: refused by 127.0.0.1:9000 at handshake: wrong passphrase; peer rist://127.0.0.1:9000?secret=*** aes-type=128");
                assertThat(described.toString()).doesNotContain("flow-secret-42");

                assertThat(engine.flow(arn).removeOutput("probe").await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(client.describeFlow(b -> b.flowArn(arn)).messages()).as("gone with the output").isNull();
                client.stopFlow(b -> b.flowArn(arn));
            }
        }
    }

    private static OutputConfig described(String name) {
        return new OutputConfig(name, "test output with a link problem", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** An output that drops what it is given and reports a fixed problem on its link, as a refused peer would. */
    private static final class ProblemOutput implements Output {
        private final String name;
        private final String problem;
        private final OutputCounters counters = new OutputCounters();
        private EventLoop loop;

        ProblemOutput(String name, String problem) {
            this.name = name;
            this.problem = problem;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Future<Void> open(EventLoop eventLoop) {
            this.loop = eventLoop;
            return eventLoop.newSucceededFuture(null);
        }

        @Override
        public void offer(ByteBuf rtpPacket, long arrivalNs) {
            rtpPacket.release();
            counters.dropped++;
        }

        @Override
        public void flush() {
        }

        @Override
        public Future<Void> close() {
            return loop.newSucceededFuture(null);
        }

        @Override
        public OutputCounters counters() {
            return counters;
        }

        @Override
        public LinkStats linkStats() {
            return LinkStats.builder().connectedTo(null).connectionAttempts(3).problem(problem).build();
        }
    }
}
