package io.sluice.gateway.output.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.channel.unix.UnixChannel;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.engine.udp.DatagramTable;
import io.sluice.gateway.engine.udp.UdpBatchSender;
import io.sluice.gateway.engine.udp.UdpPacketSender;
import io.sluice.gateway.engine.udp.UdpSyscalls;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.PacketBatch;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.gateway.output.SmoothingQueue;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

/**
 * Protocol {@code rtp} out: one connected UDP socket per destination, packets passed through unchanged (sequence,
 * timestamp and SSRC kept, protocols.md §1.2); protocol {@code udp} sends the same packets without their RTP
 * header (plain MPEG-TS). Isolated from the other outputs: it never blocks and never throws
 * into the flow; when its socket buffer is full it drops and counts, and a send error (ICMP port unreachable
 * arrives as ECONNREFUSED on a connected socket) is counted in {@code sendErrors} while the socket stays open.
 *
 * <p>Without smoothing it {@linkplain #takesBatches() takes whole read batches}: on epoll (Linux) a
 * {@link UdpBatchSender} sends the batch straight from the received buffers with one UDP GSO {@code sendmsg} per
 * run of equal-size packets (or one {@code sendmmsg}), bypassing Netty's write path; elsewhere each packet is
 * written through Netty (a retained duplicate each) and the batch leaves with one flush, dropped when Netty's
 * write-buffer high-water mark is reached. With {@code SmoothingLatency} packets go through a {@link SmoothingQueue}
 * drained at the end of each batch and by a 1 ms timer on the flow's loop.
 *
 * <p>Packets the output sends one by one (released by the smoothing queue, or offered singly, as
 * {@code rtp-fec} does with its media and FEC packets) leave on epoll through a {@link UdpPacketSender}: collected
 * until the flush (end of batch or pacing tick), then sent straight from the buffers as the batches are (GSO
 * {@code sendmsg} per run, or {@code sendmmsg}), each buffer released once after it, with the same drop and error
 * counting. Netty's write path (an outbound-buffer entry per packet, one {@code sendmmsg} per flush) is only the
 * fallback: NIO, {@code -Dsluice.udp.native=false}, an {@code EmbeddedChannel}.
 */
public final class RtpOutput implements Output {
    /** Pacing timer period: the granularity of smoothing (librist paces at 5 ms). */
    static final long PACING_TICK_NS = 1_000_000L;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

    private final RtpOutputSettings settings;
    private final Transport transport;
    private final NanoClock clock;
    private final OutputCounters counters = new OutputCounters();
    private final SmoothingQueue queue;
    private final RtpView view = new RtpView();
    private final Runnable pacingTick = this::onPacingTick;
    private final boolean nativeSendAllowed;
    private UdpBatchSender nativeSender;              // while open on an epoll socket, for whole batches
    private UdpPacketSender packetSender;             // while open on an epoll socket, for packets sent one by one
    private Channel channel;
    private boolean active;
    private boolean flushPending;
    private ScheduledFuture<?> pacingTimer;

    public RtpOutput(RtpOutputSettings settings, Transport transport, NanoClock clock) {
        this(settings, transport, clock, true);
    }

    /**
     * @param nativeSendAllowed false keeps the output on Netty's write path (packet by packet) even on epoll;
     *                          benchmarks compare the two this way
     */
    public RtpOutput(RtpOutputSettings settings, Transport transport, NanoClock clock, boolean nativeSendAllowed) {
        this.nativeSendAllowed = nativeSendAllowed;
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.queue = settings.smoothingLatencyMs() > 0
                ? new SmoothingQueue(settings.smoothingLatencyMs() * 1_000_000L, SmoothingQueue.capacityFor(settings.smoothingLatencyMs()))
                : null;
    }

    @Override
    public String name() {
        return settings.name();
    }

    public RtpOutputSettings settings() {
        return settings;
    }

