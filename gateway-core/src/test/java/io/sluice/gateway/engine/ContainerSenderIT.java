package io.sluice.gateway.engine;

import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An extra, for machines with a Docker engine: a containerised ffmpeg (host network, so traffic stays on loopback)
 * sends RTP into a flow. Without Docker — as on the CI and developer machines here — the class is skipped cleanly;
 * the same path is covered with Debian's ffmpeg by {@link EngineIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerSenderIT {

    @Test
    void aContainerisedFfmpegFeedsAFlow() throws Exception {
        int ingest = FreePorts.udpBlock();
        int out = FreePorts.udpBlock();
        try (Gateway gateway = Gateway.builder().threads(1).build()) {
            Flow flow = gateway.create(FlowJson.rtpFlow("container", ingest, "127.0.0.0/8", out));
            assertThat(flow.start().await(30, TimeUnit.SECONDS)).isTrue();
            try (GenericContainer<?> ffmpeg = new GenericContainer<>(DockerImageName.parse("linuxserver/ffmpeg:7.1.1"))
                    .withNetworkMode("host")
                    .withCommand("-hide_banner", "-re", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", "3",
                            "-c:v", "mpeg2video", "-f", "rtp_mpegts", "rtp://127.0.0.1:" + ingest + "?pkt_size=1328")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
                ffmpeg.start();
            }
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            assertThat(snapshot.sources().getFirst().counters().packets()).isPositive();
            assertThat(snapshot.outputs().getFirst().counters().packets())
                    .isEqualTo(snapshot.sources().getFirst().counters().packets());
            flow.stop().await(10, TimeUnit.SECONDS);
        }
    }
}
