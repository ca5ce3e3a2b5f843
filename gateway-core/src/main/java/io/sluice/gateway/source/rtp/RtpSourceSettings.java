package io.sluice.gateway.source.rtp;

import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.engine.MulticastMembership;

import java.net.InetSocketAddress;

/**
 * What an RTP/UDP source needs: where to listen (a wildcard address binds all interfaces; a multicast group binds
 * that group's port and joins it) and whom to accept.
 *
 * @param receiveBufferBytes SO_RCVBUF to ask for (the kernel caps it at net.core.rmem_max)
 * @param multicast          the group to join when {@code listenAddress} is one, else null
 */
public record RtpSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList,
                                int receiveBufferBytes, MulticastMembership multicast) {
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public RtpSourceSettings {
        if (multicast != null && !multicast.group().equals(listenAddress.getAddress())) {
            throw new IllegalArgumentException("multicast group " + multicast.group().getHostAddress()
                    + " differs from the listen address " + listenAddress.getAddress().getHostAddress());
        }
    }

    public RtpSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList, int receiveBufferBytes) {
        this(name, listenAddress, allowList, receiveBufferBytes, null);
    }

    public RtpSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList) {
        this(name, listenAddress, allowList, DEFAULT_RECEIVE_BUFFER_BYTES, null);
    }
}
