package io.sluice.gateway.engine;

import io.sluice.testing.PeerProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on what outputs sent: RTP continuity, and a clean MPEG-TS (ffprobe, ffmpeg decode). */
final class StreamChecks {
    private StreamChecks() {}

    /**
     * Consecutive sequence numbers within each SSRC. (ffmpeg's rtp_mpegts muxer sends its first few packets under
     * one SSRC and sequence, then switches to another: a new SSRC starts a new run.)
     */
    static void assertContinuousRtp(List<byte[]> packets) {
        ByteBuffer first = ByteBuffer.wrap(packets.getFirst());
        int previous = first.getShort(2) & 0xFFFF;
        int ssrc = first.getInt(8);
        int ssrcChanges = 0;
        for (int i = 1; i < packets.size(); i++) {
            ByteBuffer packet = ByteBuffer.wrap(packets.get(i));
            int sequence = packet.getShort(2) & 0xFFFF;
            if (packet.getInt(8) != ssrc) {
                ssrc = packet.getInt(8);
                ssrcChanges++;
            } else {
                assertThat(sequence).as("RTP sequence after " + previous).isEqualTo((previous + 1) & 0xFFFF);
            }
            previous = sequence;
        }
        assertThat(ssrcChanges).as("SSRC changes").isLessThanOrEqualTo(1);
    }

    static Path writeTs(Path dir, List<byte[]> datagrams, int headerBytes) throws IOException {
        Path file = Files.createTempFile(dir, "output", ".ts");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] datagram : datagrams) {
                out.write(datagram, headerBytes, datagram.length - headerBytes);
            }
        }
        return file;
    }

    /**
     * ffprobe finds the MPEG-2 video, and decoding reports no error. The last frame is left out of the decode:
     * ffmpeg's rtp_mpegts muxer never sends its final, partly filled datagram, so the sender itself cuts its last
     * frame (seen capturing ffmpeg directly, without Sluice: decoding all frames reports "ac-tex damaged", all but
     * the last does not). One decoder thread, so no frame beyond the limit is decoded ahead.
     */
    static void assertCleanTransportStream(Path file) {
        String probe = PeerProcess.run(Duration.ofSeconds(30), "ffprobe", "-v", "quiet", "-count_frames",
                "-select_streams", "v:0", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0",
                file.toString()).strip();
        assertThat(probe).startsWith("mpeg2video,");
        int frames = Integer.parseInt(probe.split("[,\\s]+")[1]);
        assertThat(frames).as("frames read").isGreaterThan(25);
        String decode = PeerProcess.run(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                "-threads", "1", "-i", file.toString(), "-frames:v", Integer.toString(frames - 2), "-f", "null", "-");
        assertThat(decode).as("ffmpeg decode errors").isBlank();
    }
}
