package io.sluice.gateway.source.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.engine.MulticastMembership;
import io.sluice.gateway.engine.Transport;
import io.sluice.gateway.flow.PacketSink;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.protocols.rtp.RtpOriginator;
import io.sluice.protocols.rtp.RtpSequenceTracker;
import io.sluice.protocols.time.NanoClock;

import java.net.InetSocketAddress;

/**
 * Protocol {@code rtp} in: one UDP socket on {@code IngestPort}, read in batches (recvmmsg on epoll), RTP or plain
 * MPEG-TS accepted (see {@link RtpSourceHandler}). When the bind address is a multicast group the socket binds the
 * group's port (with SO_REUSEADDR, so other receivers on this host can too) and joins the group once bound
 * ({@link MulticastMembership}); closing leaves it. Can be opened again after {@link #close()}; counters survive.
 */
public final class RtpSource implements Source {
    private final RtpSourceSettings settings;
    private final Transport transport;
    private final NanoClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final RtpSequenceTracker tracker = new RtpSequenceTracker();
    private final RtpOriginator originator = new RtpOriginator();
    private final SenderFilter senderFilter;
    private Channel channel;

    public RtpSource(RtpSourceSettings settings, Transport transport, NanoClock clock) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.senderFilter = new SenderFilter(settings.allowList());
    }

    @Override
    public String name() {
        return settings.name();
    }

    public RtpSourceSettings settings() {
        return settings;
    }

    /** The bound address once open (the real port when the settings asked for port 0), else null. */
    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    @Override
    public Future<Void> open(EventLoop loop, PacketSink sink) {
        Promise<Void> opened = loop.newPromise();
        if (channel != null) {
            return opened.setSuccess(null);
        }
        InetSocketAddress listen = settings.listenAddress();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(transport.datagramChannels(listen.getAddress().isAnyLocalAddress() ? null : listen.getAddress()))
                .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                .handler(new RtpSourceHandler(senderFilter, counters, tracker, originator, clock, sink));
        transport.configureReceive(bootstrap);
        MulticastMembership multicast = settings.multicast();
        if (multicast != null) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        ChannelFuture bind = bootstrap.bind(listen);
        Channel bound = bind.channel();
        channel = bound;
        bind.addListener(f -> {
            if (!f.isSuccess()) {
                channel = null;
                opened.setFailure(StartFailure.of("IngestPort " + listen.getPort(), f.cause()));
            } else if (multicast == null) {
                opened.setSuccess(null);
            } else {
                multicast.join((DatagramChannel) bound).addListener(joined -> {
                    if (joined.isSuccess()) {
                        opened.setSuccess(null);
                    } else {
                        if (channel == bound) {
                            channel = null;
                        }
                        bound.close();
                        opened.setFailure(new StartFailure("IngestPort " + listen.getPort() + ": cannot join the multicast group "
                                + multicast.describe() + ": " + joined.cause().getMessage(), joined.cause()));
                    }
                });
            }
        });
        return opened;
    }

    @Override
    public Future<Void> close() {
        Channel open = channel;
        channel = null;
        if (open == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        return open.close();
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }
}
