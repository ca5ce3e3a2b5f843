package io.sluice.protocols.rist.eap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.sluice.crypto.srp.SrpVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Sluice authenticator and a Sluice authenticatee talking through in-memory queues, with time stepped by hand. */
class EapExchangeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER = "gwuser";
    private static final byte[] PASSWORD = "s3cret-pw".getBytes(StandardCharsets.US_ASCII);
    private static final SrpUser ACCEPTED = new SrpUser(USER, SrpVerifier.create(USER.getBytes(StandardCharsets.UTF_8), PASSWORD, RANDOM));
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    private final Queue toAuthenticator = new Queue();
    private final Queue toAuthenticatee = new Queue();
    private final EapAuthenticator authenticator = new EapAuthenticator(ACCEPTED, toAuthenticatee, RANDOM);
    private long now = 1_000_000_000L;

    @AfterEach
    void releaseLeftovers() {
        toAuthenticator.clear();
        toAuthenticatee.clear();
    }

    private EapAuthenticatee client(String user, String password) {
        return new EapAuthenticatee(new SrpLogin(user, password.getBytes(StandardCharsets.US_ASCII)), toAuthenticator, RANDOM);
    }

    /** Delivers queued datagrams both ways until both queues are empty; returns whether the client got in. */
    private boolean pump(EapAuthenticatee client) {
        boolean authenticated = false;
        while (!toAuthenticator.isEmpty() || !toAuthenticatee.isEmpty()) {
            ByteBuf d;
            while ((d = toAuthenticator.poll()) != null) {
                authenticator.onEapol(d, PEER, now);
                d.release();
            }
            while ((d = toAuthenticatee.poll()) != null) {
                authenticated |= client.onEapol(d, now);
                d.release();
            }
        }
        return authenticated;
    }

    @Test
    void theRightPasswordLetsTheMediaThrough() {
        EapAuthenticatee client = client(USER, "s3cret-pw");
        assertThat(authenticator.admits(PEER, now)).as("media before login").isFalse();
        assertThat(authenticator.counters().droppedUnauthenticated()).isEqualTo(1);
        assertThat(authenticator.counters().problem()).isEqualTo("waiting for peer 127.0.0.1:40000 to log in with EAP-SRP");
        assertThat(client.onTick(now)).as("EAPOL-Start at once").isTrue();
        assertThat(pump(client)).isTrue();
        assertThat(client.isAuthenticated()).isTrue();
        assertThat(authenticator.admits(PEER, now)).isTrue();
        assertThat(authenticator.counters().authentications()).isEqualTo(1);
        assertThat(authenticator.counters().problem()).isNull();
        assertThat(authenticator.admits(new InetSocketAddress("127.0.0.1", 40001), now)).as("another port").isFalse();
        assertThat(client.counters().authentications()).isEqualTo(1);
        assertThat(client.counters().problem()).isNull();
        assertThat(client.onTick(now + 5_000_000_000L)).as("no EAPOL-Start once in").isFalse();
    }

    @Test
    void aWrongPasswordIsRefusedCountedAndReportedWithoutTheSecret() {
        EapAuthenticatee client = client(USER, "wrong-pw");
        client.onTick(now);
        assertThat(pump(client)).isFalse();
        assertThat(client.isAuthenticated()).isFalse();
        assertThat(authenticator.admits(PEER, now)).isFalse();
        assertThat(authenticator.counters().failures()).isEqualTo(1);
        assertThat(authenticator.counters().problem())
                .isEqualTo("peer 127.0.0.1:40000 failed EAP-SRP login as user \"gwuser\" (wrong password)")
                .doesNotContain("wrong-pw").doesNotContain("s3cret");
        assertThat(client.counters().failures()).isEqualTo(1);
        assertThat(client.counters().problem()).contains("refused EAP-SRP login as user \"gwuser\"").doesNotContain("wrong-pw");
    }

    @Test
    void anUnknownUserIsRefused() {
        EapAuthenticatee client = client("mallory", "s3cret-pw");
        client.onTick(now);
        assertThat(pump(client)).isFalse();
        assertThat(authenticator.counters().failures()).isEqualTo(1);
        assertThat(authenticator.counters().problem()).contains("unknown user \"mallory\"").contains("accepts \"gwuser\"");
    }

    @Test
    void threeFailuresLockTheAddressOutForTenSeconds() {
        EapAuthenticatee client = client(USER, "wrong-pw");
        for (int i = 0; i < 3; i++) {
            client.onTick(now);
            pump(client);
            now += EapAuthenticatee.START_INTERVAL_NS;
        }
        assertThat(authenticator.counters().failures()).isEqualTo(3);
        assertThat(authenticator.counters().problem()).endsWith("3 failures in a row, ignored for 10 s");
        client.onTick(now);
        pump(client);
        assertThat(authenticator.counters().failures()).as("ignored while locked out").isEqualTo(3);
        assertThat(authenticator.admits(PEER, now)).isFalse();
        assertThat(toAuthenticatee.isEmpty()).as("no identity request while locked out").isTrue();

        now += EapAuthenticator.LOCKOUT_NS;
        EapAuthenticatee fixed = client(USER, "s3cret-pw");
        fixed.onTick(now);
        assertThat(pump(fixed)).isTrue();
    }

    @Test
    void anUnansweredRequestIsSentAgainEvery500MsFiveTimes() {
        authenticator.admits(PEER, now);
        assertThat(toAuthenticatee.size()).isEqualTo(1);
        toAuthenticatee.clear();
        authenticator.onTick(now + EapAuthenticator.RETRY_NS - 1);
        assertThat(toAuthenticatee.isEmpty()).isTrue();
        for (int i = 1; i <= EapAuthenticator.MAX_RETRIES + 2; i++) {
            authenticator.onTick(now + i * EapAuthenticator.RETRY_NS);
        }
        assertThat(toAuthenticatee.size()).isEqualTo(EapAuthenticator.MAX_RETRIES);
        toAuthenticatee.clear();
        authenticator.admits(PEER, now + 10 * EapAuthenticator.RETRY_NS);
        assertThat(toAuthenticatee.size()).as("given up: the next packet starts over").isEqualTo(1);
    }

    @Test
    void aLostResponseIsRecoveredByTheRetransmittedRequest() {
        EapAuthenticatee client = client(USER, "s3cret-pw");
        client.onTick(now);
        ByteBuf start = toAuthenticator.poll();
        authenticator.onEapol(start, PEER, now); // start -> identity request
        start.release();
        client.onEapol(toAuthenticatee.peek(), now);               // identity response ...
        toAuthenticatee.clear();
        toAuthenticator.clear();                                      // ... lost
        now += EapAuthenticator.RETRY_NS;
        authenticator.onTick(now);
        assertThat(pump(client)).isTrue();
    }

    @Test
    void reauthenticationKeepsTheMediaFlowingAndAFailedOneStopsIt() {
        EapAuthenticatee client = client(USER, "s3cret-pw");
        client.onTick(now);
        pump(client);
        now += 3_000_000_000L;
        sendStart(); // librist's authenticatee asks again every 3 s
        assertThat(authenticator.admits(PEER, now)).as("during the re-run").isTrue();
        assertThat(pump(client)).as("already authenticated: not newly").isFalse();
        assertThat(authenticator.counters().authentications()).isEqualTo(2);
        assertThat(client.counters().authentications()).isEqualTo(2);

        EapAuthenticatee impostor = client(USER, "other-pw");
        now += 3_000_000_000L;
        sendStart();
        pump(impostor);
        assertThat(authenticator.admits(PEER, now)).isFalse();
    }

    @Test
    void aServerWithoutTheRightVerifierIsCaughtByTheClient() {
        EapAuthenticator impostor = new EapAuthenticator(new SrpUser(USER,
                SrpVerifier.create(USER.getBytes(StandardCharsets.UTF_8), "guess".getBytes(StandardCharsets.US_ASCII), RANDOM)),
                toAuthenticatee, RANDOM);
        EapAuthenticatee client = client(USER, "s3cret-pw");
        client.onTick(now);
        ByteBuf d;
        boolean in = false;
        while (!toAuthenticator.isEmpty() || !toAuthenticatee.isEmpty()) {
            while ((d = toAuthenticator.poll()) != null) {
                impostor.onEapol(d, PEER, now);
                d.release();
            }
            while ((d = toAuthenticatee.poll()) != null) {
                in |= client.onEapol(d, now);
                d.release();
            }
        }
        assertThat(in).isFalse();
        assertThat(impostor.counters().failures()).as("our M1 does not match its verifier").isEqualTo(1);
        assertThat(client.counters().failures()).isEqualTo(1);
    }

    @Test
    void serverKeysAreRationedToOnePer50MsOverAllPeers() {
        EapAuthenticatee first = client(USER, "s3cret-pw");
        first.onTick(now);
        assertThat(pump(first)).isTrue();
        InetSocketAddress other = new InetSocketAddress("127.0.0.1", 40002);
        EapAuthenticatee second = client(USER, "s3cret-pw");
        now += EapAuthenticator.MIN_KEY_INTERVAL_NS - 1;
        second.onTick(now);
        boolean in = exchangeWith(second, other);
        assertThat(in).as("its A came too soon after the first peer's").isFalse();
        now += EapAuthenticator.RETRY_NS;
        authenticator.onTick(now); // the challenge again: a new A, now within budget
        assertThat(exchangeWith(second, other)).isTrue();
    }

    private boolean exchangeWith(EapAuthenticatee client, InetSocketAddress from) {
        boolean in = false;
        ByteBuf d;
        while (!toAuthenticator.isEmpty() || !toAuthenticatee.isEmpty()) {
            while ((d = toAuthenticator.poll()) != null) {
                authenticator.onEapol(d, from, now);
                d.release();
            }
            while ((d = toAuthenticatee.poll()) != null) {
                in |= client.onEapol(d, now);
                d.release();
            }
        }
        return in;
    }

    @Test
    void garbageIsCountedAndIgnored() {
        EapAuthenticatee client = client(USER, "s3cret-pw");
        ByteBuf junk = PooledByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {0, 0, (byte) 0x88, (byte) 0x8e, 2, 0, 0, 9});
        authenticator.onEapol(junk, PEER, now);
        client.onEapol(junk, now);
        junk.release();
        assertThat(authenticator.counters().malformed()).isEqualTo(1);
        assertThat(client.counters().malformed()).isEqualTo(1);
        ByteBuf response = Eapol.packet(PooledByteBufAllocator.DEFAULT, Eapol.CODE_RESPONSE, 7, Eapol.EAP_SRP, Eapol.SRP_KEY,
                new byte[36]);
        authenticator.onEapol(response, PEER, now);
        response.release();
        assertThat(authenticator.counters().malformed()).as("a response out of sequence").isEqualTo(2);
        assertThat(authenticator.counters().failures()).isZero();
    }

    private void sendStart() {
        ByteBuf start = Eapol.start(PooledByteBufAllocator.DEFAULT);
        authenticator.onEapol(start, PEER, now);
        start.release();
    }

    /** A port that queues what is sent. */
    private static final class Queue implements EapolPort {
        private final Deque<ByteBuf> queue = new ArrayDeque<>();

        @Override
        public void sendEapol(ByteBuf datagram, InetSocketAddress peer) {
            queue.add(datagram);
        }

        @Override
        public ByteBufAllocator alloc() {
            return PooledByteBufAllocator.DEFAULT;
        }

        ByteBuf poll() {
            return queue.poll();
        }

        ByteBuf peek() {
            return queue.peek();
        }

        boolean isEmpty() {
            return queue.isEmpty();
        }

        int size() {
            return queue.size();
        }

        void clear() {
            ByteBuf d;
            while ((d = queue.poll()) != null) {
                d.release();
            }
        }
    }
}
