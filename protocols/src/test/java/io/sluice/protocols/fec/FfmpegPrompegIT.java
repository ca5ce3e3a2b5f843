package io.sluice.protocols.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.PrompegLoss;
import io.sluice.testing.UdpRecorder;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * ffmpeg's prompeg (RTP MPEG-TS with 2D 2022-1 FEC, L=5 D=4) through a loss relay into our decoder: every loss the
 * matrix can fix is fixed, and the output is exactly what ffmpeg sent, bit for bit, in order, once.
 *
 * <pre>
 * ffmpeg --media--> UdpRecorder (records) --> LossRelay (drops) --> decoder P
 *        --column FEC (R+2)--> LossRelay (passes) --> decoder P+2
 *        --row FEC (R+4)-----> LossRelay (passes) --> decoder P+4
 * </pre>
 */
class FfmpegPrompegIT {
    @Test
    void recoversEveryFixableLossBitIdentical() throws Exception {
        int decoderPort = FreePorts.udpBlock();
        int senderPort = FreePorts.udpBlock();
        int relayPort = FreePorts.udpBlock();
        LongPredicate drop = PrompegLoss::dropped;
        try (FecReceiverLoop receiver = new FecReceiverLoop(decoderPort, 2_000_000_000L);
             LossRelay mediaRelay = new LossRelay(relayPort, decoderPort, drop);
             UdpRecorder tap = new UdpRecorder(senderPort, relayPort);
             LossRelay columnRelay = new LossRelay(senderPort + 2, decoderPort + 2, i -> false);
             LossRelay rowRelay = new LossRelay(senderPort + 4, decoderPort + 4, i -> false);
             PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                     "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "4",
                     "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                     "-pix_fmt", "yuv420p", "-an", "-flush_packets", "0", "-f", "rtp_mpegts",
                     "-fec", "prompeg=l=" + PrompegLoss.L + ":d=" + PrompegLoss.D,
                     "rtp://127.0.0.1:" + senderPort + "?pkt_size=1328")) {
            assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as(ffmpeg.log()).isZero();
            receiver.awaitQuiet(1000, 10_000);
            FecDecoderCounters.Snapshot counters = receiver.finish();

            List<byte[]> sent = tap.packets();
            assertThat(ffmpeg.log()).contains("ProMPEG CoP#3-R2 FEC L=5 D=4");
            assertThat(sent.size()).as("media packets ffmpeg sent").isGreaterThan((PrompegLoss.LAST_LOSSY_MATRIX + 3) * PrompegLoss.MATRIX);
            assertThat(sent).allSatisfy(p -> assertThat(p).hasSize(1328));
            long expectedDrops = 5 * 1 + 5 * 5 + 5 * 3;
            assertThat(mediaRelay.dropped()).isEqualTo(expectedDrops);
            assertThat(columnRelay.forwarded()).isPositive();
            assertThat(rowRelay.forwarded()).isPositive();

            assertThat(receiver.out.packets).as("decoder output vs what ffmpeg sent").containsExactlyElementsOf(sent);
            assertThat(counters.recovered()).isEqualTo(expectedDrops);
            assertThat(counters.lostBeforeFec()).isEqualTo(expectedDrops);
            assertThat(counters.unrecoverable()).isZero();
            assertThat(counters.mediaDuplicates()).isZero();
            assertThat(counters.fecMalformed() + counters.fecLengthMismatch()).isZero();
        }
    }
}
