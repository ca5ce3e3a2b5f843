package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.testing.TestStream;
import java.util.List;
import java.util.function.IntFunction;

/** What the RIST endpoint tests share: the paced {@link TestStream} through a {@link RistSender}, and a collecting sink. */
final class RistTestKit {
    private RistTestKit() {}

    /**
     * Sends RTP packets 0..count-1 of the {@link TestStream}, one every {@code intervalUs}, through {@code sender} on
     * its {@code loop} (each sent and flushed there).
     */
    static void sendPaced(EventLoop loop, RistSender sender, int count, long intervalUs) throws InterruptedException {
        sendPaced(loop, sender, count, intervalUs, TestStream::rtpPacket);
    }

    /** Like {@link #sendPaced(EventLoop, RistSender, int, long)} with the RTP packets {@code packets} makes. */
    static void sendPaced(EventLoop loop, RistSender sender, int count, long intervalUs, IntFunction<ByteBuf> packets)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            TestStream.sleepUntilDue(start, i, intervalUs);
            ByteBuf packet = packets.apply(i);
            loop.execute(() -> {
                sender.send(packet);
                sender.flush();
            });
        }
    }

    /**
     * Copies each released RTP payload (test only) into {@code into} and releases the packet; with
     * {@code requireNoExtension} it also asserts the receiver took the RIST header extension off.
     */
    record PayloadSink(List<byte[]> into, boolean requireNoExtension) implements RistPacketSink {
        PayloadSink(List<byte[]> into) {
            this(into, false);
        }

        @Override
        public void onPacket(ByteBuf rtpPacket, long releaseNs) {
            try {
                RtpView view = new RtpView().wrap(rtpPacket);
                if (requireNoExtension) {
                    assertThat(view.hasExtension()).isFalse();
                }
                byte[] payload = new byte[view.payloadLength()];
                rtpPacket.getBytes(view.payloadIndex(), payload);
                into.add(payload);
            } finally {
                rtpPacket.release();
            }
        }

        @Override
        public void onBatchComplete() {}
    }
}
