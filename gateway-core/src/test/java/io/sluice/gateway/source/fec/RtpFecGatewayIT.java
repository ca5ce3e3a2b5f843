package io.sluice.gateway.source.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.PrompegLoss;
import io.sluice.testing.UdpRecorder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * rtp-fec through a real Sluice flow, both ways at once:
 * <pre>
 * ffmpeg prompeg L=5 D=4 --media--> Tap (records) --> LossRelay (drops) --> flow rtp-fec source P
 *                        --FEC----> LossRelays (pass) -----------------------> P+2, P+4
 * flow --rtp output--> recorder: must equal what ffmpeg sent, bit for bit
 * flow --rtp-fec output (10 x 10, 2D)--media--> LossRelay (drops) --> GStreamer rtpst2022-1-fecdec --> recorder
 *                                    --FEC (Port+2, +4)--------------> GStreamer: every sequence number comes out
 * </pre>
 */
class RtpFecGatewayIT {
    /** Output path losses: isolated, away from the ends of the stream. */
    static boolean outputDrop(long index) {
        return index >= 100 && index < 500 && index % 29 == 11;
    }

    @Test
    void ffmpegFecIntoAFlowAndTheFlowsFecIntoGstreamer() throws Exception {
        int sourcePort = FreePorts.udpBlock();
        int ffmpegPort = FreePorts.udpBlock();
        int relayPort = FreePorts.udpBlock();
        int plainOut = FreePorts.udpBlock();
        int fecOut = FreePorts.udpBlock();          // flow sends media here (a loss relay), FEC to +2 and +4 (GStreamer)
        int gstMedia = FreePorts.udpBlock();
        int gstOut = FreePorts.udpBlock();
        String flowJson = """
                {"Name": "fec-it",
                 "Source": {"Name": "prompeg", "Protocol": "rtp-fec", "IngestPort": %d, "WhitelistCidr": "127.0.0.0/8"},
                 "Outputs": [
                   {"Name": "plain", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d},
                   {"Name": "fec", "Protocol": "rtp-fec", "Destination": "127.0.0.1", "Port": %d,
                    "SluiceExtensions": {"FecColumns": 10, "FecRows": 10, "FecMode": "column-and-row"}}]}
                """.formatted(sourcePort, plainOut, fecOut);
        Gateway gateway = Gateway.builder().threads(1).build();
        try (UdpRecorder plain = new UdpRecorder(plainOut);
             UdpRecorder decoded = new UdpRecorder(gstOut);
             PeerProcess gst = PeerProcess.start(Duration.ofSeconds(60), "gst-launch-1.0", "-q",
                     "rtpst2022-1-fecdec", "name=dec", "size-time=1000000000",
                     "udpsrc", "address=127.0.0.1", "port=" + (fecOut + 2), "caps=application/x-rtp,payload=96",
                     "!", "queue", "!", "dec.fec_0",
                     "udpsrc", "address=127.0.0.1", "port=" + (fecOut + 4), "caps=application/x-rtp,payload=96",
                     "!", "queue", "!", "dec.fec_1",
                     "udpsrc", "address=127.0.0.1", "port=" + gstMedia,
                     "caps=application/x-rtp,media=video,clock-rate=90000,encoding-name=MP2T,payload=33",
                     "!", "queue", "!", "dec.sink",
                     "dec.src", "!", "udpsink", "host=127.0.0.1", "port=" + gstOut, "sync=false", "async=false");
             LossRelay outputRelay = new LossRelay(fecOut, gstMedia, RtpFecGatewayIT::outputDrop);
             LossRelay sourceRelay = new LossRelay(relayPort, sourcePort, PrompegLoss::dropped);
             LossRelay columnRelay = new LossRelay(ffmpegPort + 2, sourcePort + 2, i -> false);
             LossRelay rowRelay = new LossRelay(ffmpegPort + 4, sourcePort + 4, i -> false);
             UdpRecorder tap = new UdpRecorder(ffmpegPort, relayPort)) {
            FreePorts.awaitTakenByPeer(gstMedia, fecOut + 2, fecOut + 4);
            Flow flow = gateway.create(FlowConfigs.read(flowJson));
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "4",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                    "-pix_fmt", "yuv420p", "-an", "-flush_packets", "0", "-f", "rtp_mpegts",
                    "-fec", "prompeg=l=5:d=4", "rtp://127.0.0.1:" + ffmpegPort + "?pkt_size=1328")) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as(ffmpeg.log()).isZero();
            }
            Thread.sleep(2000);                                    // FEC windows and GStreamer drain
            FlowSnapshot snapshot = flow.snapshot().get(10, TimeUnit.SECONDS);
            flow.stop().await(10, TimeUnit.SECONDS);

            List<byte[]> sent = tap.packets();
            assertThat(sent.size()).as("packets ffmpeg sent").isGreaterThan(400);
            long sourceDrops = sourceRelay.dropped();
            assertThat(sourceDrops).isEqualTo(45);
            assertThat(plain.packets()).as("rtp output vs what ffmpeg sent").containsExactlyElementsOf(sent);
            SourceCounters.Snapshot source = snapshot.sources().getFirst().counters();
            assertThat(source.recovered()).isEqualTo(sourceDrops);
            assertThat(source.lost()).isEqualTo(sourceDrops);
            assertThat(source.packets()).isEqualTo(sent.size());

            assertThat(outputRelay.dropped()).isPositive();
            Map<Integer, byte[]> unique = new TreeMap<>();
            for (byte[] p : decoded.packets()) {
                unique.putIfAbsent(((p[2] & 0xFF) << 8) | (p[3] & 0xFF), p);
            }
            Map<Integer, byte[]> expected = new TreeMap<>();
            for (byte[] p : sent) {
                expected.put(((p[2] & 0xFF) << 8) | (p[3] & 0xFF), p);
            }
            assertThat(unique.keySet()).as("GStreamer rebuilt the %d packets dropped after our rtp-fec output",
                    outputRelay.dropped()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<Integer, byte[]> e : unique.entrySet()) {    // GStreamer writes SSRC 0 into rebuilt packets
                assertThat(Arrays.copyOfRange(e.getValue(), 12, e.getValue().length))
                        .isEqualTo(Arrays.copyOfRange(expected.get(e.getKey()), 12, expected.get(e.getKey()).length));
            }
        } finally {
            gateway.close();
        }
    }
}
