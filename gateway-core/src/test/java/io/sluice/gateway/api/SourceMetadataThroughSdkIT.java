package io.sluice.gateway.api;

import io.sluice.gateway.engine.Gateway;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddOutputRequest;
import software.amazon.awssdk.services.mediaconnect.model.DescribeFlowSourceMetadataResponse;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;
import software.amazon.awssdk.services.mediaconnect.model.TransportStreamProgram;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** DescribeFlowSourceMetadata through the SDK reports what ffmpeg's stream carries, found by the flow's TS monitor. */
class SourceMetadataThroughSdkIT {

    @TempDir
    Path dataDir;

    @Test
    void describesTheProgramsAndCodecsOfTheRunningSource() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        try (Gateway gateway = Gateway.builder().threads(1).build();
             ApiHarness api = new ApiHarness(dataDir, new GatewayFlowEngine(gateway), null);
             MediaConnectClient client = api.client()) {
            String arn = client.createFlow(b -> b.name("Meta")
                    .source(SetSourceRequest.builder().name("in").protocol(Protocol.RTP).ingestPort(ingest)
                            .whitelistCidr("127.0.0.0/8").build())
                    .outputs(AddOutputRequest.builder().name("out").protocol(Protocol.RTP).destination("127.0.0.1")
                            .port(out).build())).flow().flowArn();
            client.startFlow(b -> b.flowArn(arn));
            client.waiter().waitUntilFlowActive(b -> b.flowArn(arn));

            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "20",
                    "-c:v", "mpeg2video", "-b:v", "1M", "-f", "rtp_mpegts",
                    "rtp://127.0.0.1:" + ingest + "?pkt_size=1328")) {
                DescribeFlowSourceMetadataResponse metadata = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() - deadline < 0) {
                    metadata = client.describeFlowSourceMetadata(b -> b.flowArn(arn));
                    if (metadata.transportMediaInfo() != null && !metadata.transportMediaInfo().programs().isEmpty()) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(metadata).isNotNull();
                assertThat(metadata.transportMediaInfo()).as("metadata after 20 s; ffmpeg log:\n%s", ffmpeg.log()).isNotNull();
                TransportStreamProgram program = metadata.transportMediaInfo().programs().getFirst();
                assertThat(program.programNumber()).isEqualTo(1);
                assertThat(program.programName()).isEqualTo("Service01");
                assertThat(program.streams()).anySatisfy(stream -> {
                    assertThat(stream.streamType()).isEqualTo("video");
                    assertThat(stream.codec()).isEqualTo("mpeg2video");
                });
            }
            client.stopFlow(b -> b.flowArn(arn));
        }
    }
}
