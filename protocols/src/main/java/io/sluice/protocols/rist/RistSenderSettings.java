package io.sluice.protocols.rist;

import io.sluice.protocols.rist.eap.SrpLogin;
import java.net.InetSocketAddress;

/**
 * A RIST sender (caller) endpoint.
 *
 * @param destination   receiver address and even port P (simple: RTP to P, RTCP to P+1; main: GRE to P)
 * @param profile       simple or main; main is forced when a key is set
 * @param bufferMs      how long sent packets are kept for retransmission (librist: buffer + 2 x max RTT)
 * @param maxBitrateBps sizes the retransmission ring
 * @param psk           main-profile pre-shared key, or null
 * @param cname         SDES CNAME
 * @param srp           main-profile EAP-SRP login (librist username/password), or null; forces the main profile
 */
public record RistSenderSettings(InetSocketAddress destination, RistProfile profile, int bufferMs, long maxBitrateBps,
        RistPskSettings psk, String cname, SrpLogin srp) {
    public RistSenderSettings {
        if ((destination.getPort() & 1) != 0 && profile == RistProfile.SIMPLE && psk == null && srp == null) {
            throw new IllegalArgumentException("RIST simple-profile port " + destination.getPort() + " must be even (TR-06-1)");
        }
        if (bufferMs < 10 || bufferMs > 60_000) {
            throw new IllegalArgumentException("RIST sender buffer " + bufferMs + " ms is out of range 10-60000");
        }
        if (psk != null || srp != null) {
            profile = RistProfile.MAIN;
        }
    }

    public static RistSenderSettings of(InetSocketAddress destination, RistProfile profile, int bufferMs) {
        return new RistSenderSettings(destination, profile, bufferMs, 80_000_000L, null, "sluice", null);
    }

    public RistSenderSettings withPsk(RistPskSettings key) {
        return new RistSenderSettings(destination, RistProfile.MAIN, bufferMs, maxBitrateBps, key, cname, srp);
    }

    public RistSenderSettings withSrp(SrpLogin login) {
        return new RistSenderSettings(destination, RistProfile.MAIN, bufferMs, maxBitrateBps, psk, cname, login);
    }
}
