package io.sluice.protocols.rist.eap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.sluice.crypto.srp.SrpAuthenticatorSession;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The receiving side of RIST EAP-SRP (librist's "authenticator", {@code ristreceiver -F srpfile}): runs the
 * exchange with every peer address that sends main-profile traffic and tells the receiver which peers may pass.
 * Traffic from any other address is dropped and counted ({@link #admits}); the first such packet (or the peer's
 * EAPOL-Start) starts an exchange.
 *
 * <p>Per peer, as librist does: an identity request with a random identifier, the identifier + 1 for every further
 * request; the last request is sent again every {@link #RETRY_NS} up to {@link #MAX_RETRIES} times while no answer
 * comes; a wrong M1 or an unknown user gets an EAP-Failure and counts; after {@link #MAX_FAILURES} failures the
 * address is ignored for {@link #LOCKOUT_NS}. An authenticated peer's EAPOL-Start (librist sends one every 3 s)
 * re-runs the exchange while its traffic keeps flowing; a failed re-run shuts it out. Sessions of silent peers end
 * after {@link #IDLE_NS}. Runs on the receiver's event loop: an exchange costs about 1.1 ms of CPU there (measured:
 * three 2048-bit exponentiations with 256-bit exponents), bounded by {@link #MIN_KEY_INTERVAL_NS}.
 */
public final class EapAuthenticator {
    static final long RETRY_NS = 500_000_000L;
    static final int MAX_RETRIES = 5;
    static final int MAX_FAILURES = 3;
    static final long LOCKOUT_NS = 10_000_000_000L;
    static final long IDLE_NS = 30_000_000_000L;
    /** Bounds the work strangers can cause: further unknown addresses wait until a session ends. */
    static final int MAX_SESSIONS = 16;
    /**
     * B costs about a millisecond of the loop, and a peer can ask for it without ever failing (restart before M1):
     * at most one per 50 ms over all peers, so EAP never takes more than ~2% of the loop.
     */
    static final long MIN_KEY_INTERVAL_NS = 50_000_000L;

    private final SrpUser user;
    private final byte[] identity;
    private final EapolPort port;
    private final SecureRandom random;
    private final EapolView view = new EapolView();
    private final EapCounters counters = new EapCounters();
    private final Map<InetSocketAddress, Session> sessions = new HashMap<>();
    /** The session that passed last: checked first, so the media path costs one equals(). */
    private Session lastAdmitted;
    private long lastKeyNs;
    private boolean keyComputed;

    public EapAuthenticator(SrpUser user, EapolPort port, SecureRandom random) {
        this.user = user;
        this.identity = user.username().getBytes(StandardCharsets.UTF_8);
        this.port = port;
        this.random = random;
    }

    public EapCounters counters() {
        return counters;
    }

    /** Whether any peer is authenticated now. */
    public boolean anyAuthenticated() {
        for (Session s : sessions.values()) {
            if (s.authenticated) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a non-EAPOL packet from {@code from} may pass. If not, counts the drop and starts an exchange with the
     * peer (unless one is running or the address is locked out); the caller releases the packet.
     */
    public boolean admits(InetSocketAddress from, long nowNs) {
        Session s = lastAdmitted;
        if (s == null || !s.authenticated || !from.equals(s.address)) {
            s = sessions.get(from);
        }
        if (s != null && s.authenticated) {
            s.lastHeardNs = nowNs;
            lastAdmitted = s;
            return true;
        }
        counters.droppedUnauthenticated++;
        s = session(from, nowNs);
        if (s != null && s.awaiting == Awaiting.NOTHING && !s.lockedOut(nowNs)) {
            requestIdentity(s, nowNs);
        }
        return false;
    }

    /** Counts a simple-profile packet from {@code from}, which can never authenticate (EAP-SRP is main profile). */
    public void refuseSimpleProfile(InetSocketAddress from) {
        counters.droppedUnauthenticated++;
        counters.problem = "peer " + address(from) + " sends simple-profile RIST, but this source requires EAP-SRP "
                + "authentication, which needs the main profile (librist: -p 1 with username/password)";
    }

    /** Handles one GRE/EAPOL datagram from {@code from} (its readable bytes; not taken). */
    public void onEapol(ByteBuf datagram, InetSocketAddress from, long nowNs) {
        if (!view.wrap(datagram)) {
            counters.malformed++;
            return;
        }
        Session s = session(from, nowNs);
        if (s == null || s.lockedOut(nowNs)) {
            return;
        }
        switch (view.eapolType()) {
            case Eapol.TYPE_START -> {
                if (s.awaiting == Awaiting.NOTHING) {
                    requestIdentity(s, nowNs); // first login, or the peer's re-authentication
                }
            }
            case Eapol.TYPE_LOGOFF -> deauthenticate(s);
            case Eapol.TYPE_EAP -> onEap(s, nowNs);
            default -> counters.malformed++;
        }
    }

    private void onEap(Session s, long nowNs) {
        if (view.code() != Eapol.CODE_RESPONSE || view.identifier() != s.identifier) {
            counters.malformed++; // requests go the other way; a stale identifier is a late duplicate
            return;
        }
        int type = view.type();
        int subtype = type == Eapol.EAP_SRP ? view.subtype() : -1;
        if (s.awaiting == Awaiting.IDENTITY && type == Eapol.EAP_IDENTITY) {
            onIdentity(s, view.typeData(), nowNs);
        } else if (s.awaiting == Awaiting.CLIENT_KEY && subtype == Eapol.SRP_CHALLENGE) {
            if (keyComputed && nowNs - lastKeyNs < MIN_KEY_INTERVAL_NS) {
                return; // over budget: the re-sent challenge will bring a new A
            }
            keyComputed = true;
            lastKeyNs = nowNs;
            byte[] b = s.srp.serverKey(view.srpData());
            if (b == null) {
                fail(s, "sent an invalid SRP client key (A mod N = 0)", nowNs);
                return;
            }
            request(s, Awaiting.CLIENT_VALIDATOR, Eapol.SRP_KEY, nowNs, b);
        } else if (s.awaiting == Awaiting.CLIENT_VALIDATOR && subtype == Eapol.SRP_KEY) {
            byte[] data = view.srpData();
            byte[] m2 = data.length < Eapol.VALIDATOR_RESERVED_BYTES + 32 ? null : s.srp.verifyClientEvidence(
                    java.util.Arrays.copyOfRange(data, Eapol.VALIDATOR_RESERVED_BYTES, Eapol.VALIDATOR_RESERVED_BYTES + 32));
            if (m2 == null) {
                fail(s, "failed EAP-SRP login as user \"" + user.username() + "\" (wrong password)", nowNs);
                return;
            }
            request(s, Awaiting.ACKNOWLEDGEMENT, Eapol.SRP_VALIDATOR, nowNs, new byte[Eapol.VALIDATOR_RESERVED_BYTES], m2);
        } else if (s.awaiting == Awaiting.ACKNOWLEDGEMENT && subtype == Eapol.SRP_VALIDATOR) {
            s.identifier = (s.identifier + 1) & 0xFF;
            send(s, Eapol.packet(port.alloc(), Eapol.CODE_SUCCESS, s.identifier, Eapol.NO_TYPE, Eapol.NO_TYPE));
            s.awaiting = Awaiting.NOTHING;
            s.lastRequest = null;
            s.srp = null;
            s.failures = 0;
            s.authenticated = true;
            counters.authentications++;
            counters.problem = null;
        } else {
            counters.malformed++;
        }
    }

    private void onIdentity(Session s, byte[] name, long nowNs) {
        if (!java.util.Arrays.equals(name, identity)) {
            String shown = new String(name, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]", "?");
            fail(s, "tried EAP-SRP login as unknown user \"" + (shown.length() > 64 ? shown.substring(0, 64) + "..." : shown)
                    + "\" (this source accepts \"" + user.username() + "\")", nowNs);
            return;
        }
        s.srp = new SrpAuthenticatorSession(identity, user.verifier(), random);
        byte[] salt = user.verifier().salt();
        // name_len 0 (librist sends no server name), salt_len, salt, gen_len 0 (the default 2048-bit group)
        byte[] saltLength = {(byte) (salt.length >>> 8), (byte) salt.length};
        request(s, Awaiting.CLIENT_KEY, Eapol.SRP_CHALLENGE, nowNs, new byte[2], saltLength, salt, new byte[2]);
    }

    /** Refuses the exchange: EAP-Failure with the current identifier (as librist), counted and reported. */
    private void fail(Session s, String why, long nowNs) {
        send(s, Eapol.packet(port.alloc(), Eapol.CODE_FAILURE, s.identifier, Eapol.NO_TYPE, Eapol.NO_TYPE));
        counters.failures++;
        s.failures++;
        deauthenticate(s);
        String problem = "peer " + address(s.address) + " " + why;
        if (s.failures >= MAX_FAILURES) {
            s.locked = true;
            s.lockedUntilNs = nowNs + LOCKOUT_NS;
            s.failures = 0;
            problem += "; " + MAX_FAILURES + " failures in a row, ignored for " + LOCKOUT_NS / 1_000_000_000L + " s";
        }
        counters.problem = problem;
    }

    private void deauthenticate(Session s) {
        s.authenticated = false;
        s.awaiting = Awaiting.NOTHING;
        s.lastRequest = null;
        s.srp = null;
        if (s == lastAdmitted) {
            lastAdmitted = null;
        }
    }

    private void requestIdentity(Session s, long nowNs) {
        s.identifier = random.nextInt(256);
        s.lastRequest = bytes(Eapol.packet(port.alloc(), Eapol.CODE_REQUEST, s.identifier, Eapol.EAP_IDENTITY, Eapol.NO_TYPE));
        s.awaiting = Awaiting.IDENTITY;
        sendLastRequest(s, nowNs);
        if (!s.authenticated && counters.problem == null) {
            counters.problem = "waiting for peer " + address(s.address) + " to log in with EAP-SRP";
        }
    }

    private void request(Session s, Awaiting next, int subtype, long nowNs, byte[]... body) {
        s.identifier = (s.identifier + 1) & 0xFF;
        s.lastRequest = bytes(Eapol.packet(port.alloc(), Eapol.CODE_REQUEST, s.identifier, Eapol.EAP_SRP, subtype, body));
        s.awaiting = next;
        sendLastRequest(s, nowNs);
    }

    private void sendLastRequest(Session s, long nowNs) {
        s.retries = 0;
        s.lastSentNs = nowNs;
        resend(s);
    }

    private void resend(Session s) {
        send(s, port.alloc().buffer(s.lastRequest.length).writeBytes(s.lastRequest));
    }

    /** The bytes of {@code packet}, which is released: kept requests are plain arrays, nothing to leak. */
    private static byte[] bytes(ByteBuf packet) {
        try {
            return ByteBufUtil.getBytes(packet);
        } finally {
            packet.release();
        }
    }

    private void send(Session s, ByteBuf datagram) {
        port.sendEapol(datagram, s.address);
    }

    /** Re-sends unanswered requests, gives up on silent peers, ends idle sessions. */
    public void onTick(long nowNs) {
        Iterator<Session> it = sessions.values().iterator();
        while (it.hasNext()) {
            Session s = it.next();
            if (nowNs - s.lastHeardNs > IDLE_NS && !s.lockedOut(nowNs)) {
                deauthenticate(s);
                it.remove();
                continue;
            }
            if (s.awaiting != Awaiting.NOTHING && nowNs - s.lastSentNs >= RETRY_NS) {
                if (s.retries < MAX_RETRIES) {
                    s.retries++;
                    s.lastSentNs = nowNs;
                    resend(s);
                } else {
                    s.awaiting = Awaiting.NOTHING; // the next packet or EAPOL-Start from the peer starts over
                    s.lastRequest = null;
                    s.srp = null;
                }
            }
        }
    }

    private Session session(InetSocketAddress from, long nowNs) {
        Session s = sessions.get(from);
        if (s == null) {
            if (sessions.size() >= MAX_SESSIONS) {
                return null;
            }
            s = new Session(from);
            sessions.put(from, s);
        }
        s.lastHeardNs = nowNs;
        return s;
    }

    /** Ends every session. */
    public void close() {
        sessions.clear();
        lastAdmitted = null;
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private enum Awaiting { NOTHING, IDENTITY, CLIENT_KEY, CLIENT_VALIDATOR, ACKNOWLEDGEMENT }

    /** One peer address and the state of its exchange. */
    private static final class Session {
        final InetSocketAddress address;
        Awaiting awaiting = Awaiting.NOTHING;
        boolean authenticated;
        int identifier;
        byte[] lastRequest;
        SrpAuthenticatorSession srp;
        int retries;
        int failures;
        long lastSentNs;
        long lastHeardNs;
        long lockedUntilNs;
        boolean locked;

        Session(InetSocketAddress address) {
            this.address = address;
        }

        boolean lockedOut(long nowNs) {
            if (locked && nowNs - lockedUntilNs >= 0) {
                locked = false;
            }
            return locked;
        }
    }
}
