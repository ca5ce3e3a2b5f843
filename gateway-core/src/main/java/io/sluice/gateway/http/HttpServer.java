package io.sluice.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP listener shared by {@code sluice run} (metrics, health) and {@code sluice serve} (also the REST API).
 * Netty parses requests on its own small group; endpoints run on a worker pool, never on a flow's event loop.
 * Bodies over {@link #MAX_BODY_BYTES} are refused with 413 by the aggregator.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final List<HttpEndpoint> endpoints;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("http-worker-", 0).factory());
    private Channel channel;

    public HttpServer(List<HttpEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** Binds {@code listen}; fails with a message naming the address when it is taken. */
    public InetSocketAddress start(InetSocketAddress listen) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES), new Dispatcher());
                    }
                });
        try {
            channel = bootstrap.bind(listen).syncUninterruptibly().channel();
        } catch (Exception e) {
            close();
            String reason = e instanceof BindException ? "is already in use by another process" : "cannot be bound: " + e.getMessage();
            throw new IllegalStateException("HTTP listen address " + listen.getHostString() + ":" + listen.getPort() + " " + reason, e);
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        LOG.info("event=http_listening address={}:{}", bound.getHostString(), bound.getPort());
        return bound;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FullHttpResponse answer(FullHttpRequest request) {
        for (HttpEndpoint endpoint : endpoints) {
            FullHttpResponse response = endpoint.handle(request);
            if (response != null) {
                return response;
            }
        }
        return text(HttpResponseStatus.NOT_FOUND, "{\"message\":\"no such resource: " + request.uri().replace("\"", "") + "\"}");
    }

    /** A small JSON/text response helper for endpoints. */
    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE,
                body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain; charset=utf-8");
        return response;
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        Dispatcher() {
            super(false); // the request is released after the worker answered
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            try {
                workers.execute(() -> respond(ctx, request, keepAlive));
            } catch (RejectedExecutionException e) {
                request.release();
                ctx.close();
            }
        }

        private void respond(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
            FullHttpResponse response;
            try {
                response = answer(request);
            } catch (RuntimeException e) {
                LOG.warn("event=http_error uri={} error={}", request.uri(), e.toString());
                response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"message\":\"internal error\"}");
            } finally {
                request.release();
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
