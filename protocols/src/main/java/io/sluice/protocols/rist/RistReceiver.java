package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.PromiseCombiner;
import io.sluice.protocols.rist.eap.EapAuthenticator;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.rist.eap.EapolPort;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A RIST receiver listening on an even port P, simple and main profile at once: plain RTP on P with RTCP on P+1 is
 * simple profile; GRE on P is main profile (recognised by its packets, protocols.md §4.9). Recovers losses with NACKs
 * ({@link RistReceiveBuffer}), answers RTT echoes, sends RR + SDES + echo request every 100 ms to the peer it last
 * heard (TR-06-1 §5.2.1), and hands recovered packets in order to a {@link RistPacketSink}: plain RTP, with the
 * TR-06-2 header extension taken off and deleted null packets put back ({@link RistRtpExtension}). Its link state
 * (peer, liveness, what is wrong with the peer's packets) is {@link #linkState()}.
 *
 * <p>With {@link RistReceiverSettings#srp()} a main-profile peer must log in with EAP-SRP first
 * ({@link EapAuthenticator}); until then its traffic, and all simple-profile traffic, is dropped and counted.
 *
 * <p>Everything runs on the one event loop passed to {@link #open}; there is no locking.
 */
public final class RistReceiver implements RtcpListener {
    private static final long TICK_NS = 5_000_000L;
    private static final long RTCP_INTERVAL_NS = 100_000_000L;
    private static final long MIN_RETRY_NS = 20_000_000L;
    private static final int MAX_RETRIES = 20;

    private final RistReceiverSettings settings;
    private final NanoClock clock;
    private final RistPacketSink sink;
    private final RistCounters counters = new RistCounters();
    private final RistReceiveBuffer buffer;
    private final RtpView rtp = new RtpView();
    private final byte[] cname;
    private final GreFramer framer;
    private final EapAuthenticator eap;
    private final RistLoopLifecycle lifecycle = new RistLoopLifecycle(TICK_NS, this::onTick, this::onRelease);
    private final RistPeerLiveness liveness = new RistPeerLiveness();
    private final RistTroubleLog trouble = new RistTroubleLog("packets");
    private DatagramChannel dataChannel;
    private DatagramChannel rtcpChannel;
    private InetSocketAddress rtcpPeer;
    private boolean mainProfile;
    private long mediaSsrc = -1;
    private long ownSsrc;
    private long lastRtcpNs;
    private boolean peerHandshake;

    public RistReceiver(RistReceiverSettings settings, NanoClock clock, RistPacketSink sink) {
        this.settings = settings;
        this.clock = clock;
        this.sink = sink;
        this.buffer = new RistReceiveBuffer(RistReceiveBuffer.slotsFor(settings.latencyMs(), settings.maxBitrateBps()),
                settings.latencyMs() * 1_000_000L, settings.reorderMs() * 1_000_000L, MIN_RETRY_NS, MAX_RETRIES, counters);
        this.cname = settings.cname().getBytes(StandardCharsets.US_ASCII);
        this.framer = new GreFramer(settings.psk() == null ? null : settings.psk().newPsk(), counters);
        this.ownSsrc = (java.util.concurrent.ThreadLocalRandom.current().nextInt() & ~1) & 0xFFFFFFFFL;
        this.eap = settings.srp() == null ? null
                : new EapAuthenticator(settings.srp(), new EapSocket(), new java.security.SecureRandom());
    }

    /** Binds P and P+1 on {@code loop}; the future completes when both are bound (or fails naming the port). */
    public Future<Void> open(EventLoop eventLoop) {
        lifecycle.attach(eventLoop);
        dataChannel = RistChannels.newDatagramChannel(eventLoop);
        rtcpChannel = RistChannels.newDatagramChannel(eventLoop);
        dataChannel.config().setOption(ChannelOption.SO_RCVBUF, 4 << 20);
        rtcpChannel.config().setOption(ChannelOption.SO_RCVBUF, 1 << 20);
        dataChannel.pipeline().addLast(new DataHandler());
        rtcpChannel.pipeline().addLast(new RtcpHandler());
        InetSocketAddress bind = settings.bind();
        InetSocketAddress rtcpBind = new InetSocketAddress(bind.getAddress(), bind.getPort() + 1);
        PromiseCombiner combiner = new PromiseCombiner(eventLoop);
        var promise = eventLoop.<Void>newPromise();
        eventLoop.execute(() -> {
            ChannelFuture data = eventLoop.register(dataChannel).channel().bind(bind);
            ChannelFuture control = eventLoop.register(rtcpChannel).channel().bind(rtcpBind);
            combiner.addAll(data, control);
            combiner.finish(promise);
            lifecycle.startTicking();
        });
        return promise;
    }

    public RistCounters counters() {
        return counters;
    }

    /** EAP-SRP counters and problem (read on the loop, or a copy), or null without {@link RistReceiverSettings#srp()}. */
    public EapCounters eapCounters() {
        return eap == null ? null : eap.counters();
    }

    /** Whether the stream has 32-bit sequence numbers (TR-06-2 extension): NACKs then carry EXTSEQ. */
    public boolean isExtendedSequence() {
        return buffer.extendedSequence();
    }

    /** Whether the peer's GRE traffic switched this receiver to main profile. */
    public boolean isMainProfile() {
        return mainProfile;
    }

    /** Closes the sockets and releases held packets, on the loop (waits for it when called from elsewhere). */
    public void close() {
        lifecycle.close();
    }

    private void onRelease() {
        dataChannel.close();
        rtcpChannel.close();
        buffer.close();
        if (eap != null) {
            eap.close();
        }
    }

    /**
     * The link as this receiver sees it now: connected while the sender's RTCP (or accepted GRE) keeps coming, the
     * problem (a failed or awaited EAP-SRP login first, else its packets all refused: wrong key, wrong profile), the ms
     * held. Call on the loop.
     */
    public RistLinkState linkState() {
        long now = clock.nanoTime();
        liveness.check(now);
        return new RistLinkState(liveness.connected(), RistPeerLiveness.name(liveness.peer()), liveness.disconnections(),
                eap != null && eap.counters().problem() != null ? eap.counters().problem() : trouble.problem(now),
                (int) (buffer.heldNs(now) / 1_000_000L));
    }

    private void onTick() {
        long now = clock.nanoTime();
        liveness.check(now);
        if (buffer.releaseDue(now, sink) > 0) {
            sink.onBatchComplete();
        }
        if (eap != null) {
            eap.onTick(now);
        }
        if (rtcpPeer == null) {
            return;
        }
        if (buffer.heldSlots() > 0 && mediaSsrc >= 0) {
            ByteBuf out = dataChannel.alloc().directBuffer(256);
            RtcpWriter.emptyReceiverReport(out, reporterSsrc());
            RtcpWriter.sdes(out, reporterSsrc(), cname);
            if (buffer.writeNacks(out, mediaSsrc, now, Math.max(counters.rttNs, 0)) > 0) {
                sendRtcp(out);
            } else {
                out.release();
            }
        }
        if (now - lastRtcpNs >= RTCP_INTERVAL_NS) {
            lastRtcpNs = now;
            ByteBuf out = dataChannel.alloc().directBuffer(128);
            RtcpWriter.emptyReceiverReport(out, reporterSsrc());
            RtcpWriter.sdes(out, reporterSsrc(), cname);
            RtcpWriter.echoRequest(out, reporterSsrc(), now);
            sendRtcp(out);
        }
    }

    private long reporterSsrc() {
        return mediaSsrc >= 0 ? mediaSsrc : ownSsrc;
    }

    /** Sends one RTCP compound (taking {@code compound}) to the peer, in GRE on P for main profile, else from P+1. */
    private void sendRtcp(ByteBuf compound) {
        if (mainProfile) {
            ByteBuf framed = framer.frame(dataChannel.alloc(), compound, Gre.VIRTUAL_RTCP_PORT, Gre.VIRTUAL_SOURCE_PORT, false);
            compound.release();
            dataChannel.writeAndFlush(new DatagramPacket(framed, rtcpPeer), dataChannel.voidPromise());
        } else {
            rtcpChannel.writeAndFlush(new DatagramPacket(compound, rtcpPeer), rtcpChannel.voidPromise());
        }
    }

    /** Takes {@code datagram}'s content: an RTP packet (simple profile) or a GRE frame (main profile). */
    private void onData(DatagramPacket datagram) {
        ByteBuf buf = datagram.content();
        InetSocketAddress from = datagram.sender();
        if (!settings.allowSender().test(from)) {
            counters.droppedByAllowList++;
            buf.release();
            return;
        }
        long now = clock.nanoTime();
        int at = buf.readerIndex();
        if (Gre.looksLikeGre(buf, at)) {
            if (settings.profile() == RistProfile.SIMPLE) {
                refuse(buf, RistRefusal.GRE_ON_SIMPLE, from, now);
                return;
            }
            if (eap != null && !passesEap(buf, at, from, now)) {
                return;
            }
            if (!framer.unframe(buf, now)) {
                RistRefusal why = framer.lastRefusal();
                if (why != null) {
                    trouble.refused(why, from, now);
                }
                buf.release();
                return;
            }
            mainProfile = true;
            rtcpPeer = from;
            liveness.heard(from, now);
            trouble.accepted(now);
            if (RtcpReader.looksLikeRtcp(buf, buf.readerIndex())) {
                onRtcpBytes(buf, now);
                buf.release();
                return;
            }
        } else if (eap != null) {
            eap.refuseSimpleProfile(from); // EAP-SRP exists only in the main profile
            buf.release();
            return;
        } else if (settings.profile() == RistProfile.MAIN) {
            if (settings.psk() != null) {
                counters.decryptionFailures++; // clear RTP while a key is required
            }
            refuse(buf, RistRefusal.PLAIN_RTP_ON_MAIN, from, now);
            return;
        }
        onRtp(buf, now);
    }

    /**
     * EAP-SRP gate for a GRE datagram: EAPOL goes to the authenticator; anything else passes only from an
     * authenticated peer. Releases {@code buf} and returns false when it does not pass.
     */
    private boolean passesEap(ByteBuf buf, int at, InetSocketAddress from, long now) {
        if (buf.getUnsignedShort(at + 2) == Gre.PROTO_EAPOL) {
            eap.onEapol(buf, from, now);
            buf.release();
            return false;
        }
        if (!eap.admits(from, now)) {
            buf.release();
            return false;
        }
        return true;
    }

    /** Drops a datagram of the profile this listener does not serve, counting it and noting who sent it. */
    private void refuse(ByteBuf buf, RistRefusal why, InetSocketAddress from, long now) {
        if (why != RistRefusal.PLAIN_RTP_ON_MAIN || settings.psk() == null) {
            counters.unsupported++;
        }
        trouble.refused(why, from, now);
        buf.release();
    }

    private void onRtp(ByteBuf packet, long now) {
        ByteBuf buf = packet;
        rtp.wrap(buf);
        if (!rtp.isValid() || RtcpReader.looksLikeRtcp(buf, buf.readerIndex())) {
            counters.malformed++;
            buf.release();
            return;
        }
        long ssrc = rtp.ssrc();
        boolean retransmission = (ssrc & 1) != 0;
        long even = ssrc & ~1L;
        if (retransmission) {
            int at = buf.readerIndex() + 11;
            buf.setByte(at, buf.getByte(at) & ~1); // deliver the original's SSRC: the output is bit-identical
        }
        int seq = rtp.sequenceNumber();
        long seq32 = -1;
        int extension = RistRtpExtension.find(buf);
        if (extension >= 0) {
            if (RistRtpExtension.hasSequenceExtension(buf, extension)) {
                seq32 = RistRtpExtension.sequence32(buf, extension);
            }
            if (RistRtpExtension.hasDeletedNulls(buf, extension)) {
                ByteBuf restored = RistRtpExtension.restoreNulls(dataChannel.alloc(), buf, extension,
                        rtp.payloadIndex(), rtp.payloadLength(), counters);
                buf.release();
                if (restored == null) {
                    counters.malformed++;
                    return;
                }
                buf = restored;
            } else {
                RistRtpExtension.strip(buf, extension);
            }
        }
        int flushed = 0;
        if (mediaSsrc != even) {
            if (mediaSsrc >= 0) {
                flushed = buffer.reset(now, sink);
            }
            mediaSsrc = even;
        }
        if (seq32 >= 0) {
            buffer.insertExtended(buf, seq32, retransmission, now, sink);
        } else {
            buffer.insert(buf, seq, retransmission, now, sink);
        }
        trouble.accepted(now);
        if (flushed + buffer.releaseDue(now, sink) > 0) {
            sink.onBatchComplete();
        }
    }

    private boolean onRtcpBytes(ByteBuf buf, long now) {
        if (!RtcpReader.read(buf, buf.readerIndex(), buf.writerIndex(), this)) {
            counters.malformed++;
            return false;
        }
        return true;
    }

    @Override
    public void onSdes(long ssrc) {
        peerHandshake = true;
    }

    @Override
    public void onEchoRequest(long timestamp) {
        ByteBuf out = dataChannel.alloc().directBuffer(96);
        RtcpWriter.emptyReceiverReport(out, reporterSsrc());
        RtcpWriter.sdes(out, reporterSsrc(), cname);
        RtcpWriter.echoResponse(out, reporterSsrc(), timestamp, 0);
        sendRtcp(out);
    }

    @Override
    public void onEchoResponse(long timestamp, long processingDelayUs) {
        long rtt = clock.nanoTime() - timestamp - processingDelayUs * 1000;
        if (rtt >= 0 && rtt < 10_000_000_000L) {
            counters.rttNs = rtt;
        }
    }

    /** Whether the peer has sent its SDES (the RIST handshake librist waits for). */
    public boolean peerHandshakeSeen() {
        return peerHandshake;
    }

    private final class DataHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket datagram) {
                onData(datagram);
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.malformed++; // ICMP unreachable and the like: keep listening
        }
    }

    private final class RtcpHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket datagram)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            ByteBuf buf = datagram.content();
            try {
                if (!settings.allowSender().test(datagram.sender())) {
                    counters.droppedByAllowList++;
                    return;
                }
                if (eap != null) {
                    eap.refuseSimpleProfile(datagram.sender());
                    return;
                }
                long now = clock.nanoTime();
                rtcpPeer = datagram.sender();
                if (onRtcpBytes(buf, now)) {
                    liveness.heard(datagram.sender(), now);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.malformed++;
        }
    }

    /** Sends the authenticator's EAPOL datagrams from P, the port the peer sends to. */
    private final class EapSocket implements EapolPort {
        @Override
        public void sendEapol(ByteBuf datagram, InetSocketAddress peer) {
            dataChannel.writeAndFlush(new DatagramPacket(datagram, peer), dataChannel.voidPromise());
        }

        @Override
        public io.netty.buffer.ByteBufAllocator alloc() {
            return dataChannel.alloc();
        }
    }
}
