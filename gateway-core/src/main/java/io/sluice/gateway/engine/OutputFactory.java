package io.sluice.gateway.engine;

import io.netty.util.NetUtil;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Maps an output's config to the {@link Output} of its protocol: one {@code case} per protocol. Runs on the
 * caller's thread (a destination host name is resolved here, never on a loop).
 */
public final class OutputFactory {
    private OutputFactory() {}

    public static Output create(OutputDefinition output, EngineContext context) {
        String protocol = output.protocol() == null ? "" : output.protocol();
        return switch (protocol) {
            case "rtp" -> new RtpOutput(rtpSettings(output), context.transport(), context.clock());
            case "rtp-fec", "rist", "srt-listener", "srt-caller" -> throw new UnsupportedOperationException(
                    "Output " + output.name() + ": protocol " + protocol + " is not built into this Sluice yet");
            default -> throw new IllegalArgumentException("Output " + output.name() + ": protocol \"" + protocol
                    + "\" is not supported (expected rtp, rtp-fec, rist, srt-listener or srt-caller)");
        };
    }

    static RtpOutputSettings rtpSettings(OutputDefinition output) {
        if (output.destination() == null || output.port() == null) {
            throw new IllegalArgumentException("Output " + output.name() + ": Destination and Port are required for protocol rtp");
        }
        int port = output.port();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Output " + output.name() + ": Port " + port + " is out of range 1-65535");
        }
        InetSocketAddress destination = new InetSocketAddress(resolve(output.name(), output.destination()), port);
        int smoothingMs = output.smoothingLatency() == null ? 0 : output.smoothingLatency();
        int ttl = output.multicastTtl() == null ? RtpOutputSettings.DEFAULT_MULTICAST_TTL : output.multicastTtl();
        try {
            return new RtpOutputSettings(output.name(), destination, smoothingMs, ttl, RtpOutputSettings.DEFAULT_SEND_BUFFER_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Output " + output.name() + ": " + e.getMessage(), e);
        }
    }

    static InetAddress resolve(String outputName, String destination) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(destination);
        if (literal != null) {
            return literal;
        }
        try {
            return InetAddress.getByName(destination);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Output " + outputName + ": Destination \"" + destination
                    + "\" is neither an IP address nor a host name that resolves", e);
        }
    }
}
