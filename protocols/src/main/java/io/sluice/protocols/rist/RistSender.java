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
import io.sluice.protocols.rtp.RtpSequence;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A RIST sender (caller) to a receiver at an even port P: simple profile sends RTP to P and RTCP to P+1 from two
 * sockets; main profile sends both in GRE to P from one socket, optionally AES-CTR encrypted. Sends SR + SDES + RTT
 * echo request when the first packet of an SSRC comes (holding that SSRC's packets 20 ms so two reports go first)
 * and then every 100 ms (a librist receiver ignores data until it has the SDES, protocols.md §4.3),
 * keeps every packet in a {@link RistRetransmitBuffer} and answers NACKs (bitmask and range, 16-bit or after EXTSEQ
 * 32-bit) with copies whose SSRC has the RIST retransmission bit set. With {@code extendedSequence} every packet
 * carries the TR-06-2 header extension with the high 16 bits of a 32-bit sequence number.
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
    private static final long HOLD_AFTER_NEW_SSRC_MS = 20;

    private final RistSenderSettings settings;
    private final NanoClock clock;
    private final RistCounters counters = new RistCounters();
    private final RistRetransmitBuffer retransmitBuffer;
    private final RtpView rtp = new RtpView();
    private final byte[] cname;
    private final GreFramer framer;
    private final boolean main;
    private final boolean extended;
    private final RistLoopLifecycle lifecycle = new RistLoopLifecycle(TICK_NS, this::onTick, this::onRelease);
    private final RistPeerLiveness liveness = new RistPeerLiveness();
    private final RistTroubleLog trouble = new RistTroubleLog("RTCP packets");
    private final long[] held = new long[4096];
    private final Runnable releaseHeld = this::onReleaseHeld;
    private final Runnable secondReport = this::onSecondReport;
    private final EapAuthenticatee eap;
    private DatagramChannel dataChannel;
    private DatagramChannel rtcpChannel;
    private long mediaSsrc = -1;
    private long lastRtpTimestamp;
    private long lastRtcpNs;
    private long lastSeq = -1;
    private long firstSendNs;
    private long unreachableNs;
    private boolean unreachable;
    private boolean pendingFlush;
    private int heldCount;
    private boolean holding;

    public RistSender(RistSenderSettings settings, NanoClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.main = settings.profile() == RistProfile.MAIN;
        this.extended = settings.extendedSequence();
        int slots = RistReceiveBuffer.slotsFor(settings.bufferMs(), settings.maxBitrateBps());
        // a NACK names 16 bits unless the stream has 32-bit numbers: beyond 65536 slots a 16-bit NACK is ambiguous
        slots = extended ? slots : Math.min(65536, slots);
        // a retransmission of one packet at most every 10 ms: repeated NACKs within an RTT are not new losses
        this.retransmitBuffer = new RistRetransmitBuffer(slots, settings.bufferMs() * 1_000_000L, 10_000_000L);
        this.cname = settings.cname().getBytes(StandardCharsets.US_ASCII);
        this.framer = new GreFramer(settings.psk() == null ? null : settings.psk().newPsk(), counters);
        this.eap = settings.srp() == null ? null
                : new EapAuthenticatee(settings.srp(), new EapSocket(), new java.security.SecureRandom());
    }

    /** Opens the socket(s) connected to the receiver on {@code loop} and starts the RTCP handshake. */
    public Future<Void> open(EventLoop eventLoop) {
        lifecycle.attach(eventLoop);
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
            lifecycle.startTicking();
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
     * buffer may be shared with other outputs), since an odd SSRC means "retransmission" in RIST; with 32-bit
     * sequence numbers the packet is rebuilt with the RIST header extension.
     */
    public void send(ByteBuf packet) {
        if (lifecycle.closed()) {
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
        int seq16 = rtp.sequenceNumber();
        long seq = lastSeq < 0 ? seq16 : RtpSequence.extend(seq16, lastSeq);
        lastSeq = seq;
        if (extended) {
            ByteBuf copy = dataChannel.alloc().directBuffer(packet.readableBytes() + RistRtpExtension.BYTES);
            RistRtpExtension.writeWithSequenceExtension(copy, packet, rtp.headerLength(), (int) ((seq >>> 16) & 0xFFFF));
            packet.release();
            packet = copy;
        } else if ((ssrc & 1) != 0) {
            ByteBuf copy = dataChannel.alloc().directBuffer(packet.readableBytes());
            copy.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
            packet.release();
            packet = copy;
        }
        if ((ssrc & 1) != 0) {
            packet.setByte(packet.readerIndex() + 11, packet.getByte(packet.readerIndex() + 11) & ~1);
        }
        lastRtpTimestamp = rtp.wrap(packet).timestamp();
        if (eap != null && !eap.isAuthenticated()) {
            holdUntilAuthenticated(packet, ssrc & ~1L, seq, now);
            return;
        }
        if (mediaSsrc != (ssrc & ~1L)) {
            // librist drops data of an SSRC it has had no SDES for, and in simple profile RTCP leaves from another
            // socket: announce the new SSRC now and hold its packets (in order) until the report has gone ahead
            mediaSsrc = ssrc & ~1L;
            if (firstSendNs == 0) {
                firstSendNs = now;
            }
            sendReport(now);
            if (!main) {
                // a librist simple-profile receiver creates its data peer from the first RTP datagram and drops
                // it: this copy opens the peer, the held copy below is the one delivered (a duplicate otherwise)
                dataChannel.writeAndFlush(packet.retainedDuplicate(), dataChannel.voidPromise());
            }
            holding = true;
            heldCount = 0;
            // a librist receiver creates the peer from the first report and completes the handshake on a later one
            EventLoop loop = lifecycle.loop();
            loop.schedule(secondReport, HOLD_AFTER_NEW_SSRC_MS / 2, TimeUnit.MILLISECONDS);
            loop.schedule(releaseHeld, HOLD_AFTER_NEW_SSRC_MS, TimeUnit.MILLISECONDS);
        }
        counters.packetsSent++;
        counters.bytesSent += packet.readableBytes();
        if (holding && heldCount < held.length) {
            held[heldCount++] = seq;
        } else {
            write(packet, false);
        }
        retransmitBuffer.store(packet, seq, now);
    }

    /** Keeps {@code packet} (taken) for when the receiver lets us in; past {@code held.length} packets, drops it. */
    private void holdUntilAuthenticated(ByteBuf packet, long evenSsrc, long seq, long now) {
        if (firstSendNs == 0) {
            firstSendNs = now;
        }
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
            EventLoop loop = lifecycle.loop();
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

    /** Queues an original (or a retransmission) of a stored packet; the buffer keeps its reference. */
    private void write(ByteBuf stored, boolean retransmission) {
        if (main) {
            dataChannel.write(framer.frame(dataChannel.alloc(), stored, Gre.VIRTUAL_SOURCE_PORT + 1, Gre.VIRTUAL_DATA_PORT,
                    retransmission), dataChannel.voidPromise());
        } else if (retransmission) {
            ByteBuf copy = dataChannel.alloc().directBuffer(stored.readableBytes());
            copy.writeBytes(stored, stored.readerIndex(), stored.readableBytes());
            copy.setByte(11, copy.getByte(11) | 1);
            dataChannel.write(copy, dataChannel.voidPromise());
        } else {
            dataChannel.write(stored.retainedDuplicate(), dataChannel.voidPromise());
        }
    }

    private void onSecondReport() {
        sendReport(clock.nanoTime());
    }

    private void onReleaseHeld() {
        holding = false;
        if (lifecycle.closed()) {
            return;
        }
        for (int i = 0; i < heldCount; i++) {
            ByteBuf original = retransmitBuffer.peek(held[i]);
            if (original != null) {
                write(original, false);
            }
        }
        heldCount = 0;
        dataChannel.flush();
    }

    /** Flushes what {@link #send} queued (once per batch). */
    public void flush() {
        if (!lifecycle.closed()) {
            dataChannel.flush();
        }
    }

    /** Closes the sockets and releases the retransmission buffer, on the loop (waits when called from elsewhere). */
    public void close() {
        lifecycle.close();
    }

    private void onRelease() {
        dataChannel.close();
        if (rtcpChannel != null) {
            rtcpChannel.close();
        }
        retransmitBuffer.close();
        if (eap != null) {
            eap.close();
        }
    }

    /**
     * The link as this sender sees it now: connected while the receiver's RTCP keeps coming; the problem when the
     * receiver refused (or has not yet asked for) our EAP-SRP login, its RTCP does not decrypt, nobody listens (ICMP
     * port unreachable) or nothing came back since the stream started.
     * Call on the loop.
     */
    public RistLinkState linkState() {
        long now = clock.nanoTime();
        liveness.check(now);
        String problem = eap != null && eap.counters().problem() != null ? eap.counters().problem() : trouble.problem(now);
        if (problem == null && !liveness.connected() && firstSendNs != 0
                && now - firstSendNs > RistPeerLiveness.SESSION_TIMEOUT_NS) {
            String to = RistPeerLiveness.name(settings.destination());
            if (unreachable && now - unreachableNs <= RistPeerLiveness.SESSION_TIMEOUT_NS) {
                problem = to + " refuses RIST packets (ICMP port unreachable): is a RIST receiver listening there?";
            } else {
                long silentSince = liveness.everHeard() ? liveness.lastHeardNs() : firstSendNs;
                problem = "no RTCP from the RIST receiver at " + to + " for " + (now - silentSince) / 1_000_000_000L
                        + " s: is it listening, with the " + (main ? "main" : "simple") + " profile"
                        + (settings.psk() != null ? " and the same secret?" : "?");
            }
        }
        return new RistLinkState(liveness.connected(), RistPeerLiveness.name(liveness.peer()), liveness.disconnections(),
                problem, (int) (retransmitBuffer.heldNs(now) / 1_000_000L));
    }

    private void onTick() {
        long now = clock.nanoTime();
        liveness.check(now);
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
        if (lifecycle.closed() || mediaSsrc < 0) {
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
        retransmit(RtpSequence.extend(firstSeq, retransmitBuffer.newest()), extra);
    }

    @Override
    public void onExtendedNack(long firstSeq, int extra) {
        if (!extended) {
            onNack((int) (firstSeq & 0xFFFF), extra);
            return;
        }
        long newest = retransmitBuffer.newest();
        retransmit(newest + (int) (firstSeq - newest), extra);
    }

    private void retransmit(long firstSeq, int extra) {
        long now = clock.nanoTime();
        for (int i = 0; i <= extra; i++) {
            long seq = firstSeq + i;
            counters.nackRequestsReceived++;
            ByteBuf original = retransmitBuffer.forRetransmit(seq, now);
            if (original == null) {
                if (!retransmitBuffer.recentlyRetransmitted(seq, now)) {
                    counters.retransmissionsUnavailable++;
                }
                continue;
            }
            counters.retransmissionsSent++;
            write(original, true);
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

    private void onRtcpDatagram(ByteBuf buf, InetSocketAddress from) {
        long now = clock.nanoTime();
        if (eap != null && buf.readableBytes() >= 4 && buf.getUnsignedShort(buf.readerIndex() + 2) == Gre.PROTO_EAPOL) {
            if (eap.onEapol(buf, now)) {
                onAuthenticated(now);
            }
            return;
        }
        if (main) {
            if (!framer.unframe(buf, now)) {
                RistRefusal why = framer.lastRefusal();
                if (why != null) {
                    trouble.refused(why, from, now);
                }
                return;
            }
            if (!RtcpReader.looksLikeRtcp(buf, buf.readerIndex())) {
                counters.malformed++;
                return;
            }
        }
        if (RtcpReader.read(buf, buf.readerIndex(), buf.writerIndex(), this)) {
            liveness.heard(from, now);
            trouble.accepted(now);
        } else {
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
            InetSocketAddress from = msg instanceof DatagramPacket datagram ? datagram.sender()
                    : (InetSocketAddress) ctx.channel().remoteAddress();
            try {
                onRtcpDatagram(buf, from);
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.malformed++; // ICMP port unreachable before the receiver is up: keep going
            if (cause instanceof PortUnreachableException) {
                unreachable = true;
                unreachableNs = clock.nanoTime();
            }
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
