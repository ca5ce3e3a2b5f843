package io.sluice.gateway.metrics;

import io.netty.buffer.ByteBuf;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.protocols.mpegts.TsMonitor;
import io.sluice.protocols.rtp.RtpView;

/**
 * The one hook between a flow and stream health: wraps the {@link PacketSink} a source delivers to, shows each RTP
 * packet's MPEG-TS payload to the source's {@link TsMonitor}, then passes the packet on untouched. The flow builds one
 * per source ({@code source.open(loop, new TsMonitoringSink(flowSink))}) and reads {@link #monitor()} on its loop
 * for snapshots and DescribeFlowSourceMetadata. No allocation, no copy; runs on the flow's loop.
 */
public final class TsMonitoringSink implements PacketSink {
    private final PacketSink next;
    private final TsMonitor monitor;
    private final RtpView rtp = new RtpView();

    public TsMonitoringSink(PacketSink next) {
        this(next, new TsMonitor());
    }

    public TsMonitoringSink(PacketSink next, TsMonitor monitor) {
        this.next = next;
        this.monitor = monitor;
    }

    /**
     * Reads the packet in place, then hands the caller's reference on to the next sink (which owns it from then on).
     * Packets that are not valid RTP pass unmonitored: the flow counts them as malformed.
     */
    @Override
    public void onPacket(ByteBuf rtpPacket, long arrivalNs) {
        if (rtp.wrap(rtpPacket).isValid()) {
            monitor.onDatagram(rtpPacket, rtp.payloadIndex(), rtp.payloadLength(), arrivalNs);
        }
        next.onPacket(rtpPacket, arrivalNs);
    }

    @Override
    public void onBatchComplete() {
        next.onBatchComplete();
    }

    /** The source's monitor; read it on the flow's loop only. */
    public TsMonitor monitor() {
        return monitor;
    }
}
