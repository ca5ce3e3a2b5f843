package io.sluice.protocols.rist;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** Picks the datagram channel class that matches the I/O type of the event loop a flow gave us. */
final class RistChannels {
    private RistChannels() {}

    static DatagramChannel newDatagramChannel(EventLoop loop) {
        if (loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)) {
            return new EpollDatagramChannel();
        }
        return new NioDatagramChannel();
    }
}
