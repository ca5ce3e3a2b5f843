package io.sluice.gateway.output.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * What an RTP output needs.
 *
 * @param destination        unicast or multicast, IPv4 or IPv6, already resolved
 * @param smoothingLatencyMs 0: send on arrival; otherwise pace over up to this many milliseconds
 * @param multicastTtl       IP TTL / hop limit for a multicast destination (SluiceExtensions.MulticastTtl, default 16)
 * @param sendBufferBytes    SO_SNDBUF to ask for
 * @param sendFrom           local address to send from (SluiceExtensions.BindAddress), null for the kernel's choice
 * @param plainTs            protocol {@code udp}: send the MPEG-TS payload without its RTP header
 * @param multicastInterface where multicast leaves (MulticastInterface); null: the send-from address's interface,
 *                           else the kernel's route
 * @param multicastLoopback  IP_MULTICAST_LOOP for a multicast destination (MulticastLoopback); null: the system's
 *                           default (on)
 */
public record RtpOutputSettings(String name, InetSocketAddress destination, int smoothingLatencyMs, int multicastTtl,
                                int sendBufferBytes, InetAddress sendFrom, boolean plainTs,
                                NetworkInterface multicastInterface, Boolean multicastLoopback) {
    public static final int DEFAULT_MULTICAST_TTL = 16;
    public static final int DEFAULT_SEND_BUFFER_BYTES = 1 << 20;

    public RtpOutputSettings {
        if (smoothingLatencyMs < 0) {
            throw new IllegalArgumentException("SmoothingLatency " + smoothingLatencyMs + " is negative (expected 0 or more ms)");
        }
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("MulticastTtl " + multicastTtl + " is out of range 0-255");
        }
    }

    public RtpOutputSettings(String name, InetSocketAddress destination, int smoothingLatencyMs, int multicastTtl,
                             int sendBufferBytes, InetAddress sendFrom, boolean plainTs) {
        this(name, destination, smoothingLatencyMs, multicastTtl, sendBufferBytes, sendFrom, plainTs, null, null);
    }

    public RtpOutputSettings(String name, InetSocketAddress destination, int smoothingLatencyMs) {
        this(name, destination, smoothingLatencyMs, DEFAULT_MULTICAST_TTL, DEFAULT_SEND_BUFFER_BYTES, null, false);
    }

    /** The same output sending to {@code other} (rtp-fec's FEC ports), multicast settings kept. */
    public RtpOutputSettings to(String otherName, InetSocketAddress other, boolean otherPlainTs) {
        return new RtpOutputSettings(otherName, other, smoothingLatencyMs, multicastTtl, sendBufferBytes, sendFrom,
                otherPlainTs, multicastInterface, multicastLoopback);
    }
}
