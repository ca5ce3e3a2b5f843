package io.sluice.gateway.rist;

import static io.sluice.gateway.testing.FlowStarts.startActive;
import static io.sluice.testing.TestStream.tail;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.testing.RtpDatagrams;
import io.sluice.gateway.testing.SecretsGateway;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.TestStream;
import io.sluice.testing.UdpRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg 5.1's {@code rist://} protocol (librist inside) against whole Sluice flows, through a loss-injecting relay:
 * ffmpeg sending main profile with AES-128 into a rist source that feeds an rtp output, and a rist output (simple
 * profile) that ffmpeg reads as a listener. "Clean" means every video packet of the test file comes out with the
 * same bytes: the {@code framemd5} of what comes out (stream copy, no decoding) equals the file's.
 */
class RistFfmpegIT {
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rist-ffmpeg";
    private static final String PASSPHRASE = "ffmpeg-rist-pass-9";

    @TempDir
    static Path files;
    private static Path source;
    private static List<String> sourceFrames;
    @RegisterExtension
    final SecretsGateway served = new SecretsGateway();

    /** Four seconds of 25 fps MPEG-2 video in MPEG-TS, and the md5 of each of its video packets. */
    @BeforeAll
    static void makeTestFile() throws IOException {
        source = files.resolve("in.ts");
        PeerProcess.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=25", "-t", "4", "-c:v", "mpeg2video", "-b:v", "1500k", "-g", "25",
                "-f", "mpegts", source.toString());
        sourceFrames = frameMd5(source);
        assertThat(sourceFrames).hasSize(100);
    }

    @BeforeEach
    void secrets() {
        served.secret("rist-ffmpeg", PASSPHRASE);
    }

    @Test
    void ffmpegMainProfileAes128IntoARistSourceComesOutOfAnRtpOutputClean() throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ingestPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "ffmpeg-rist-in",
                 "Source": {"Name": "in", "Protocol": "rist", "IngestPort": %d, "MaxLatency": 1000,
                            "Decryption": {"KeyType": "static-key", "Algorithm": "aes128", "SecretArn": "%s",
                                           "RoleArn": "arn:aws:iam::111122223333:role/MediaConnectSecrets"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(ingestPort, SECRET_ARN, outPort)));
        // losses in the first 250 datagrams only: ffmpeg closes its sender right after the file, so a loss in the
        // last few packets would have nobody left to answer the NACK
        try (UdpRecorder out = new UdpRecorder(outPort);
                LossRelay relay = new LossRelay(relayPort, ingestPort, i -> i > 0 && i < 250 && i % 23 == 7)) {
            startActive(flow);
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-re",
                    "-i", source.toString(), "-c", "copy", "-f", "mpegts", "-rist_profile", "main",
                    "-secret", PASSPHRASE, "-encryption", "128", "rist://127.0.0.1:" + relayPort)) {
                int exit = ffmpeg.waitFor(Duration.ofSeconds(20));
                assertThat(exit).as(ffmpeg.log()).isZero();
                Thread.sleep(1500); // MaxLatency: the last packets leave the rist source a second after they came
                FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
                out.close();
                FlowSnapshot.SourceSnapshot in = snapshot.sources().getFirst();
                String why = "relay dropped " + relay.dropped() + "; " + in.counters() + "\n" + in.link() + "\n"
                        + tail(ffmpeg.log());
                Path captured = files.resolve("captured-" + System.nanoTime() + ".ts");
                Files.write(captured, tsOf(out.packets(), why));
                assertThat(frameMd5(captured)).as(why).isEqualTo(sourceFrames);
                // the relay may also have dropped a retransmission: lost counts the gaps, each recovered once
                assertThat(in.counters().lost()).as(why).isPositive().isLessThanOrEqualTo(relay.dropped());
                assertThat(in.counters().recovered()).as(why).isEqualTo(in.counters().lost());
                assertThat(in.link().arqRecovered()).as(why).isEqualTo(in.counters().lost());
                assertThat(in.link().arqRequests()).as(why).isEqualTo(in.counters().lost());
                assertThat(in.link().overflowPackets()).as(why).isZero();
                assertThat(in.link().decryptionFailures()).as(why).isZero();
                assertThat(in.link().roundTripTimeMs()).as(why).isPositive();
                assertThat(in.link().problem()).as(why).isNull();
                assertThat(in.ts().continuityErrors()).as(why).isZero();
            }
        }
    }

    @Test
    void ffmpegListeningWithRistSimpleProfileReadsARistOutputClean() throws Exception {
        int ingestPort = FreePorts.udpBlock();
        int relayPort = FreePorts.udpBlock();
        int peerPort = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "ffmpeg-rist-out",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d},
                 "Outputs": [{"Name": "out", "Protocol": "rist", "Destination": "127.0.0.1", "Port": %d,
                              "MaxLatency": 2000}]}
                """.formatted(ingestPort, relayPort)));
        Path received = files.resolve("ffmpeg-out-" + System.nanoTime() + ".ts");
        byte[] ts = Files.readAllBytes(source);
        int packets = (ts.length + 1315) / 1316;
        // ffmpeg writes a frame when the next one starts, so the file is sent twice and ffmpeg stops after 100
        // frames (a killed ffmpeg leaves an empty file); it probes briefly, as a live reader should
        try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(40), "ffmpeg", "-hide_banner", "-y",
                    "-rist_profile", "simple", "-analyzeduration", "1000000", "-probesize", "300000",
                    "-i", "rist://@127.0.0.1:" + peerPort, "-map", "0", "-c", "copy", "-frames:v", "100",
                    "-f", "mpegts", received.toString());
                LossRelay data = new LossRelay(relayPort, peerPort, i -> i > 30 && i < packets && i % 29 == 5);
                LossRelay rtcp = new LossRelay(relayPort + 1, peerPort + 1, i -> false)) {
            Thread.sleep(800);
            startActive(flow);
            byte[] twice = Arrays.copyOf(ts, 2 * ts.length);
            System.arraycopy(ts, 0, twice, ts.length, ts.length);
            sendAsRtp(twice, ingestPort);
            int exit = ffmpeg.waitFor(Duration.ofSeconds(15));
            FlowSnapshot snapshot = flow.snapshot().get(5, TimeUnit.SECONDS);
            LinkStats link = snapshot.outputs().getFirst().link();
            String why = "ffmpeg exit " + exit + "; relay dropped " + data.dropped() + "; " + link + "\n"
                    + tail(ffmpeg.log());
            assertThat(exit).as(why).isZero();
            assertThat(frameMd5(received)).as(why).isEqualTo(sourceFrames);
            assertThat(link.connection()).as(why).isEqualTo(LinkStats.Connection.CONNECTED);
            assertThat(link.peer()).as(why).startsWith("127.0.0.1:");
            assertThat(link.arqRequests()).as(why).isGreaterThanOrEqualTo(data.dropped()).isPositive();
            assertThat(link.retransmitted()).as(why).isGreaterThanOrEqualTo(data.dropped());
            assertThat(link.roundTripTimeMs()).as(why).isPositive();
            assertThat(link.problem()).as(why).isNull();
            assertThat(ffmpeg.log()).as(why).doesNotContain("Continuity check failed");
        }
    }

    /** The test file as RTP (7 TS packets each, 90 kHz timestamps following 400 packets/s) into the rtp source. */
    private static void sendAsRtp(byte[] ts, int port) throws IOException, InterruptedException {
        int packets = (ts.length + 1315) / 1316;
        TestStream.sendUdp(port, packets, 2500, i -> RtpDatagrams.of(i, i * 225L, 0x5A000000, ts, i * 1316,
                Math.min(1316, ts.length - i * 1316)));
    }

    /** The TS inside the collected RTP datagrams, checking they are plain RTP in sequence (no RIST extension). */
    private static byte[] tsOf(List<byte[]> rtp, String why) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int expected = -1;
        for (byte[] datagram : rtp) {
            assertThat(datagram[0] & 0xFF).as("RTP V=2, no padding/extension/CSRC; " + why).isEqualTo(0x80);
            int seq = ((datagram[2] & 0xFF) << 8) | (datagram[3] & 0xFF);
            assertThat(expected < 0 || seq == expected).as("RTP sequence " + seq + " after " + (expected - 1) + "; " + why)
                    .isTrue();
            expected = (seq + 1) & 0xFFFF;
            out.write(datagram, 12, datagram.length - 12);
        }
        return out.toByteArray();
    }

    /**
     * "size, md5" of each video packet (stream copy, no decoding; framemd5 lines are "stream, dts, pts, duration,
     * size, md5", and a remux may shift the timestamps).
     */
    private static List<String> frameMd5(Path ts) {
        String out = PeerProcess.run(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-loglevel", "error",
                "-i", ts.toString(), "-map", "0:v", "-c", "copy", "-f", "framemd5", "-");
        return Arrays.stream(out.split("\n")).filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] fields = line.split(",");
                    return fields[fields.length - 2].trim() + ", " + fields[fields.length - 1].trim();
                }).toList();
    }
}
