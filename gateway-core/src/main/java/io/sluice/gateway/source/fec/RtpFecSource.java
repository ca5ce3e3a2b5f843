package io.sluice.gateway.source.fec;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.engine.MulticastMembership;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.protocols.fec.FecDecoder;
import io.sluice.protocols.fec.FecDecoderCounters;
import io.sluice.protocols.time.NanoClock;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Protocol {@code rtp-fec} in (SMPTE 2022-1): media RTP on IngestPort, column FEC on IngestPort+2, row FEC on +4,
 * each socket behind the source's allow-list (and, for a multicast group, each joined to it). A {@link FecDecoder} rebuilds lost media packets and releases media in
 * sequence order; a 5 ms timer gives up losses whose hold time passed when no packet arrives. See docs/fec.md.
 *
 * <p>{@link #counters()}: packets and bytes released, {@code lost} (lost before FEC), {@code recovered},
 * duplicates, malformed media and FEC, allow-list drops on all three ports; {@link #fecCounters()} has the rest.
 */
public final class RtpFecSource implements Source {
    private static final long POLL_MS = 5;
    /** Media packets after which a stream without a single FEC packet is reported: any 2022-1 matrix (L x D <= 100,
     *  or 1020 for ffmpeg's largest) has sent its first FEC packet long before. */
    static final long MEDIA_WITHOUT_FEC_PROBLEM = 2000;

    private final RtpFecSourceSettings settings;
    private final Transport transport;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final SenderFilter senderFilter;
    private final FecDecoder decoder;
    private final Runnable pollTask = this::poll;
    private final Channel[] channels = new Channel[3];
    private PacketSink sink;
    private ScheduledFuture<?> pollTimer;
    private boolean released;                         // the decoder released a packet since the last batch end

    public RtpFecSource(RtpFecSourceSettings settings, Transport transport, NanoClock clock, ByteBufAllocator allocator) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.senderFilter = new SenderFilter(settings.allowList());
        this.decoder = new FecDecoder(allocator, this::onReleased, settings.holdNs(), FecDecoder.DEFAULT_MAX_MATRIX_PACKETS);
    }

    @Override
    public String name() {
        return settings.name();
    }

    public RtpFecSourceSettings settings() {
        return settings;
    }

    /** FEC figures (recovered, unrecoverable, FEC packets dropped and why); read on the loop. */
    public FecDecoderCounters fecCounters() {
        return decoder.counters();
    }

    /** The bound media address once open (the real port when the settings asked for port 0), else null. */
    public InetSocketAddress localAddress() {
        return channels[0] == null ? null : (InetSocketAddress) channels[0].localAddress();
    }

    @Override
    public Future<Void> open(EventLoop loop, PacketSink sink) {
        Promise<Void> opened = loop.newPromise();
        if (channels[0] != null) {
            return opened.setSuccess(null);
        }
        this.sink = sink;
        InetSocketAddress media = settings.listenAddress();
        PromiseCombiner all = new PromiseCombiner(loop);
        MulticastMembership multicast = settings.multicast();
        for (int i = 0; i < 3; i++) {
            InetSocketAddress listen = new InetSocketAddress(media.getAddress(), media.getPort() + 2 * i);
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop)
                    .channelFactory(transport.datagramChannels(media.getAddress().isAnyLocalAddress() ? null : media.getAddress()))
                    .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                    .handler(new FecPortHandler(this, i == 0));
            transport.configureReceive(bootstrap);
            if (multicast != null) {
                bootstrap.option(ChannelOption.SO_REUSEADDR, true);
            }
            ChannelFuture bind = bootstrap.bind(listen);
            channels[i] = bind.channel();
            String what = i == 0 ? "IngestPort " + listen.getPort() : "IngestPort+" + 2 * i + " (" + listen.getPort()
                    + ", " + (i == 1 ? "column" : "row") + " FEC)";
            Promise<Void> one = loop.newPromise();
            bind.addListener(f -> {
                if (!f.isSuccess()) {
                    one.setFailure(StartFailure.of(what, f.cause()));
                } else if (multicast == null) {
                    one.setSuccess(null);
                } else {
                    multicast.join((DatagramChannel) bind.channel()).addListener(joined -> {
                        if (joined.isSuccess()) {
                            one.setSuccess(null);
                        } else {
                            one.setFailure(new StartFailure(what + ": cannot join the multicast group "
                                    + multicast.describe() + ": " + joined.cause().getMessage(), joined.cause()));
                        }
                    });
                }
            });
            all.add(one);
        }
        Promise<Void> bound = loop.newPromise();
        all.finish(bound);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                pollTimer = loop.scheduleAtFixedRate(pollTask, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
                opened.setSuccess(null);
            } else {
                closeChannels();
                opened.setFailure(f.cause());
            }
        });
        return opened;
    }

    boolean allows(DatagramPacket datagram) {
        return senderFilter.allows(datagram.sender());
    }

    /** A media datagram's content (ownership passes to the decoder). */
    void onMedia(ByteBuf content) {
        decoder.onMedia(content, clock.nanoTime());
        syncCounters();
    }

    /** A FEC datagram's content (ownership passes to the decoder). */
    void onFec(ByteBuf content) {
        decoder.onFec(content, clock.nanoTime());
        syncCounters();
    }

    void onBatchComplete() {
        if (released) {
            released = false;
            sink.onBatchComplete();
        }
    }

    private void onReleased(ByteBuf packet, long arrivalNs) {
        counters.onPacket(packet.readableBytes(), arrivalNs);
        released = true;
        sink.onPacket(packet, arrivalNs);
    }

    private void poll() {
        decoder.poll(clock.nanoTime());
        syncCounters();
        onBatchComplete();
    }

    private void syncCounters() {
        FecDecoderCounters fec = decoder.counters();
        counters.lost = fec.lostBeforeFec;
        counters.recovered = fec.recovered;
        counters.duplicates = fec.mediaDuplicates;
        counters.malformed = fec.mediaMalformed + fec.fecMalformed + fec.fecLengthMismatch;
        counters.discontinuities = fec.resyncs;
    }

    @Override
    public Future<Void> close() {
        if (pollTimer != null) {
            pollTimer.cancel(false);
            pollTimer = null;
        }
        Future<Void> closed = closeChannels();
        decoder.close();
        return closed;
    }

    private Future<Void> closeChannels() {
        Future<Void> last = ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        for (int i = 0; i < 3; i++) {
            if (channels[i] != null) {
                last = channels[i].close();
                channels[i] = null;
            }
        }
        return last;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    /**
     * FEC packets received on IngestPort+2 and +4 ({@code FECPackets}) and media packets rebuilt from them
     * ({@code FECRecovered}); a problem line when media arrives without usable FEC (the sender's FEC is off or
     * goes elsewhere, or is not 2022-1 XOR FEC). Connectionless: no peer, no ARQ, no RTT.
     */
    @Override
    public LinkStats linkStats() {
        FecDecoderCounters fec = decoder.counters();
        long fecPackets = fec.columnFecReceived + fec.rowFecReceived;
        LinkStats.Builder stats = LinkStats.builder().fec(fecPackets, fec.recovered);
        int port = settings.listenAddress().getPort();
        if (fecPackets == 0 && fec.fecMalformed + fec.fecLengthMismatch > 0) {
            stats.problem((fec.fecMalformed + fec.fecLengthMismatch) + " packets on ports " + (port + 2) + "/"
                    + (port + 4) + " are not usable SMPTE 2022-1 XOR FEC; nothing can be recovered");
        } else if (fecPackets == 0 && fec.mediaReceived >= MEDIA_WITHOUT_FEC_PROBLEM) {
            stats.problem("no FEC packets on ports " + (port + 2) + "/" + (port + 4) + " after " + fec.mediaReceived
                    + " media packets: is FEC on at the sender, and sent to IngestPort+2 and +4?");
        }
        return stats.build();
    }
}
