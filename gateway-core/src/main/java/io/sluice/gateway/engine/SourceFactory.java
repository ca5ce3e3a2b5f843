package io.sluice.gateway.engine;

import io.netty.util.NetUtil;
import io.sluice.config.Protocols;
import io.sluice.config.SluiceExtensionsConfig;
import io.sluice.config.SourceConfig;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.entitlement.EntitlementSource;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.source.fec.RtpFecSources;
import io.sluice.gateway.source.rist.RistEndpoints;
import io.sluice.gateway.source.rist.RistSource;
import io.sluice.gateway.source.rtp.RtpSource;
import io.sluice.gateway.source.rtp.RtpSourceSettings;
import io.sluice.gateway.source.srt.SrtEndpoints;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Maps a {@link SourceConfig} to the {@link Source} of its protocol: one {@code case} per protocol (the protocol
 * work adds its own). Protocols Sluice carries but this build does not yet fail with a message that says so;
 * protocols it cannot carry fail with the reason from {@link Protocols#refusal}.
 */
public final class SourceFactory {
    private SourceFactory() {}

    public static Source create(SourceConfig source, EngineContext context) {
        if (source.entitled()) {   // fed in-process by the flow that grants the entitlement
            return new EntitlementSource(source.name(), context.entitlements().link(source.entitlementArn()), context.clock());
        }
        if (source.protocol() == null) {
            throw new IllegalArgumentException("Source " + source.name() + ": Protocol is required"
                    + (source.entitled() ? " (entitlement sources are not built into this Sluice yet)" : ""));
        }
        return switch (source.protocol()) {
            // rtp and udp ingest are the same socket: RTP and plain MPEG-TS are told apart per datagram
            case RTP, UDP -> new RtpSource(rtpSettings(source, context), context.transport(), context.clock());
            case SRT_LISTENER, SRT_CALLER -> SrtEndpoints.source(source, context.secrets(), context.bindAddress(),
                    context.clock(), context.allocator());
            case RTP_FEC -> RtpFecSources.create(rtpSettings(source, context), source.maxLatency(), context);
            case RIST -> new RistSource(source.name(), RistEndpoints.sourceSettings(source, context), context.clock());
            case ZIXI_PUSH, ZIXI_PULL, CDI, ST2110_JPEGXS, FUJITSU_QOS, NDI_SPEED_HQ -> throw new IllegalArgumentException(
                    "Source " + source.name() + ": " + Protocols.refusal(source.protocol(), true));
        };
    }


    /** rtp/udp: IngestPort on the source's bind address, else the gateway's {@code --bind}, else all interfaces. */
    public static RtpSourceSettings rtpSettings(SourceConfig source, EngineContext context) {
        if (source.ingestPort() == null) {
            throw new IllegalArgumentException("Source " + source.name() + ": IngestPort is required for protocol "
                    + source.protocol().wireValue());
        }
        int port = source.ingestPort();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Source " + source.name() + ": IngestPort " + port + " is out of range 0-65535");
        }
        InetAddress bind = bindAddress("Source " + source.name(), source.sluiceExtensions().bindAddress(), context);
        AllowList allowList;
        try {
            allowList = AllowList.parse(source.whitelistCidr());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Source " + source.name() + ": WhitelistCidr " + e.getMessage(), e);
        }
        InetSocketAddress listen = bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
        SluiceExtensionsConfig x = source.sluiceExtensions();
        MulticastMembership membership = MulticastMembership.of("Source " + source.name(), bind, x.multicastInterface(),
                x.multicastSourceIp());
        return new RtpSourceSettings(source.name(), listen, allowList, RtpSourceSettings.DEFAULT_RECEIVE_BUFFER_BYTES,
                membership);
    }

    /** An IP address literal (no name lookup), or null when {@code text} is not one. */
    static InetAddress literal(String text) {
        return NetUtil.createInetAddressFromIpAddressString(text.strip());
    }

    /**
     * The configured bind address (an IP literal), else the gateway's, else null for all interfaces. A source whose
     * bind address is a multicast group joins it ({@link MulticastMembership}).
     */
    public static InetAddress bindAddress(String who, String configured, EngineContext context) {
        if (configured == null || configured.isBlank()) {
            return context == null ? null : context.bindAddress();
        }
        InetAddress bind = NetUtil.createInetAddressFromIpAddressString(configured.strip());
        if (bind == null) {
            throw new IllegalArgumentException(who + ": SluiceExtensions.BindAddress \"" + configured
                    + "\" is not an IP address");
        }
        return bind;
    }
}
