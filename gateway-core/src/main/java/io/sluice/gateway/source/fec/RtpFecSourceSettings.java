package io.sluice.gateway.source.fec;

import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.engine.MulticastMembership;
import java.net.InetSocketAddress;

/**
 * What an rtp-fec source needs: the media address (FEC on its port +2 and +4), whom to accept on all three, and
 * how long a lost packet may hold the stream back.
 *
 * @param holdNs             longest wait for a lost packet's FEC (the source's MaxLatency, else 1000 ms)
 * @param receiveBufferBytes SO_RCVBUF per socket
 * @param multicast          the group all three sockets join when {@code listenAddress} is one, else null
 */
public record RtpFecSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList, long holdNs,
                                   int receiveBufferBytes, MulticastMembership multicast) {
    public static final long DEFAULT_HOLD_NS = 1_000_000_000L;
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public RtpFecSourceSettings {
        if (listenAddress.getPort() > 65531) {
            throw new IllegalArgumentException("IngestPort " + listenAddress.getPort()
                    + " leaves no room for the FEC ports +2 and +4 (expected at most 65531)");
        }
        if (holdNs <= 0) {
            throw new IllegalArgumentException("FEC hold time " + holdNs + " ns must be positive");
        }
    }

    public RtpFecSourceSettings(String name, InetSocketAddress listenAddress, AllowList allowList, long holdNs,
                                int receiveBufferBytes) {
        this(name, listenAddress, allowList, holdNs, receiveBufferBytes, null);
    }
}
