package io.sluice.protocols.rist;

import io.sluice.protocols.rist.eap.SrpUser;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * A RIST receiver (listener) endpoint.
 *
 * @param bind          address and even port P: RTP on P (and main-profile GRE), simple-profile RTCP on P+1
 * @param latencyMs     receive buffer: every packet is released this long after it arrived (MediaConnect MaxLatency)
 * @param reorderMs     a gap is first requested after this long (librist reorder-buffer, 25 ms)
 * @param maxBitrateBps sizes the buffer ring
 * @param psk           main-profile pre-shared key, or null for clear traffic
 * @param cname         SDES CNAME sent to the peer
 * @param allowSender   datagrams from other senders are dropped and counted (WhitelistCidr); never null
 * @param srp           main-profile EAP-SRP: the user a peer must log in as before its traffic passes, or null
 * @param profile       the only profile accepted (the other is dropped, counted and reported as the link's problem,
 *                      protocols.md §4.9), or null to serve both and follow the peer; a key or SRP implies main
 */
public record RistReceiverSettings(InetSocketAddress bind, int latencyMs, int reorderMs, long maxBitrateBps,
        RistPskSettings psk, String cname, Predicate<InetSocketAddress> allowSender, SrpUser srp, RistProfile profile) {
    public RistReceiverSettings {
        if ((bind.getPort() & 1) != 0 || bind.getPort() < 2 || bind.getPort() > 65534) {
            throw new IllegalArgumentException("RIST port " + bind.getPort() + " must be even, 2-65534 (TR-06-1)");
        }
        if (latencyMs < 10 || latencyMs > 60_000) {
            throw new IllegalArgumentException("RIST latency " + latencyMs + " ms is out of range 10-60000");
        }
        if (reorderMs < 0 || reorderMs >= latencyMs) {
            throw new IllegalArgumentException("RIST reorder time " + reorderMs + " ms must be 0-" + (latencyMs - 1));
        }
        if (psk != null || srp != null) {
            profile = RistProfile.MAIN;
        }
    }

    /** Clear traffic, either profile, librist's 25 ms reorder time, any sender, 80 Mb/s ring. */
    public static RistReceiverSettings of(InetSocketAddress bind, int latencyMs) {
        return new RistReceiverSettings(bind, latencyMs, Math.min(25, latencyMs / 4), 80_000_000L, null, "sluice", a -> true,
                null, null);
    }

    public RistReceiverSettings withPsk(RistPskSettings key) {
        return new RistReceiverSettings(bind, latencyMs, reorderMs, maxBitrateBps, key, cname, allowSender, srp, profile);
    }

    public RistReceiverSettings withAllowSender(Predicate<InetSocketAddress> filter) {
        return new RistReceiverSettings(bind, latencyMs, reorderMs, maxBitrateBps, psk, cname, filter, srp, profile);
    }

    public RistReceiverSettings withMaxBitrate(long bps) {
        return new RistReceiverSettings(bind, latencyMs, reorderMs, bps, psk, cname, allowSender, srp, profile);
    }

    public RistReceiverSettings withSrp(SrpUser user) {
        return new RistReceiverSettings(bind, latencyMs, reorderMs, maxBitrateBps, psk, cname, allowSender, user, profile);
    }

    /** Accept only {@code only} (null: both); a key or SRP keeps main. */
    public RistReceiverSettings withProfile(RistProfile only) {
        return new RistReceiverSettings(bind, latencyMs, reorderMs, maxBitrateBps, psk, cname, allowSender, srp, only);
    }
}
