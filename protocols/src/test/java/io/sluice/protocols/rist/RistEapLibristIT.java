package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.sluice.crypto.srp.SrpVerifier;
import io.sluice.protocols.rist.RistTestKit.PayloadSink;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.rist.eap.SrpLogin;
import io.sluice.protocols.rist.eap.SrpUser;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.EventLoops;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.TestStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static io.sluice.protocols.rist.RistTestKit.sendPaced;
import static io.sluice.testing.TestStream.awaitCount;
import static io.sluice.testing.TestStream.collect;
import static io.sluice.testing.TestStream.tail;

/**
 * EAP-SRP interop with librist 0.2.7 on loopback through a {@link LossRelay}: {@code ristsender ?username=&password=}
 * into a Sluice receiver (the authenticator, its verifier made from the password or read from a
 * {@code ristsrppasswd} file), and a Sluice sender logging in to {@code ristreceiver -F srpfile}; clear and with a
 * pre-shared key; must-fail rows with a wrong password, where nothing may come out and the failure is counted and
 * reported without the password. The streams run past librist's 3 s re-authentication.
 */
class RistEapLibristIT {
    private static final int PACKETS = 1600;
    private static final long INTERVAL_US = 2500; // 400 packets/s: 4 s of stream, past one re-authentication
    private static final int LATENCY_MS = 1000;
    private static final String USER = "gwuser";
    private static final String PASSWORD = "Sluice-SRP-pass";
    private static final String SECRET = "SluiceRistSecret-2";
    @RegisterExtension
    static final EventLoops loops = new EventLoops(1);

    /**
     * One row: the password the librist side has ({@code peerPassword}) and ours; a pre-shared key of {@code bits}
     * (0 = clear); for the Sluice receiver, whether its verifier comes from a ristsrppasswd file line.
     */
    record Case(String name, String peerPassword, String ourPassword, int bits, boolean srpFile, LongPredicate loss,
            boolean delivers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        LongPredicate none = i -> false;
        return Stream.of(
                new Case("right password, 1% random loss", PASSWORD, PASSWORD, 0, false, TestStream.randomLoss(0.01, 17), true),
                new Case("right password, AES-128, 2% random loss", PASSWORD, PASSWORD, 128, false,
                        TestStream.randomLoss(0.02, 19), true),
                new Case("right password from a ristsrppasswd file, AES-256, bursts of 8", PASSWORD, PASSWORD, 256, true,
                        TestStream.burstLoss(300, 8), true),
                new Case("wrong password", PASSWORD, "not-" + PASSWORD, 0, false, none, false),
                new Case("wrong password, AES-128", PASSWORD, "not-" + PASSWORD, 128, true, none, false));
    }

    private static String pskParams(Case c) {
        return c.bits == 0 ? "" : "&secret=" + SECRET + "&aes-type=" + c.bits;
    }

    private static RistPskSettings psk(Case c) {
        return c.bits == 0 ? null : new RistPskSettings(SECRET.getBytes(StandardCharsets.US_ASCII), c.bits, 0);
    }

    /** The line {@code ristsrppasswd USER password} prints. */
    private static String ristsrppasswd(String password) {
        return PeerProcess.run(Duration.ofSeconds(10), "ristsrppasswd", USER, password).strip();
    }