    @Override
    public Future<Void> open(EventLoop loop) {
        Promise<Void> opened = loop.newPromise();
        if (channel != null) {
            return opened.setSuccess(null);
        }
        InetSocketAddress destination = settings.destination();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(transport.datagramChannels(destination.getAddress()))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_SNDBUF, settings.sendBufferBytes())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new SendErrorCounter(counters));
        if (destination.getAddress().isMulticastAddress()) {
            bootstrap.option(ChannelOption.IP_MULTICAST_TTL, settings.multicastTtl());
            NetworkInterface via = settings.multicastInterface() != null ? settings.multicastInterface() : multicastInterface();
            if (via != null) {
                bootstrap.option(ChannelOption.IP_MULTICAST_IF, via);   // else the kernel picks the route's
            }
            if (settings.multicastLoopback() != null) {
                bootstrap.option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, !settings.multicastLoopback());
            }
        }
        ChannelFuture connect = settings.sendFrom() == null ? bootstrap.connect(destination)
                : bootstrap.connect(destination, new InetSocketAddress(settings.sendFrom(), 0));
        channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                active = true;
                nativeSender = nativeSender(channel);
                packetSender = packetSender(channel);
                if (queue != null) {
                    pacingTimer = loop.scheduleAtFixedRate(pacingTick, PACING_TICK_NS, PACING_TICK_NS, TimeUnit.NANOSECONDS);
                }
                opened.setSuccess(null);
            } else {
                channel = null;
                opened.setFailure(StartFailure.of("Output " + settings.name() + " to "
                        + destination.getAddress().getHostAddress() + ":" + destination.getPort(), f.cause()));
            }
        });
        return opened;
    }

    /**
     * Uses a channel that is already registered and connected instead of opening one (benchmarks and tests drive an
     * output over an {@code EmbeddedChannel} this way; an epoll socket gets the native batch path). No pacing
     * timer is started: call {@link #flush()}.
     */
    public void openOn(Channel connected) {
        connected.pipeline().addLast(new SendErrorCounter(counters));
        channel = connected;
        active = true;
        nativeSender = nativeSender(connected);
        packetSender = packetSender(connected);
    }

    /** The native batch sender for an epoll socket, else null (NIO, smoothing, or switched off). */
    private UdpBatchSender nativeSender(Channel open) {
        if (!nativeSendAllowed || queue != null || !UdpSyscalls.available() || !(open instanceof UnixChannel unix)) {
            return null;
        }
        return new UdpBatchSender(unix.fd().intValue(), true, counters);
    }

    /** The native sender of single packets for an epoll socket, else null (NIO, an embedded channel, switched off). */
    private UdpPacketSender packetSender(Channel open) {
        if (!nativeSendAllowed || !UdpSyscalls.available() || !(open instanceof UnixChannel unix)) {
            return null;
        }
        return new UdpPacketSender(unix.fd().intValue(), true, counters);
    }

    /** True when the native path sends for this output (false: Netty writes). */
    public boolean sendsNatively() {
        return nativeSender != null || packetSender != null;
    }

    /** The interface that holds the send-from address, so multicast leaves there; null when none is set. */
    private NetworkInterface multicastInterface() {
        if (settings.sendFrom() == null) {
            return null;
        }
        try {
            return NetworkInterface.getByInetAddress(settings.sendFrom());
        } catch (SocketException e) {
            return null;
        }
    }

    /** Takes ownership of {@code rtpPacket}: sends, queues or releases (and counts) it. */
    @Override
    public void offer(ByteBuf rtpPacket, long arrivalNs) {
        if (!active) {
            rtpPacket.release();
            counters.dropped++;
            return;
        }
        if (queue == null) {
            send(rtpPacket, arrivalNs);
        } else if (!queue.offer(rtpPacket, arrivalNs, view.wrap(rtpPacket).timestamp())) {
            rtpPacket.release();
            counters.dropped++;
        }
    }

    /**
     * Whole read batches when the native path can send them: no smoothing, the epoll transport, native calls
     * available and allowed. Otherwise packets come one by one through {@link #offer} and Netty.
     */
    @Override
    public boolean takesBatches() {
        return queue == null && nativeSendAllowed && transport == Transport.EPOLL && UdpSyscalls.available();
    }

    /**
     * Sends the batch natively; on a channel without a native socket (a test's {@code EmbeddedChannel}) writes a
     * retained duplicate of each packet through Netty instead.
     */
    @Override
    public void sendBatch(PacketBatch batch) {
        int count = batch.size();
        if (!active) {
            counters.dropped += count;
            return;
        }
        if (nativeSender != null) {
            DatagramTable datagrams = batch.datagrams();
            if (datagrams != null) {
                nativeSender.send(datagrams, settings.plainTs() ? DatagramTable.PAYLOAD : DatagramTable.WHOLE,
                        batch.arrivalNs(count - 1));
                return;
            }
        }
        for (int i = 0; i < count; i++) {
            send(batch.packet(i).retainedDuplicate(), batch.arrivalNs(i));
        }
    }

    @Override
    public void flush() {
        if (!active) {
            return;
        }
        long now = clock.nanoTime();
        if (queue != null) {
            drainDue(now);
        }
        flushSocket(now);
    }

    private void onPacingTick() {
        if (active) {
            long now = clock.nanoTime();
            drainDue(now);
            flushSocket(now);
        }
    }

    private void flushSocket(long nowNs) {
        if (packetSender != null) {
            packetSender.flush(nowNs);
        } else if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    private void drainDue(long nowNs) {
        ByteBuf due;
        while ((due = queue.pollDue(nowNs)) != null) {
            send(due, nowNs);
        }
    }

    /**
     * Takes ownership of {@code packet}: queues it for the native send at the next flush, or hands it to Netty,
     * dropping it when Netty's write buffer is over its high-water mark.
     */
    private void send(ByteBuf packet, long nowNs) {
        if (packetSender == null && !channel.isWritable()) {
            packet.release();
            counters.dropped++;
            return;
        }
        if (settings.plainTs()) {
            packet.skipBytes(view.wrap(packet).headerLength());   // our duplicate: its indexes are ours to move
        }
        if (packetSender != null) {
            packetSender.add(packet, nowNs);                     // counted when the kernel takes it, at the flush
            return;
        }
        int length = packet.readableBytes();
        channel.write(packet, channel.voidPromise());
        flushPending = true;
        counters.onSent(length, nowNs);
    }

    @Override
    public Future<Void> close() {
        active = false;
        nativeSender = null;                          // before the socket closes: its fd number may be reused
        if (packetSender != null) {
            counters.dropped += packetSender.discard();
            packetSender = null;
        }
        flushPending = false;
        if (pacingTimer != null) {
            pacingTimer.cancel(false);
            pacingTimer = null;
        }
        if (queue != null) {
            queue.clear();
        }
        Channel open = channel;
        channel = null;
        if (open == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        return open.close();
    }

    @Override
    public OutputCounters counters() {
        return counters;
    }

    /** A socket option as the open socket has it (the kernel's value), or null when closed; call on the loop. */
    public <T> T socketOption(ChannelOption<T> option) {
        return channel == null ? null : channel.config().getOption(option);
    }

    /** The queue depth now, for tests and snapshots; call on the loop. */
    public int queuedPackets() {
        return queue == null ? 0 : queue.size();
    }

    /** Counts failed sends (reported through the void promise) instead of letting them close or log. */
    private static final class SendErrorCounter extends ChannelInboundHandlerAdapter {
        private final OutputCounters counters;

        SendErrorCounter(OutputCounters counters) {
            this.counters = counters;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.sendErrors++;
        }
    }
}
