package io.sluice.protocols.rist.eap;

import io.netty.buffer.ByteBuf;
import io.sluice.crypto.srp.SrpAuthenticatee;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The sending side of RIST EAP-SRP (librist's "authenticatee", {@code rist://host:port?username=..&password=..}):
 * answers the receiver's identity, challenge, server-key and validator requests for one {@link SrpLogin}, and knows
 * whether the receiver has let it in. Until then a {@code RistSender} holds its media, since a librist receiver
 * drops everything but EAPOL from an unauthenticated peer.
 *
 * <p>Like librist it counts itself authenticated once the receiver's M2 checks out (the EAP-Success that follows
 * is a formality), stays authenticated through the receiver's re-authentications (librist's receiver repeats the
 * exchange every 3 s) and loses it on an EAP-Failure. While not authenticated it sends EAPOL-Start every
 * {@link #START_INTERVAL_NS} unless the receiver is talking to it. Runs on the sender's event loop; the SRP work
 * (three 2048-bit exponentiations with 256 to 512-bit exponents) costs about 1.4 ms of CPU there per exchange.
 */
public final class EapAuthenticatee {
    /** EAPOL-Start repeat while nothing is heard; librist's receiver retries its own requests every 500 ms. */
    static final long START_INTERVAL_NS = 1_000_000_000L;

    private final SrpLogin login;
    private final byte[] identity;
    private final EapolPort port;
    private final SrpAuthenticatee srp;
    private final EapolView view = new EapolView();
    private final EapCounters counters = new EapCounters();
    private boolean authenticated;
    private byte[] salt;
    private boolean keySent;
    private long lastStartNs;
    private long lastHeardNs;
    private boolean heard;
    private boolean started;

    public EapAuthenticatee(SrpLogin login, EapolPort port, SecureRandom random) {
        this.login = login;
        this.identity = login.username().getBytes(StandardCharsets.UTF_8);
        this.port = port;
        byte[] password = login.password();
        try {
            this.srp = new SrpAuthenticatee(identity, password, random);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        counters.problem = "waiting for the receiver's EAP-SRP identity request";
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    public EapCounters counters() {
        return counters;
    }

    /**
     * Sends EAPOL-Start when one is due (at once, then every {@link #START_INTERVAL_NS} while unauthenticated and the
     * receiver is silent). Returns true when it did: a librist receiver creates its peer only from an RTCP packet
     * and ignores EAPOL from unknown peers, so the caller sends an RTCP compound along.
     */
    public boolean onTick(long nowNs) {
        if (authenticated || (started && (nowNs - lastStartNs < START_INTERVAL_NS
                || (heard && nowNs - lastHeardNs < START_INTERVAL_NS)))) {
            return false;
        }
        started = true;
        lastStartNs = nowNs;
        port.sendEapol(Eapol.start(port.alloc()), null);
        return true;
    }

    /** Counts a media packet dropped because the receiver has not let us in (yet). */
    public void countDropped() {
        counters.droppedUnauthenticated++;
    }

    /**
     * Handles one GRE/EAPOL datagram from the receiver (its readable bytes; not taken). Returns true when this
     * datagram authenticated us (the caller releases held media then).
     */
    public boolean onEapol(ByteBuf datagram, long nowNs) {
        if (!view.wrap(datagram) || view.eapolType() != Eapol.TYPE_EAP) {
            counters.malformed++; // a receiver never sends start/logoff
            return false;
        }
        lastHeardNs = nowNs;
        heard = true;
        int identifier = view.identifier();
        return switch (view.code()) {
            case Eapol.CODE_REQUEST -> onRequest(identifier);
            case Eapol.CODE_SUCCESS -> false; // authenticated already with M2; a success without M2 proves nothing
            case Eapol.CODE_FAILURE -> onFailure();
            default -> {
                counters.malformed++;
                yield false;
            }
        };
    }

    private boolean onRequest(int identifier) {
        if (view.type() == Eapol.EAP_IDENTITY) {
            keySent = false;
            respond(identifier, Eapol.EAP_IDENTITY, Eapol.NO_TYPE, identity);
            return false;
        }
        if (view.type() != Eapol.EAP_SRP) {
            counters.malformed++; // librist asks for nothing else; a NAK would not help it either
            return false;
        }
        byte[] data = view.srpData();
        switch (view.subtype()) {
            case Eapol.SRP_CHALLENGE -> onChallenge(identifier, data);
            case Eapol.SRP_KEY -> onServerKey(identifier, data);
            case Eapol.SRP_VALIDATOR -> {
                return onServerValidator(identifier, data);
            }
            default -> counters.malformed++; // lightweight re-challenge: librist never sends it
        }
        return false;
    }

    /** name_len 16, name, salt_len 16, salt, gen_len 16 [g, N]: answer with A. */
    private void onChallenge(int identifier, byte[] data) {
        int nameEnd = 2 + field(data, 0);
        if (nameEnd + 2 > data.length) {
            counters.malformed++;
            return;
        }
        int saltLength = field(data, nameEnd);
        int saltEnd = nameEnd + 2 + saltLength;
        if (saltLength == 0 || saltEnd + 2 > data.length) {
            counters.malformed++;
            return;
        }
        if (field(data, saltEnd) != 0) {
            counters.failures++;
            counters.problem = "the receiver asks for a non-default SRP group; Sluice speaks only librist's RFC 5054 "
                    + "2048-bit group";
            return;
        }
        salt = Arrays.copyOfRange(data, nameEnd + 2, saltEnd);
        keySent = true;
        respond(identifier, Eapol.EAP_SRP, Eapol.SRP_CHALLENGE, srp.clientKey());
    }

    private void onServerKey(int identifier, byte[] serverKey) {
        if (!keySent) {
            counters.malformed++;
            return;
        }
        byte[] m1 = srp.clientEvidence(salt, serverKey);
        if (m1 == null) {
            counters.failures++;
            counters.problem = "the receiver sent an invalid SRP server key (B mod N = 0): not a genuine peer";
            return;
        }
        respond(identifier, Eapol.EAP_SRP, Eapol.SRP_KEY, new byte[Eapol.VALIDATOR_RESERVED_BYTES], m1);
    }

    private boolean onServerValidator(int identifier, byte[] data) {
        if (data.length < Eapol.VALIDATOR_RESERVED_BYTES + 32) {
            counters.malformed++;
            return false;
        }
        byte[] m2 = Arrays.copyOfRange(data, Eapol.VALIDATOR_RESERVED_BYTES, Eapol.VALIDATOR_RESERVED_BYTES + 32);
        if (!srp.verifyServerEvidence(m2)) {
            authenticated = false;
            counters.failures++;
            counters.problem = "the receiver could not prove it holds the verifier of user \"" + login.username()
                    + "\" (wrong M2): its SRP file was made for another password, or it is not the expected peer";
            return false;
        }
        respond(identifier, Eapol.EAP_SRP, Eapol.SRP_VALIDATOR);
        counters.authentications++;
        counters.problem = null;
        boolean newly = !authenticated;
        authenticated = true;
        return newly;
    }

    private boolean onFailure() {
        authenticated = false;
        keySent = false;
        counters.failures++;
        counters.problem = "the receiver refused EAP-SRP login as user \"" + login.username()
                + "\": wrong password, or the user is not in its SRP file";
        return false;
    }

    private void respond(int identifier, int type, int subtype, byte[]... body) {
        port.sendEapol(Eapol.packet(port.alloc(), Eapol.CODE_RESPONSE, identifier, type, subtype, body), null);
    }

    private static int field(byte[] data, int at) {
        return at + 2 <= data.length ? ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF) : Integer.MAX_VALUE / 2;
    }

    /** Forgets the password copy. */
    public void close() {
        srp.destroy();
    }
}
