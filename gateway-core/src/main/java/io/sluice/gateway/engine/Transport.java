package io.sluice.gateway.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * The socket layer a gateway runs on: Linux epoll (native; batched receive with recvmmsg and batched send with
 * sendmmsg, toolchain.md Q2) or Java NIO where epoll is unavailable. {@link #best()} picks epoll when it loads;
 * {@code -Dsluice.transport=nio} forces the fallback.
 */
public enum Transport {
    EPOLL,
    NIO;

    /** Largest datagram read whole: a 1500-byte Ethernet MTU minus IP/UDP headers fits, as do 1328-byte RTP/TS. */
    public static final int MAX_DATAGRAM_BYTES = 1500;
    /** Datagrams one recvmmsg may return (Netty slices one buffer of this many datagrams). */
    public static final int DATAGRAMS_PER_READ = 16;

    /** Epoll when available (and not overridden by {@code -Dsluice.transport=nio}), otherwise NIO. */
    public static Transport best() {
        String forced = System.getProperty("sluice.transport", "").toLowerCase(Locale.ROOT);
        if (forced.equals("nio")) {
            return NIO;
        }
        if (forced.equals("epoll")) {
            Epoll.ensureAvailability();
            return EPOLL;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * Datagram channels for {@code address}'s family: an IPv4 socket for an IPv4 address (multicast options need
     * the right family), an IPv6 one for IPv6, and a dual-stack socket for null (the wildcard bind).
     */
    public ChannelFactory<DatagramChannel> datagramChannels(InetAddress address) {
        SocketProtocolFamily family = address == null ? null
                : address instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        if (this == EPOLL) {
            return family == null ? EpollDatagramChannel::new : () -> new EpollDatagramChannel(family);
        }
        return family == null ? NioDatagramChannel::new : () -> new NioDatagramChannel(family);
    }

    /**
     * Receive options: with epoll, one read returns up to {@value #DATAGRAMS_PER_READ} datagrams in one recvmmsg,
     * each a slice of a single pooled buffer; NIO reads one datagram into a buffer of the largest datagram size.
     */
    public void configureReceive(Bootstrap bootstrap) {
        if (this == EPOLL) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES);
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES * DATAGRAMS_PER_READ));
        } else {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES));
        }
    }
}
