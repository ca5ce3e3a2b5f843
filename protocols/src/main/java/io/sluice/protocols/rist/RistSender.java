package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.PromiseCombiner;
import io.sluice.protocols.rist.eap.EapAuthenticatee;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.rist.eap.EapolPort;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A RIST sender (caller) to a receiver at an even port P: simple profile sends RTP to P and RTCP to P+1 from two
 * sockets; main profile sends both in GRE to P from one socket, optionally AES-CTR encrypted. Sends SR + SDES + RTT
 * echo request when the first packet of an SSRC comes (holding that SSRC's packets 20 ms so two reports go first)
 * and then every 100 ms (a librist receiver ignores data until it has the SDES, protocols.md §4.3),
 * keeps every packet in a {@link RistRetransmitBuffer} and answers NACKs (bitmask and range) with copies whose SSRC
 * has the RIST retransmission bit set.
 *
 * <p>With {@link RistSenderSettings#srp()} it logs in with EAP-SRP first ({@link EapAuthenticatee}): a librist
 * receiver drops everything else from a peer that has not, so media is held (up to {@code held.length} packets
 * and the buffer time; the rest is dropped and counted) until the receiver lets us in, then announced and sent as
 * for a new SSRC.
 *
 * <p>Everything runs on the event loop passed to {@link #open}.
 */
public final class RistSender implements RtcpListener {
    private static final long TICK_NS = 5_000_000L;
    private static final long RTCP_INTERVAL_NS = 100_000_000L;

    private final RistSenderSettings settings;
    private final NanoClock clock;
    private final RistCounters counters = new RistCounters();
    private final RistRetransmitBuffer retransmitBuffer;
    private final RtpView rtp = new RtpView();
    private final byte[] cname;
    private final GreFramer framer;
    private final boolean main;
    private EventLoop loop;
    private DatagramChannel dataChannel;
    private DatagramChannel rtcpChannel;
    private ScheduledFuture<?> ticker;
    private long mediaSsrc;
    private long lastRtpTimestamp;
    private long lastRtcpNs;
    private boolean closed;
    private boolean pendingFlush;
    private static final long HOLD_AFTER_NEW_SSRC_MS = 20;
    private final int[] held = new int[4096];
    private int heldCount;
    private boolean holding;
    private final Runnable releaseHeld = this::onReleaseHeld;
    private final Runnable secondReport = this::onSecondReport;
    private final EapAuthenticatee eap;

    public RistSender(RistSenderSettings settings, NanoClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.main = settings.profile() == RistProfile.MAIN;
        int slots = Math.min(65536, RistReceiveBuffer.slotsFor(settings.bufferMs(), settings.maxBitrateBps()));
        // a retransmission of one packet at most every 10 ms: repeated NACKs within an RTT are not new losses
        this.retransmitBuffer = new RistRetransmitBuffer(slots, settings.bufferMs() * 1_000_000L, 10_000_000L);
        this.cname = settings.cname().getBytes(StandardCharsets.US_ASCII);
        this.framer = new GreFramer(settings.psk() == null ? null : settings.psk().newPsk(), counters);
        this.mediaSsrc = -1;
        this.eap = settings.srp() == null ? null
                : new EapAuthenticatee(settings.srp(), new EapSocket(), new java.security.SecureRandom());
    }

    /** Opens the socket(s) connected to the receiver on {@code loop} and starts the RTCP handshake. */
    public Future<Void> open(EventLoop eventLoop) {
        this.loop = eventLoop;
        InetSocketAddress destination = settings.destination();
        dataChannel = RistChannels.newDatagramChannel(eventLoop);
        dataChannel.config().setOption(ChannelOption.SO_SNDBUF, 4 << 20);
        dataChannel.config().setOption(ChannelOption.SO_RCVBUF, 1 << 20);
        dataChannel.pipeline().addLast(new RtcpHandler());
        if (!main) {
            rtcpChannel = RistChannels.newDatagramChannel(eventLoop);
            rtcpChannel.pipeline().addLast(new RtcpHandler());
        }
        var promise = eventLoop.<Void>newPromise();
        eventLoop.execute(() -> {
            PromiseCombiner combiner = new PromiseCombiner(eventLoop);
            ChannelFuture data = eventLoop.register(dataChannel).channel().connect(destination);
            combiner.add(data);
            if (rtcpChannel != null) {
                InetSocketAddress rtcpDestination = new InetSocketAddress(destination.getAddress(), destination.getPort() + 1);
                combiner.add(eventLoop.register(rtcpChannel).channel().connect(rtcpDestination));
            }
            combiner.finish(promise);
            ticker = eventLoop.scheduleAtFixedRate(this::onTick, TICK_NS, TICK_NS, TimeUnit.NANOSECONDS);
        });
        return promise;
    }

    public RistCounters counters() {
        return counters;
    }

    /** EAP-SRP counters and problem (read on the loop, or a copy), or null without {@link RistSenderSettings#srp()}. */
    public EapCounters eapCounters() {
        return eap == null ? null : eap.counters();
    }

    /** Whether the receiver has let us in (always true without EAP-SRP). */
    public boolean isAuthenticated() {
        return eap == null || eap.isAuthenticated();
    }

    /**
     * Sends one RTP packet, taking ownership; call on the loop. An odd SSRC is made even on a copy first (the
     * buffer may be shared with other outputs), since an odd SSRC means "retransmission" in RIST.
     */
    public void send(ByteBuf packet) {
        if (closed) {
            packet.release();
            return;
        }
        rtp.wrap(packet);
        if (!rtp.isValid()) {
            counters.malformed++;
            packet.release();
            return;
        }
        long now = clock.nanoTime();
        long ssrc = rtp.ssrc();
        if ((ssrc & 1) != 0) {
            ByteBuf copy = dataChannel.alloc().directBuffer(packet.readableBytes());
            copy.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
            copy.setByte(11, copy.getByte(11) & ~1);
            packet.release();
            packet = copy;
            rtp.wrap(packet);
        }
        int seq = rtp.sequenceNumber();
        lastRtpTimestamp = rtp.timestamp();
        if (eap != null && !eap.isAuthenticated()) {
            holdUntilAuthenticated(packet, ssrc & ~1L, seq, now);
            return;
        }
        if (mediaSsrc != (ssrc & ~1L)) {
            // librist drops data of an SSRC it has had no SDES for, and in simple profile RTCP leaves from another
            // socket: announce the new SSRC now and hold its packets (in order) until the report has gone ahead
            mediaSsrc = ssrc & ~1L;
            sendReport(now);
            if (!main) {
                // a librist simple-profile receiver creates its data peer from the first RTP datagram and drops
                // it: this copy opens the peer, the held copy below is the one delivered (a duplicate otherwise)
                dataChannel.writeAndFlush(packet.retainedDuplicate(), dataChannel.voidPromise());
            }
            holding = true;
            heldCount = 0;
            // a librist receiver creates the peer from the first report and completes the handshake on a later one
            loop.schedule(secondReport, HOLD_AFTER_NEW_SSRC_MS / 2, TimeUnit.MILLISECONDS);
            loop.schedule(releaseHeld, HOLD_AFTER_NEW_SSRC_MS, TimeUnit.MILLISECONDS);
        }
        if (holding && heldCount < held.length) {
            held[heldCount++] = seq;
            counters.packetsSent++;
            counters.bytesSent += packet.readableBytes();
            retransmitBuffer.store(packet, seq, now);
            return;
        }
        counters.packetsSent++;
        counters.bytesSent += packet.readableBytes();
        if (main) {
            dataChannel.write(framer.frame(dataChannel.alloc(), packet, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT, false),
                    dataChannel.voidPromise());
        } else {
            dataChannel.write(packet.retainedDuplicate(), dataChannel.voidPromise());
        }
        retransmitBuffer.store(packet, seq, now);
    }

    /** Keeps {@code packet} (taken) for when the receiver lets us in; past {@code held.length} packets, drops it. */
    private void holdUntilAuthenticated(ByteBuf packet, long evenSsrc, int seq, long now) {
        if (mediaSsrc != evenSsrc || !holding) {
            mediaSsrc = evenSsrc;
            holding = true;
            heldCount = 0;
        }
        if (heldCount == held.length) {
            eap.countDropped();
            packet.release();
            return;
        }
        held[heldCount++] = seq;
        retransmitBuffer.store(packet, seq, now); // counted as sent when the receiver lets us in
    }

    /** Forgets held packets the retransmission buffer has let go (too old, or overwritten): dropped and counted. */
    private void pruneHeld() {
        if (heldCount == 0 || retransmitBuffer.peek(held[0]) != null) {
            return; // held in order, so the oldest goes first
        }
        int kept = 0;
        for (int i = 0; i < heldCount; i++) {
            if (retransmitBuffer.peek(held[i]) != null) {
                held[kept++] = held[i];
            } else {
                eap.countDropped();
            }
        }
        heldCount = kept;
    }

    /** The receiver let us in: announce the held SSRC with two reports, then send what was held (as for a new SSRC). */
    private void onAuthenticated(long now) {
        if (holding && mediaSsrc >= 0) {
            pruneHeld();
            for (int i = 0; i < heldCount; i++) {
                counters.packetsSent++;
                counters.bytesSent += retransmitBuffer.peek(held[i]).readableBytes();
            }
            sendReport(now);
            loop.schedule(secondReport, HOLD_AFTER_NEW_SSRC_MS / 2, TimeUnit.MILLISECONDS);
            loop.schedule(releaseHeld, HOLD_AFTER_NEW_SSRC_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * While logging in: an RTCP compound (empty RR + SDES) ahead of each EAPOL-Start, because a librist receiver
     * creates a peer only from RTCP (and then asks for our identity at once). It drops the compound itself.
     */
    private void sendPeerOpener() {
        long ssrc = mediaSsrc >= 0 ? mediaSsrc : (java.util.concurrent.ThreadLocalRandom.current().nextInt() & ~1) & 0xFFFFFFFFL;
        ByteBuf out = dataChannel.alloc().directBuffer(64);
        RtcpWriter.emptyReceiverReport(out, ssrc);
        RtcpWriter.sdes(out, ssrc, cname);
        sendRtcp(out);
    }

    private void onSecondReport() {
        sendReport(clock.nanoTime());
    }

    private void onReleaseHeld() {
        holding = false;
        if (closed) {
            return;
        }
        for (int i = 0; i < heldCount; i++) {
            ByteBuf original = retransmitBuffer.peek(held[i]);
            if (original == null) {
                continue;
            }
            if (main) {
                dataChannel.write(framer.frame(dataChannel.alloc(), original, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT, false),
                        dataChannel.voidPromise());
            } else {
                dataChannel.write(original.retainedDuplicate(), dataChannel.voidPromise());
            }
        }
        heldCount = 0;
        dataChannel.flush();
    }

    /** Flushes what {@link #send} queued (once per batch). */
    public void flush() {
        if (!closed) {
            dataChannel.flush();
        }
    }

    public void close() {
        if (loop == null) {
            return;
        }
        if (loop.inEventLoop()) {
            onClose();
        } else {
            loop.submit(this::onClose).syncUninterruptibly();
        }
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        dataChannel.close();
        if (rtcpChannel != null) {
            rtcpChannel.close();
        }
        retransmitBuffer.close();
        if (eap != null) {
            eap.close();
        }
    }

    private void onTick() {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        retransmitBuffer.expire(now);
        if (eap != null && !eap.isAuthenticated()) {
            pruneHeld();
            if (eap.onTick(now)) {
                sendPeerOpener();
            }
        }
        if (now - lastRtcpNs >= RTCP_INTERVAL_NS) {
            sendReport(now);
        }
    }

    /**
     * SR + SDES + echo request. Nothing before the first media packet: librist names its flow after the SSRC of the
     * first report, and a report with another SSRC later makes it delete the flow and the packets it held.
     */
    private void sendReport(long now) {
        if (closed || mediaSsrc < 0) {
            return;
        }
        lastRtcpNs = now;
        ByteBuf out = dataChannel.alloc().directBuffer(128);
        RtcpWriter.senderReport(out, mediaSsrc, RtcpWriter.ntpNow(System.currentTimeMillis()), lastRtpTimestamp,
                counters.packetsSent, counters.bytesSent);
        RtcpWriter.sdes(out, mediaSsrc, cname);
        RtcpWriter.echoRequest(out, mediaSsrc, now);
        sendRtcp(out);
    }

    /** Sends an RTCP compound, taking {@code compound}. */
    private void sendRtcp(ByteBuf compound) {
        if (main) {
            ByteBuf framed = framer.frame(dataChannel.alloc(), compound, Gre.VIRTUAL_SOURCE_PORT, Gre.VIRTUAL_RTCP_PORT, false);
            compound.release();
            dataChannel.writeAndFlush(framed, dataChannel.voidPromise());
        } else {
            rtcpChannel.writeAndFlush(compound, rtcpChannel.voidPromise());
        }
    }

    @Override
    public void onNack(int firstSeq, int extra) {
        long now = clock.nanoTime();
        for (int i = 0; i <= extra; i++) {
            int seq = (firstSeq + i) & 0xFFFF;
            counters.nackRequestsReceived++;
            ByteBuf original = retransmitBuffer.forRetransmit(seq, now);
            if (original == null) {
                if (!retransmitBuffer.recentlyRetransmitted(seq, now)) {
                    counters.retransmissionsUnavailable++;
                }
                continue;
            }
            counters.retransmissionsSent++;
            if (main) {
                dataChannel.write(framer.frame(dataChannel.alloc(), original, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT, true),
                        dataChannel.voidPromise());
            } else {
                ByteBuf copy = dataChannel.alloc().directBuffer(original.readableBytes());
                copy.writeBytes(original, original.readerIndex(), original.readableBytes());
                copy.setByte(11, copy.getByte(11) | 1);
                dataChannel.write(copy, dataChannel.voidPromise());
            }
            pendingFlush = true;
        }
    }

    @Override
    public void onEchoRequest(long timestamp) {
        if (mediaSsrc < 0) {
            return;
        }
        ByteBuf out = dataChannel.alloc().directBuffer(96);
        RtcpWriter.emptyReceiverReport(out, mediaSsrc);
        RtcpWriter.sdes(out, mediaSsrc, cname);
        RtcpWriter.echoResponse(out, mediaSsrc, timestamp, 0);
        sendRtcp(out);
    }

    @Override
    public void onEchoResponse(long timestamp, long processingDelayUs) {
        long rtt = clock.nanoTime() - timestamp - processingDelayUs * 1000;
        if (rtt >= 0 && rtt < 10_000_000_000L) {
            counters.rttNs = rtt;
        }
    }

    private void onRtcpDatagram(ByteBuf buf) {
        long now = clock.nanoTime();
        if (eap != null && buf.readableBytes() >= 4 && buf.getUnsignedShort(buf.readerIndex() + 2) == Gre.PROTO_EAPOL) {
            if (eap.onEapol(buf, now)) {
                onAuthenticated(now);
            }
            return;
        }
        if (main) {
            if (!framer.unframe(buf, now)) {
                return;
            }
            if (!RtcpReader.looksLikeRtcp(buf, buf.readerIndex())) {
                counters.malformed++;
                return;
            }
        }
        if (!RtcpReader.read(buf, buf.readerIndex(), buf.writerIndex(), this)) {
            counters.malformed++;
        }
        if (pendingFlush) {
            pendingFlush = false;
            dataChannel.flush();
        }
    }

    private final class RtcpHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = msg instanceof DatagramPacket datagram ? datagram.content() : msg instanceof ByteBuf b ? b : null;
            if (buf == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                onRtcpDatagram(buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.malformed++; // ICMP port unreachable before the receiver is up: keep going
        }
    }

    /** Sends the authenticatee's EAPOL datagrams on the connected data socket. */
    private final class EapSocket implements EapolPort {
        @Override
        public void sendEapol(ByteBuf datagram, InetSocketAddress peer) {
            dataChannel.writeAndFlush(datagram, dataChannel.voidPromise());
        }

        @Override
        public io.netty.buffer.ByteBufAllocator alloc() {
            return dataChannel.alloc();
        }
    }
}
