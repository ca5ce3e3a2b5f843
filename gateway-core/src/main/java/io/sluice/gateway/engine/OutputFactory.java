package io.sluice.gateway.engine;

import io.netty.util.NetUtil;
import io.sluice.config.OutputConfig;
import io.sluice.config.Protocols;
import io.sluice.config.SluiceExtensionsConfig;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.output.fec.RtpFecOutputs;
import io.sluice.gateway.output.rist.RistOutput;
import io.sluice.gateway.source.rist.RistEndpoints;
import io.sluice.gateway.source.srt.SrtEndpoints;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;

/**
 * Maps an {@link OutputConfig} to the {@link Output} of its protocol: one {@code case} per protocol (the protocol
 * work adds its own). Runs on the caller's thread: a destination host name is resolved here, never on a loop.
 */
public final class OutputFactory {
    private OutputFactory() {}

    public static Output create(OutputConfig output, EngineContext context) {
        if (output.protocol() == null) {
            throw new IllegalArgumentException("Output " + output.name() + ": Protocol is required");
        }
        return switch (output.protocol()) {
            case RTP -> new RtpOutput(rtpSettings(output, context, false), context.transport(), context.clock());
            case UDP -> new RtpOutput(rtpSettings(output, context, true), context.transport(), context.clock());
            case SRT_LISTENER, SRT_CALLER -> SrtEndpoints.output(output, context.secrets(), context.bindAddress(),
                    context.clock());
            case RTP_FEC -> RtpFecOutputs.create(output, rtpSettings(output, context, false), context);
            case RIST -> new RistOutput(output.name(), RistEndpoints.outputSettings(output,
                    resolve(output.name(), required(output, output.destination(), "Destination")), context),
                    output.smoothingLatency() == null ? 0 : output.smoothingLatency(), context.clock());
            case ZIXI_PUSH, ZIXI_PULL, CDI, ST2110_JPEGXS, FUJITSU_QOS, NDI_SPEED_HQ -> throw new IllegalArgumentException(
                    "Output " + output.name() + ": " + Protocols.refusal(output.protocol(), false));
        };
    }

    /** rtp (RTP packets as they are) or udp ({@code plainTs}: the MPEG-TS payload without the RTP header). */
    public static RtpOutputSettings rtpSettings(OutputConfig output, EngineContext context, boolean plainTs) {
        if (output.destination() == null || output.port() == null) {
            throw new IllegalArgumentException("Output " + output.name() + ": Destination and Port are required for protocol "
                    + output.protocol().wireValue());
        }
        int port = output.port();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Output " + output.name() + ": Port " + port + " is out of range 1-65535");
        }
        InetSocketAddress destination = new InetSocketAddress(resolve(output.name(), output.destination()), port);
        int smoothingMs = output.smoothingLatency() == null ? 0 : output.smoothingLatency();
        SluiceExtensionsConfig x = output.sluiceExtensions();
        InetAddress from = SourceFactory.bindAddress("Output " + output.name(), x.bindAddress(), context);
        boolean multicast = destination.getAddress().isMulticastAddress();
        NetworkInterface via = multicast && x.multicastInterface() != null
                ? MulticastMembership.named("Output " + output.name(), "MulticastInterface", x.multicastInterface()) : null;
        try {
            return new RtpOutputSettings(output.name(), destination, smoothingMs,
                    x.multicastTtl() == null ? RtpOutputSettings.DEFAULT_MULTICAST_TTL : x.multicastTtl(),
                    RtpOutputSettings.DEFAULT_SEND_BUFFER_BYTES, from, plainTs, via, multicast ? x.multicastLoopback() : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Output " + output.name() + ": " + e.getMessage(), e);
        }
    }

    private static String required(OutputConfig output, String value, String member) {
        if (value == null) {
            throw new IllegalArgumentException("Output " + output.name() + ": " + member + " is required for protocol "
                    + output.protocol().wireValue());
        }
        return value;
    }

    static InetAddress resolve(String outputName, String destination) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(destination.strip());
        if (literal != null) {
            return literal;
        }
        try {
            return InetAddress.getByName(destination.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Output " + outputName + ": Destination \"" + destination
                    + "\" is neither an IP address nor a host name that resolves", e);
        }
    }
}
