package io.sluice.protocols.rist;

import io.sluice.protocols.rist.eap.SrpLogin;
import java.net.InetSocketAddress;

/**
 * A RIST sender (caller) endpoint.
 *
 * @param destination      receiver address and even port P (simple: RTP to P, RTCP to P+1; main: GRE to P)
 * @param profile          simple or main; main is forced when a key or an SRP login is set
 * @param bufferMs         how long sent packets are kept for retransmission (librist: buffer + 2 x max RTT)
 * @param maxBitrateBps    sizes the retransmission ring
 * @param psk              main-profile pre-shared key, or null
 * @param cname            SDES CNAME
 * @param srp              main-profile EAP-SRP login (librist username/password), or null; forces the main profile
 * @param extendedSequence send 32-bit sequence numbers (TR-06-2 RTP header extension with E; NACKs may then carry
 *                         EXTSEQ): needed when more than 32768 packets are held for retransmission, i.e. long
 *                         buffers at high bitrates, where 16-bit numbers would be ambiguous
 */
public record RistSenderSettings(InetSocketAddress destination, RistProfile profile, int bufferMs, long maxBitrateBps,
        RistPskSettings psk, String cname, SrpLogin srp, boolean extendedSequence) {
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
        return new RistSenderSettings(destination, profile, bufferMs, 80_000_000L, null, "sluice", null, false);
    }

    public RistSenderSettings withPsk(RistPskSettings key) {
        return new RistSenderSettings(destination, RistProfile.MAIN, bufferMs, maxBitrateBps, key, cname, srp,
                extendedSequence);
    }

    public RistSenderSettings withSrp(SrpLogin login) {
        return new RistSenderSettings(destination, RistProfile.MAIN, bufferMs, maxBitrateBps, psk, cname, login,
                extendedSequence);
    }

    public RistSenderSettings withExtendedSequence(boolean on) {
        return new RistSenderSettings(destination, profile, bufferMs, maxBitrateBps, psk, cname, srp, on);
    }

    public RistSenderSettings withMaxBitrate(long bps) {
        return new RistSenderSettings(destination, profile, bufferMs, bps, psk, cname, srp, extendedSequence);
    }
}
