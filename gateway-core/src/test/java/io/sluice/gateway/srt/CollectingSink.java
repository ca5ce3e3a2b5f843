package io.sluice.gateway.srt;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.rtp.RtpView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A flow stand-in: copies each packet's RTP payload, then forwards it to an output (or releases it). */
final class CollectingSink implements PacketSink {
    final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    final List<Integer> sequences = new CopyOnWriteArrayList<>();
    private final RtpView view = new RtpView();
    volatile Output forwardTo;

    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        view.wrap(rtpPacket);
        if (view.isValid()) {
            byte[] payload = new byte[view.payloadLength()];
            rtpPacket.getBytes(view.payloadIndex(), payload);
            payloads.add(payload);
            sequences.add(view.sequenceNumber());
        }
        Output output = forwardTo;
        if (output != null) {
            output.offer(rtpPacket, arrivalNs);
        } else {
            rtpPacket.release();
        }
    }

    @Override
    public void onBatchComplete() {
        Output output = forwardTo;
        if (output != null) {
            output.flush();
        }
    }
}
