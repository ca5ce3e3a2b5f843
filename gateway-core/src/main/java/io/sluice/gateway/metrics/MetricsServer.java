package io.sluice.gateway.metrics;

import io.netty.util.NetUtil;
import io.sluice.gateway.http.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Starts the HTTP listener of {@code sluice run}: {@code /metrics}, {@code /health}, {@code /ready}. */
public final class MetricsServer {
    public static final String DEFAULT_LISTEN = "127.0.0.1:8400";

    private MetricsServer() {}

    /** Binds {@code listen} and serves {@link MetricsEndpoint} over {@code provider}; throws naming the address. */
    public static HttpServer start(InetSocketAddress listen, FlowHealthProvider provider) {
        HttpServer server = new HttpServer(List.of(new MetricsEndpoint(new FlowMetrics(provider))));
        server.start(listen);
        return server;
    }

    /** {@code HOST:PORT} (IPv6 as {@code [::1]:8400}) to an address; throws with the expected form. */
    public static InetSocketAddress parseListen(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (address == null || port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen \"" + value + "\": expected IP:PORT, e.g. " + DEFAULT_LISTEN);
        }
        return new InetSocketAddress(address, port);
    }
}
