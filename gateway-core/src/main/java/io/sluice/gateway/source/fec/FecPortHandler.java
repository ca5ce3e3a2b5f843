package io.sluice.gateway.source.fec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * One of the three sockets of an rtp-fec source (media on IngestPort, column FEC on +2, row FEC on +4): drops and
 * counts senders outside the allow-list, hands the rest to the source's decoder. Takes ownership of each datagram.
 */
final class FecPortHandler extends ChannelInboundHandlerAdapter {
    private final RtpFecSource source;
    private final boolean media;

    FecPortHandler(RtpFecSource source, boolean media) {
        this.source = source;
        this.media = media;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ReferenceCountUtil.release(msg);
            source.counters().malformed++;
            return;
        }
        if (!source.allows(datagram)) {
            datagram.release();
            source.counters().droppedByAllowList++;
            return;
        }
        ByteBuf content = datagram.content();
        if (media) {
            source.onMedia(content);
        } else {
            source.onFec(content);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        source.onBatchComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        source.counters().receiveErrors++;      // a socket error on a datagram socket is not fatal: keep reading
    }
}
