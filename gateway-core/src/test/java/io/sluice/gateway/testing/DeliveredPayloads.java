package io.sluice.gateway.testing;

import io.sluice.testing.TestStream;
import io.sluice.testing.UdpRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link TestStream} payloads a flow's output delivered to a {@link UdpRecorder}, ready to compare with
 * {@link TestStream#compare}: an rtp output's datagrams lose their 12-byte RTP header, a peer's plain UDP stays whole.
 */
public final class DeliveredPayloads {
    private static final Duration STRAGGLERS = Duration.ofMillis(200);

    private DeliveredPayloads() {}

    /**
     * Waits until {@code count} datagrams arrived or {@code limit} passed, then 200 ms more so that extras show up
     * too, stops the recorder and returns the payloads in arrival order.
     */
    public static List<byte[]> await(UdpRecorder out, int count, Duration limit) throws InterruptedException {
        out.awaitCount(count, limit);
        Thread.sleep(STRAGGLERS.toMillis());
        out.close();
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] datagram : out.packets()) {
            boolean rtp = datagram.length == RtpDatagrams.HEADER_BYTES + TestStream.PAYLOAD_BYTES;
            payloads.add(rtp ? Arrays.copyOfRange(datagram, RtpDatagrams.HEADER_BYTES, datagram.length) : datagram);
        }
        return payloads;
    }
}
