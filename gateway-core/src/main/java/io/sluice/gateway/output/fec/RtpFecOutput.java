package io.sluice.gateway.output.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.protocols.fec.FecEncoder;
import io.sluice.protocols.fec.FecMatrix;
import io.sluice.protocols.fec.FecSink;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Protocol {@code rtp-fec} out (SMPTE 2022-1): the media packets unchanged to Port, column FEC to Port+2 and, in 2D
 * mode, row FEC to Port+4, generated from the exact bytes sent on Port (protocols.md §2.6). Three {@link RtpOutput}s
 * do the sending, so smoothing, isolation and drop counting are the rtp output's; FEC packets go through the same
 * smoothing delay as their media and are flushed after it, so they never overtake it. See docs/fec.md.
 */
public final class RtpFecOutput implements Output {
    private final String name;
    private final RtpOutput media;
    private final RtpOutput column;
    private final RtpOutput row;                      // null for column-only FEC
    private final FecEncoder encoder;
    private long arrivalNs;                           // of the media packet being encoded, for its FEC packets

    public RtpFecOutput(RtpOutputSettings mediaSettings, FecMatrix matrix, Transport transport, NanoClock clock,
                        ByteBufAllocator allocator) {
        this.name = mediaSettings.name();
        this.media = new RtpOutput(mediaSettings, transport, clock);
        this.column = new RtpOutput(fecSettings(mediaSettings, 2, "column FEC"), transport, clock);
        this.row = matrix.rowFec() ? new RtpOutput(fecSettings(mediaSettings, 4, "row FEC"), transport, clock) : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();   // FEC sequence numbers start at random, like ffmpeg
        this.encoder = new FecEncoder(matrix, allocator, new FecSink() {
            @Override
            public void onColumnFec(ByteBuf fecPacket) {
                column.offer(fecPacket, arrivalNs);
            }

            @Override
            public void onRowFec(ByteBuf fecPacket) {
                if (row == null) {
                    fecPacket.release();
                } else {
                    row.offer(fecPacket, arrivalNs);
                }
            }
        }, random.nextInt(4096), random.nextInt(4096));
    }

    private static RtpOutputSettings fecSettings(RtpOutputSettings media, int portOffset, String what) {
        InetSocketAddress destination = new InetSocketAddress(media.destination().getAddress(),
                media.destination().getPort() + portOffset);
        return media.to(media.name() + " (" + what + ")", destination, false);
    }

    @Override
    public String name() {
        return name;
    }

    public FecMatrix matrix() {
        return encoder.matrix();
    }

    @Override
    public Future<Void> open(EventLoop loop) {
        Promise<Void> opened = loop.newPromise();
        PromiseCombiner all = new PromiseCombiner(loop);
        all.add(media.open(loop));
        all.add(column.open(loop));
        if (row != null) {
            all.add(row.open(loop));
        }
        all.finish(opened);
        return opened;
    }

    /** Takes ownership of {@code rtpPacket}; its FEC is computed from it before it is handed to the media socket. */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        this.arrivalNs = arrivalNs;
        encoder.encode(rtpPacket);                    // reads only; completed FEC packets are queued after the media
        media.offer(rtpPacket, arrivalNs);
    }

    @Override
    public void flush() {
        media.flush();                                // media first: a FEC packet never leaves before its media
        column.flush();
        if (row != null) {
            row.flush();
        }
    }

    @Override
    public Future<Void> close() {
        Promise<Void> closed = io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newPromise();
        PromiseCombiner all = new PromiseCombiner(io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE);
        all.add(media.close());
        all.add(column.close());
        if (row != null) {
            all.add(row.close());
        }
        encoder.close();
        all.finish(closed);
        return closed;
    }

    /** The media socket's counters (what the receiver gets on Port). */
    @Override
    public OutputCounters counters() {
        return media.counters();
    }

    /** FEC packets handed to the Port+2 and Port+4 sockets ({@code FECPackets} of the output); connectionless. */
    @Override
    public LinkStats linkStats() {
        long sent = column.counters().packets + (row == null ? 0 : row.counters().packets);
        return LinkStats.builder().fec(sent, 0).build();
    }

    /** Counters of the column FEC socket (Port+2). */
    public OutputCounters columnFecCounters() {
        return column.counters();
    }

    /** Counters of the row FEC socket (Port+4), or null for column-only FEC. */
    public OutputCounters rowFecCounters() {
        return row == null ? null : row.counters();
    }
}
