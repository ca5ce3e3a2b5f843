package io.sluice.gateway.engine;

import io.netty.util.NetUtil;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.source.rtp.RtpSource;
import io.sluice.gateway.source.rtp.RtpSourceSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Maps a source's config to the {@link Source} of its protocol: one {@code case} per protocol. Protocols Sluice
 * will carry but that are not built yet, and protocols it cannot carry, fail with a message that says which.
 */
public final class SourceFactory {
    private SourceFactory() {}

    public static Source create(SourceDefinition source, EngineContext context) {
        String protocol = source.protocol() == null ? "" : source.protocol();
        return switch (protocol) {
            case "rtp" -> new RtpSource(rtpSettings(source, context), context.transport(), context.clock());
            case "rtp-fec", "rist", "srt-listener", "srt-caller" -> throw new UnsupportedOperationException(
                    "Source " + source.name() + ": protocol " + protocol + " is not built into this Sluice yet");
            default -> throw new IllegalArgumentException("Source " + source.name() + ": protocol \"" + protocol
                    + "\" is not supported (expected rtp, rtp-fec, rist, srt-listener or srt-caller)");
        };
    }

    static RtpSourceSettings rtpSettings(SourceDefinition source, EngineContext context) {
        if (source.ingestPort() == null) {
            throw new IllegalArgumentException("Source " + source.name() + ": IngestPort is required for protocol rtp");
        }
        int port = source.ingestPort();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Source " + source.name() + ": IngestPort " + port + " is out of range 0-65535");
        }
        InetAddress bind = context.bindAddress();
        if (source.bindAddress() != null) {
            bind = NetUtil.createInetAddressFromIpAddressString(source.bindAddress());
            if (bind == null) {
                throw new IllegalArgumentException("Source " + source.name() + ": bind address \"" + source.bindAddress()
                        + "\" is not an IP address");
            }
        }
        AllowList allowList;
        try {
            allowList = AllowList.parse(source.whitelistCidr());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Source " + source.name() + ": WhitelistCidr " + e.getMessage(), e);
        }
        InetSocketAddress listen = bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
        return new RtpSourceSettings(source.name(), listen, allowList);
    }
}
