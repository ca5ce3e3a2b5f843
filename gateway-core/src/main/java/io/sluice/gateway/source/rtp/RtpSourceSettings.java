package io.sluice.gateway.source.rtp;

import io.sluice.gateway.allowlist.AllowList;

import java.net.InetSocketAddress;

/**
 * What an RTP/UDP source needs: where to listen (a wildcard address binds all interfaces) and whom to accept.
 *
 * @param receiveBufferBytes SO_RCVBUF to ask for (the kernel caps it at net.core.rmem_max)
 */
public record RtpSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList,
                                int receiveBufferBytes) {
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public RtpSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList) {
        this(name, listenAddress, allowList, DEFAULT_RECEIVE_BUFFER_BYTES);
    }
}
