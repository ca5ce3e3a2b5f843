package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.sluice.protocols.rist.RistTestKit.PayloadSink;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import static io.sluice.protocols.rist.RistTestKit.sendPaced;
import static io.sluice.testing.TestStream.awaitCount;
import static io.sluice.testing.TestStream.collect;
import static io.sluice.testing.TestStream.tail;

/**
 * Interop with librist 0.2.7 ({@code ristsender}, {@code ristreceiver}) on loopback through a {@link LossRelay}:
 * simple and main profile, clear and with AES-128/256 pre-shared keys, random and burst loss, and must-fail rows
 * (wrong passphrase, key on one side only) where nothing may come out and decryption failures are counted.
 */
class RistLibristIT {
    private static final int PACKETS = 1200;
    private static final long INTERVAL_US = 2500; // 400 packets/s, ~4.2 Mb/s, 3 s of stream
    private static final int LATENCY_MS = 1000;
    private static final String SECRET = "SluiceRistSecret-1";
    @RegisterExtension
    static final EventLoops loops = new EventLoops(1);

    /**
     * One interop row. {@code delivers}: the stream must come out bit-identical; otherwise nothing may come out.
     * {@code toLibristDelivers} overrides it for the Sluice sender -> ristreceiver direction; null = not asserted:
     * librist 0.2.7 accepts clear GRE even when it has a secret, so with "key only on the librist side" it outputs
     * most of the stream (Sluice can still not read its encrypted RTCP: counted as decryption failures).
     */
    record Case(String name, int profile, String peerSecret, String ourSecret, int bits, LongPredicate loss, boolean delivers,
            Boolean toLibristDelivers, String problem) {
        Case(String name, int profile, String peerSecret, String ourSecret, int bits, LongPredicate loss, boolean delivers) {
            this(name, profile, peerSecret, ourSecret, bits, loss, delivers, delivers, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        LongPredicate none = i -> false;
        LongPredicate early = i -> i == 1 || i == 2 || i == 3 || i == 5 || i == 8 || i == 13 || i == 21;
        return Stream.of(
                new Case("simple, 1% random loss", 0, null, null, 0, TestStream.randomLoss(0.01, 7), true),
                new Case("main AES-128, losses among the first packets", 1, SECRET, SECRET, 128, early, true),
                new Case("simple, bursts of 8 every 150", 0, null, null, 0, TestStream.burstLoss(150, 8), true),
                new Case("main clear, 1% random loss", 1, null, null, 0, TestStream.randomLoss(0.01, 11), true),
                new Case("main AES-128, 5% random loss", 1, SECRET, SECRET, 128, TestStream.randomLoss(0.05, 13), true),
                new Case("main AES-256, bursts of 10 every 200", 1, SECRET, SECRET, 256, TestStream.burstLoss(200, 10), true),
                new Case("main AES-128, wrong secret", 1, SECRET, "not-the-secret", 128, none, false, false,
                        "do not decrypt: wrong RIST secret?"),
                new Case("main, key only on the librist side", 1, SECRET, null, 128, none, false, null,
                        "are encrypted, but no RIST key is configured here"),
                new Case("main AES-256, key only on the Sluice side", 1, null, SECRET, 256, none, false, false,
                        "are not encrypted, but a RIST key is configured here"));
    }

    private static RistPskSettings psk(String secret, int bits) {
        return secret == null ? null : new RistPskSettings(secret.getBytes(StandardCharsets.US_ASCII), bits, 0);
    }

    private static String urlParams(Case c) {
        return c.peerSecret == null ? "" : "?secret=" + c.peerSecret + "&aes-type=" + c.bits;
    }

    @ParameterizedTest(name = "ristsender -> Sluice receiver: {0}")
    @MethodSource("cases")
    void ristsenderToSluiceReceiver(Case c) throws Exception {
        int relayPort = FreePorts.udpBlock();
        LongPredicate loss = notAtTheEnd(c.loss);
        int ourPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        EventLoop loop = loops.next();
        RistReceiverSettings settings = RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", ourPort), LATENCY_MS)
                .withPsk(psk(c.ourSecret, c.bits == 0 ? 128 : c.bits));
        RistReceiver receiver = new RistReceiver(settings, NanoClock.SYSTEM, new PayloadSink(received));
        receiver.open(loop).sync();
        try (LossRelay data = new LossRelay(relayPort, ourPort, loss);
                LossRelay rtcp = new LossRelay(relayPort + 1, ourPort + 1, i -> false);
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort,
                        "-o", "rist://127.0.0.1:" + relayPort + urlParams(c), "-p", Integer.toString(c.profile), "-S", "0")) {
            Thread.sleep(700);
            TestStream.sendUdp(inputPort, PACKETS, INTERVAL_US);
            awaitCount(received, c.delivers ? PACKETS : 1, Duration.ofSeconds(LATENCY_MS / 1000 + 4));
            RistCounters counters = loop.submit(receiver.counters()::copy).get();
            RistLinkState link = loop.submit(receiver::linkState).get();
            String why = c + "\nrelay dropped " + data.dropped() + "\n" + counters + "\n" + link
                    + "\nsender log:\n" + tail(sender.log());
            if (c.delivers) {
                assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
                assertThat(counters.recoveredByArq()).as(why).isGreaterThanOrEqualTo(data.dropped() > 0 ? 1 : 0);
                // every loss was inside the latency budget: each one recovered by ARQ, counted once
                assertThat(counters.unrecovered()).as(why).isZero();
                assertThat(counters.recoveredByArq()).as(why).isEqualTo(counters.lostBeforeArq());
                assertThat(counters.decryptionFailures()).as(why).isZero();
                assertThat(receiver.isMainProfile()).as(why).isEqualTo(c.profile == 1);
                assertThat(link.connected()).as(why).isTrue();
                assertThat(link.peer()).as(why).startsWith("127.0.0.1:");
                assertThat(link.problem()).as(why).isNull();
            } else {
                assertThat(received).as(why).isEmpty();
                assertThat(counters.decryptionFailures()).as(why).isPositive();
                assertThat(link.problem()).as(why).startsWith("packets from 127.0.0.1:").contains(c.problem)
                        .doesNotContain(SECRET).doesNotContain("not-the-secret");
            }
        } finally {
            receiver.close();
        }
    }

    @ParameterizedTest(name = "Sluice sender -> ristreceiver: {0}")
    @MethodSource("cases")
    void sluiceSenderToRistreceiver(Case c) throws Exception {
        int relayPort = FreePorts.udpBlock();
        LongPredicate loss = notAtTheEnd(c.loss);
        int peerPort = FreePorts.udpBlock();
        int outputPort = FreePorts.udpBlock();
        EventLoop loop = loops.next();
        RistSenderSettings settings = RistSenderSettings.of(new InetSocketAddress("127.0.0.1", relayPort),
                c.profile == 1 ? RistProfile.MAIN : RistProfile.SIMPLE, 2 * LATENCY_MS);
        if (c.ourSecret != null) {
            settings = settings.withPsk(psk(c.ourSecret, c.bits));
        }
        RistSender sender = new RistSender(settings, NanoClock.SYSTEM);
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), outputPort));
                PeerProcess peer = PeerProcess.start(Duration.ofSeconds(20), "ristreceiver",
                        "-i", "rist://@127.0.0.1:" + peerPort + urlParams(c), "-o", "udp://127.0.0.1:" + outputPort,
                        "-p", Integer.toString(c.profile), "-S", "0");
                LossRelay data = new LossRelay(relayPort, peerPort, loss);
                LossRelay rtcp = new LossRelay(relayPort + 1, peerPort + 1, i -> false)) {
            out.setReceiveBufferSize(4 << 20);
            out.setSoTimeout(200);
            Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
            Thread.sleep(500);
            sender.open(loop).sync();
            Thread.sleep(300);
            sendPaced(loop, sender, PACKETS, INTERVAL_US);
            awaitCount(received, Boolean.TRUE.equals(c.toLibristDelivers) ? PACKETS : 1, Duration.ofSeconds(LATENCY_MS / 1000 + 4));
            RistCounters counters = loop.submit(sender.counters()::copy).get();
            RistLinkState link = loop.submit(sender::linkState).get();
            out.close();
            collector.join(2000);
            String why = c + "\nrelay dropped " + data.dropped() + "\n" + counters + "\n" + link
                    + "\nristreceiver log:\n" + tail(peer.log());
            if (c.toLibristDelivers == null) {
                assertThat(counters.decryptionFailures()).as(why).isPositive();
                assertThat(link.problem()).as(why).startsWith("RTCP packets from 127.0.0.1:").contains(c.problem);
            } else if (c.toLibristDelivers) {
                assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
                assertThat(counters.retransmissionsSent()).as(why).isGreaterThanOrEqualTo(data.dropped());
                assertThat(link.connected()).as(why).isTrue();
                assertThat(link.problem()).as(why).isNull();
            } else {
                assertThat(received).as(why).isEmpty();
                // a librist receiver that cannot read our packets mostly stays silent, so the sender can only say it
                // hears nothing; when it does answer (a new peer after a timeout), its RTCP fails to decrypt here
                assertThat(link.problem()).as(why)
                        .matches("(no RTCP from the RIST receiver at 127\\.0\\.0\\.1:.*"
                                + "|RTCP packets from 127\\.0\\.0\\.1:\\d+ do not decrypt: wrong RIST secret\\?)")
                        .doesNotContain(SECRET).doesNotContain("not-the-secret");
            }
        } finally {
            sender.close();
        }
    }

    /**
     * {@code ristsender -n} (TR-06-2 null packet deletion, main profile, 2% loss): librist takes the null packets out
     * and marks their slots in the RTP header extension; Sluice puts them back, so the stream is the one ristsender
     * was given, byte for byte, and the extension never leaves the receiver.
     */
    @Test
    void ristsenderNullPacketDeletionIsUndoneBitIdentical() throws Exception {
        int relayPort = FreePorts.udpBlock();
        int ourPort = FreePorts.udpBlock();
        int inputPort = FreePorts.udpBlock();
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        EventLoop loop = loops.next();
        RistReceiver receiver = new RistReceiver(RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", ourPort),
                LATENCY_MS), NanoClock.SYSTEM, new PayloadSink(received));
        receiver.open(loop).sync();
        try (LossRelay data = new LossRelay(relayPort, ourPort, notAtTheEnd(TestStream.randomLoss(0.02, 17)));
                PeerProcess sender = PeerProcess.start(Duration.ofSeconds(20), "ristsender",
                        "-i", "udp://@127.0.0.1:" + inputPort, "-o", "rist://127.0.0.1:" + relayPort,
                        "-p", "1", "-n", "-S", "0")) {
            Thread.sleep(700);
            TestStream.sendUdp(inputPort, PACKETS, INTERVAL_US, TestStream::tsPayloadWithNulls);
            awaitCount(received, PACKETS, Duration.ofSeconds(LATENCY_MS / 1000 + 4));
            RistCounters counters = loop.submit(receiver.counters()::copy).get();
            String why = "relay dropped " + data.dropped() + "\n" + counters + "\nsender log:\n" + tail(sender.log());
            assertThat(TestStream.compare(received, PACKETS, TestStream::tsPayloadWithNulls)).as(why).isNull();
            assertThat(counters.nullPacketsRestored()).as(why).isGreaterThan(PACKETS * 2L);
            assertThat(counters.unrecovered()).as(why).isZero();
            assertThat(counters.recoveredByArq()).as(why).isEqualTo(counters.lostBeforeArq()).isPositive();
        } finally {
            receiver.close();
        }
    }

    /**
     * A Sluice sender with 32-bit sequence numbers (TR-06-2 header extension with E) to librist 0.2.7, which reads
     * the low 16 bits and NACKs those: the stream, which crosses a 16-bit wrap, still arrives whole through 2% loss.
     */
    @ParameterizedTest(name = "Sluice sender with 32-bit sequence numbers -> ristreceiver, profile {0}")
    @ValueSource(ints = {0, 1})
    void sluiceSenderWith32BitSequenceNumbersToRistreceiver(int profile) throws Exception {
        int relayPort = FreePorts.udpBlock();
        int peerPort = FreePorts.udpBlock();
        int outputPort = FreePorts.udpBlock();
        EventLoop loop = loops.next();
        RistSender sender = new RistSender(RistSenderSettings.of(new InetSocketAddress("127.0.0.1", relayPort),
                profile == 1 ? RistProfile.MAIN : RistProfile.SIMPLE, 2 * LATENCY_MS).withExtendedSequence(true),
                NanoClock.SYSTEM);
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), outputPort));
                PeerProcess peer = PeerProcess.start(Duration.ofSeconds(20), "ristreceiver",
                        "-i", "rist://@127.0.0.1:" + peerPort, "-o", "udp://127.0.0.1:" + outputPort,
                        "-p", Integer.toString(profile), "-S", "0");
                LossRelay data = new LossRelay(relayPort, peerPort, notAtTheEnd(TestStream.randomLoss(0.02, 23)));
                LossRelay rtcp = new LossRelay(relayPort + 1, peerPort + 1, i -> false)) {
            out.setReceiveBufferSize(4 << 20);
            out.setSoTimeout(200);
            Thread collector = Thread.ofPlatform().daemon().start(() -> collect(out, received));
            Thread.sleep(500);
            sender.open(loop).sync();
            Thread.sleep(300);
            sendPaced(loop, sender, PACKETS, INTERVAL_US);
            awaitCount(received, PACKETS, Duration.ofSeconds(LATENCY_MS / 1000 + 4));
            RistCounters counters = loop.submit(sender.counters()::copy).get();
            out.close();
            collector.join(2000);
            String why = "relay dropped " + data.dropped() + "\n" + counters + "\nristreceiver log:\n" + tail(peer.log());
            assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
            assertThat(counters.retransmissionsSent()).as(why).isGreaterThanOrEqualTo(data.dropped());
        } finally {
            sender.close();
        }
    }

    /**
     * A loss in the last packets of a stream cannot be noticed (no later packet shows the gap), by librist or by us:
     * keep the last 80 datagrams.
     */
    private static LongPredicate notAtTheEnd(LongPredicate loss) {
        return index -> index < PACKETS - 80 && loss.test(index);
    }
}
