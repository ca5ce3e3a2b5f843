package io.sluice.gateway.metrics;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.UdpRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real flow (the engine's Gateway, an RTP source, an RTP output) fed by ffmpeg's rtp_mpegts through a relay that
 * drops one RTP packet; {@code GET /metrics} must show, under the flow, source and output labels, the packets the
 * relay forwarded and the output received, one dropped packet, and one continuity error per PID that lost payload in
 * the dropped packet; {@code /ready} is 200 and the source metadata names ffmpeg's program.
 */
class FlowMetricsIT {
    private static final int DROPPED_INDEX = 150;

    @RegisterExtension
    final ScrapedGateway served = new ScrapedGateway();

    @Test
    void scrapeShowsTheTrafficAndTheInjectedLossUnderMediaConnectNames() throws Exception {
        int base = FreePorts.udpBlock();
        int ingest = base;
        int outputPort = base + 1;
        int relayPort = base + 2;
        int httpPort = served.port();
        AtomicLong forwarded = new AtomicLong();
        AtomicReference<byte[]> dropped = new AtomicReference<>();
        try (DatagramSocket relayIn = new DatagramSocket(new InetSocketAddress("127.0.0.1", relayPort));
             DatagramSocket relayOut = new DatagramSocket();
             UdpRecorder receiver = new UdpRecorder(outputPort)) {
            relayIn.setReceiveBufferSize(4 << 20);
            relayIn.setSoTimeout(200);
            Flow flow = served.gateway().create(FlowConfigs.read("""
                    {"Name": "news", "Source": {"Name": "primary", "Protocol": "rtp", "IngestPort": %d},
                     "Outputs": [{"Name": "to-studio", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                    """.formatted(ingest, outputPort)));
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            Thread relay = Thread.ofPlatform().daemon().start(() -> relay(relayIn, relayOut, ingest, forwarded, dropped));
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", "3",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-flush_packets", "0",
                    "-f", "rtp_mpegts", "rtp://127.0.0.1:" + relayPort + "?pkt_size=1328")) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as("ffmpeg: %s", ffmpeg.log()).isZero();
            }
            awaitQuiet(flow, receiver);
            relay.interrupt();

            HttpClient client = HttpClient.newHttpClient();
            String body = get(client, httpPort, "/metrics").body();
            long sentOn = forwarded.get();
            assertThat(dropped.get()).as("the relay dropped packet %d", DROPPED_INDEX).isNotNull();
            assertThat((long) receiver.count()).isEqualTo(sentOn);
            String source = "{flow=\"news\",source=\"primary\"} ";
            String output = "{flow=\"news\",output=\"to-studio\"} ";
            assertThat(body).contains("SourceTotalPackets_total" + source + sentOn + ".0");
            assertThat(body).contains("SourceDroppedPackets_total" + source + "1.0");
            assertThat(body).contains("SourceNotRecoveredPackets_total" + source + "1.0");
            assertThat(body).contains("SourceContinuityCounter_total" + source + payloadPids(dropped.get()) + ".0");
            assertThat(body).contains("SourceTSByteError_total" + source + "0.0");
            assertThat(body).contains("SourceTransportError_total" + source + "0.0");
            assertThat(body).contains("SourceCRCError_total" + source + "0.0");
            assertThat(body).contains("TotalPackets_total{flow=\"news\"} " + sentOn + ".0");
            assertThat(body).contains("OutputTotalPackets_total" + output + receiver.count() + ".0");
            assertThat(body).contains("OutputDroppedPackets_total" + output + "0.0");
            assertThat(body).contains("SluiceFlowActive{flow=\"news\"} 1.0");

            HttpResponse<String> ready = get(client, httpPort, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

            SourceMetadata metadata = FlowSourceMetadata.describe(flow, served.gateway().clock());
            assertThat(metadata.messages()).isEmpty();
            SourceMetadata.TransportStreamProgram program = metadata.transportMediaInfo().programs().getFirst();
            assertThat(program.programName()).isEqualTo("Service01");
            assertThat(program.streams()).extracting(SourceMetadata.TransportStream::codec).containsExactly("h264", "aac");

            flow.stop().await(10, TimeUnit.SECONDS);
            HttpResponse<String> stopped = get(client, httpPort, "/ready");
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).contains("\"flow\":\"news\",\"status\":\"STANDBY\"");
        }
    }

    /** Forwards every datagram to the flow's ingest port except the {@value #DROPPED_INDEX}th, which it keeps. */
    private static void relay(DatagramSocket in, DatagramSocket out, int ingestPort, AtomicLong forwarded,
                              AtomicReference<byte[]> dropped) {
        byte[] buf = new byte[2048];
        long index = 0;
        while (!Thread.currentThread().isInterrupted()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                in.receive(packet);
                if (index++ == DROPPED_INDEX) {
                    dropped.set(Arrays.copyOf(buf, packet.getLength()));
                    continue;
                }
                out.send(new DatagramPacket(buf, packet.getLength(), InetAddress.getLoopbackAddress(), ingestPort));
                forwarded.incrementAndGet();
            } catch (SocketTimeoutException e) {
                // poll the interrupt flag
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    /** Waits until the flow's source count stops moving and the output receiver has caught up. */
    private static void awaitQuiet(Flow flow, UdpRecorder received) throws Exception {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            long packets = snapshot.sources().getFirst().counters().packets();
            if (packets == last && received.count() == packets) {
                return;
            }
            last = packets;
            Thread.sleep(200);
        }
    }

    /** PIDs that carried payload in the dropped RTP packet: each is one continuity gap (TR 101 290 1.4). */
    private static int payloadPids(byte[] rtp) {
        BitSet pids = new BitSet(8192);
        for (int p = 12; p + 188 <= rtp.length; p += 188) {
            int pid = ((rtp[p + 1] & 0x1F) << 8) | (rtp[p + 2] & 0xFF);
            if (pid != 0x1FFF && (rtp[p + 3] & 0x10) != 0) {
                pids.set(pid);
            }
        }
        return pids.cardinality();
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
