package io.sluice.gateway.metrics;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.testing.RtpDatagrams;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.PrompegLoss;
import io.sluice.testing.UdpRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.sluice.gateway.metrics.Scrape.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rtp-fec through a real flow, scraped over HTTP: ffmpeg's prompeg stream (L=5, D=4) with media dropped by a
 * {@link LossRelay} in a pattern FEC can repair; {@code SourceFECRecovered} and the flow's {@code FECRecovered} must
 * equal the packets the relay dropped, {@code SourceFECPackets} the FEC packets the relays forwarded, and the flow's
 * rtp-fec output's {@code SluiceOutputFECPackets} the FEC packets its receiver got. A second flow fed media without
 * FEC reports the problem.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FecMetricsIT {
    @RegisterExtension
    final ScrapedGateway served = new ScrapedGateway();

    @Test
    void fecRecoveredEqualsThePacketsTheRelayDropped() throws Exception {
        int source = FreePorts.udpBlock();
        int ffmpeg = FreePorts.udpBlock();
        int relay = FreePorts.udpBlock();
        int fecOut = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "fec",
                 "Source": {"Name": "prompeg", "Protocol": "rtp-fec", "IngestPort": %d, "WhitelistCidr": "127.0.0.0/8"},
                 "Outputs": [{"Name": "to-ird", "Protocol": "rtp-fec", "Destination": "127.0.0.1", "Port": %d,
                              "SluiceExtensions": {"FecColumns": 10, "FecRows": 10, "FecMode": "column-and-row"}}]}
                """.formatted(source, fecOut)));
        try (UdpRecorder media = new UdpRecorder(fecOut);
             UdpRecorder columns = new UdpRecorder(fecOut + 2);
             UdpRecorder rows = new UdpRecorder(fecOut + 4);
             LossRelay mediaRelay = new LossRelay(relay, source, PrompegLoss::dropped);
             LossRelay columnRelay = new LossRelay(ffmpeg + 2, source + 2, i -> false);
             LossRelay rowRelay = new LossRelay(ffmpeg + 4, source + 4, i -> false);
             LossRelay tap = new LossRelay(ffmpeg, relay, i -> false)) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            try (PeerProcess sender = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "4",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                    "-pix_fmt", "yuv420p", "-an", "-flush_packets", "0", "-f", "rtp_mpegts",
                    "-fec", "prompeg=l=5:d=4", "rtp://127.0.0.1:" + ffmpeg + "?pkt_size=1328")) {
                assertThat(sender.waitFor(Duration.ofSeconds(25))).as(sender.log()).isZero();
            }
            long drops = mediaRelay.dropped();
            assertThat(drops).isEqualTo(45);
            String src = "flow=\"fec\",source=\"prompeg\"";
            String out = "flow=\"fec\",output=\"to-ird\"";
            // the decoder gives up or repairs within its hold time; the output's FEC receivers drain
            String body = served.scrape().until(s -> Double.valueOf(columnRelay.forwarded() + rowRelay.forwarded())
                            .equals(value(s, "SourceFECPackets_total", src))
                    && Double.valueOf(drops).equals(value(s, "SourceFECRecovered_total", src))
                    && Double.valueOf(columns.count() + rows.count()).equals(value(s, "SluiceOutputFECPackets_total", out))
                    && Double.valueOf(tap.forwarded()).equals(value(s, "SourceTotalPackets_total", src)), Duration.ofSeconds(15));
            long fecForwarded = columnRelay.forwarded() + rowRelay.forwarded();
            assertThat(value(body, "SourceFECRecovered_total", src)).as(body).isEqualTo((double) drops);
            assertThat(value(body, "FECRecovered_total", "flow=\"fec\"")).isEqualTo((double) drops);
            assertThat(value(body, "SourceRecoveredPackets_total", src)).isEqualTo((double) drops);
            assertThat(value(body, "SourceDroppedPackets_total", src)).isEqualTo((double) drops);
            assertThat(value(body, "SourceNotRecoveredPackets_total", src)).isEqualTo(0.0);
            assertThat(value(body, "SourceFECPackets_total", src)).isEqualTo((double) fecForwarded);
            assertThat(value(body, "FECPackets_total", "flow=\"fec\"")).isEqualTo((double) fecForwarded);
            assertThat(value(body, "SourceTotalPackets_total", src)).isEqualTo((double) tap.forwarded());
            assertThat(value(body, "SluiceSourceLinkProblem", src)).isEqualTo(0.0);
            assertThat(value(body, "SourceConnected", src)).isNotNull();
            assertThat(body).doesNotContain("SourceRoundTripTime").doesNotContain("NaN");

            // 2D 10 x 10: one column FEC packet per 10 media packets and one row FEC packet per 10
            assertThat(value(body, "OutputTotalPackets_total", out)).isEqualTo((double) media.count());
            assertThat(columns.count()).isPositive();
            assertThat(rows.count()).isPositive();
            assertThat(value(body, "SluiceOutputFECPackets_total", out)).isEqualTo((double) (columns.count() + rows.count()));
            assertThat(value(body, "OutputARQRequests_total", out)).isEqualTo(0.0);
        }
    }

    @Test
    void mediaWithoutFecIsReportedAsTheSourcesProblem() throws Exception {
        int source = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "nofec", "Source": {"Name": "in", "Protocol": "rtp-fec", "IngestPort": %d}, "Outputs": []}
                """.formatted(source)));
        assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
        String src = "flow=\"nofec\",source=\"in\"";
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int seq = 0; seq < 2100; seq++) {
                byte[] rtp = RtpDatagrams.of(seq, seq * 3000L, 7, new byte[1316]);
                socket.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), source));
                if (seq % 50 == 0) {
                    Thread.sleep(5);
                }
            }
        }
        String body = served.scrape().until(s -> Double.valueOf(1).equals(value(s, "SluiceSourceLinkProblem", src)),
                Duration.ofSeconds(15));
        assertThat(value(body, "SluiceSourceLinkProblem", src)).as(body).isEqualTo(1.0);
        assertThat(value(body, "SourceFECPackets_total", src)).isEqualTo(0.0);
        FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
        assertThat(snapshot.sources().getFirst().link().problem())
                .startsWith("no FEC packets on ports " + (source + 2) + "/" + (source + 4) + " after ");
    }
}