    @ParameterizedTest(name = "ristsender -> Sluice receiver: {0}")
    @MethodSource("cases")
    void ristsenderLogsInToSluiceReceiver(Case c) throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ourPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        SrpVerifier verifier = c.srpFile
                ? SrpVerifier.fromLibristFile(ristsrppasswd(c.ourPassword), USER)
                : SrpVerifier.create(USER.getBytes(StandardCharsets.UTF_8), c.ourPassword.getBytes(StandardCharsets.UTF_8),
                        new SecureRandom());
        RistReceiverSettings settings = RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", ourPort), LATENCY_MS)
                .withSrp(new SrpUser(USER, verifier));
        if (c.bits != 0) {
            settings = settings.withPsk(psk(c));
        }
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        EventLoop loop = loops.next();
        RistReceiver receiver = new RistReceiver(settings, NanoClock.SYSTEM, new PayloadSink(received));
        receiver.open(loop).sync();
        try (LossRelay data = new LossRelay(relayPort, ourPort, notAtTheEnd(c.loss));
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(25), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + relayPort + "?username=" + USER + "&password=" + c.peerPassword + pskParams(c),
                        "-p", "1", "-S", "0", "-v", "6")) {
            Thread.sleep(700);
            TestStream.sendUdp(inputPort, PACKETS, INTERVAL_US);
            awaitCount(received, c.delivers ? PACKETS : 1, Duration.ofSeconds(c.delivers ? LATENCY_MS / 1000 + 4 : 2));
            RistCounters counters = loop.submit(receiver.counters()::copy).get();
            EapCounters eap = loop.submit(() -> receiver.eapCounters().copy()).get();
            String why = c + "\nrelay dropped " + data.dropped() + "\n" + counters + "\n" + eap + "\nristsender log:\n" + tail(sender.log());
            if (c.delivers) {
                assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
                assertThat(eap.authentications()).as(why).isGreaterThanOrEqualTo(2); // the login and librist's re-run
                assertThat(eap.failures()).as(why).isZero();
                assertThat(eap.problem()).as(why).isNull();
                assertThat(counters.decryptionFailures()).as(why).isZero();
                assertThat(sender.log()).as(why).contains("[EAP-SRP] Successfully authenticated");
            } else {
                assertThat(received).as(why).isEmpty();
                assertThat(counters.packetsReceived()).as(why).isZero();
                assertThat(eap.failures()).as(why).isPositive();
                assertThat(eap.authentications()).as(why).isZero();
                assertThat(eap.problem()).as(why).contains("failed EAP-SRP login as user \"gwuser\" (wrong password)")
                        .doesNotContain(c.peerPassword).doesNotContain(c.ourPassword);
            }
        } finally {
            receiver.close();
        }
    }

    @ParameterizedTest(name = "Sluice sender -> ristreceiver -F: {0}")
    @MethodSource("cases")
    void sluiceSenderLogsInToRistreceiver(Case c) throws Exception {
        int relayPort = FreePorts.udpBlock();
        int peerPort = FreePorts.udpBlock();
        int outputPort = FreePorts.udpBlock();
        Path srpFile = Files.createTempFile("sluice-srp", ".txt");
        Files.writeString(srpFile, ristsrppasswd(c.peerPassword) + "\n");
        EventLoop loop = loops.next();
        RistSenderSettings settings = RistSenderSettings.of(new InetSocketAddress("127.0.0.1", relayPort), RistProfile.MAIN,
                2 * LATENCY_MS).withSrp(new SrpLogin(USER, c.ourPassword.getBytes(StandardCharsets.UTF_8)));
        if (c.bits != 0) {
            settings = settings.withPsk(psk(c));
        }
        RistSender sender = new RistSender(settings, NanoClock.SYSTEM);
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), outputPort));
                PeerProcess peer = PeerProcess.start(Duration.ofSeconds(25), "ristreceiver",
                        "-i", "rist://@127.0.0.1:" + peerPort + (c.bits == 0 ? "" : "?" + pskParams(c).substring(1)),
                        "-o", "udp://127.0.0.1:" + outputPort, "-F", srpFile.toString(), "-p", "1", "-S", "0", "-v", "6");
                LossRelay data = new LossRelay(relayPort, peerPort, notAtTheEnd(c.loss))) {
            out.setReceiveBufferSize(4 << 20);
            out.setSoTimeout(200);
            Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
            Thread.sleep(500);
            sender.open(loop).sync();
            // no pause: the first packets wait in the sender until ristreceiver has let it in
            sendPaced(loop, sender, PACKETS, INTERVAL_US);
            awaitCount(received, c.delivers ? PACKETS : 1, Duration.ofSeconds(c.delivers ? LATENCY_MS / 1000 + 4 : 2));
            RistCounters counters = loop.submit(sender.counters()::copy).get();
            EapCounters eap = loop.submit(() -> sender.eapCounters().copy()).get();
            boolean in = loop.submit(sender::isAuthenticated).get();
            out.close();
            collector.join(2000);
            String why = c + "\nrelay dropped " + data.dropped() + "\n" + counters + "\n" + eap + "\nristreceiver log:\n" + tail(peer.log());
            if (c.delivers) {
                assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
                assertThat(in).as(why).isTrue();
                assertThat(eap.authentications()).as(why).isGreaterThanOrEqualTo(2); // the login and librist's re-run
                assertThat(eap.failures()).as(why).isZero();
                assertThat(peer.log()).as(why).contains("[EAP-SRP] Successfully authenticated " + USER + "@127.0.0.1");
            } else {
                assertThat(received).as(why).isEmpty();
                assertThat(in).as(why).isFalse();
                assertThat(eap.failures()).as(why).isPositive();
                assertThat(eap.droppedUnauthenticated()).as(why).as("held packets aged out").isPositive();
                assertThat(counters.packetsSent()).as(why).isZero();
                assertThat(eap.problem()).as(why).contains("refused EAP-SRP login as user \"gwuser\"")
                        .doesNotContain(c.ourPassword);
                assertThat(peer.log()).as(why).contains("[EAP-SRP] Authentication failed for " + USER + "@127.0.0.1");
            }
        } finally {
            sender.close();
            Files.deleteIfExists(srpFile);
        }
    }

    private static LongPredicate notAtTheEnd(LongPredicate loss) {
        return index -> index < PACKETS - 80 && loss.test(index);
    }
}
