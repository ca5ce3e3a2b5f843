package io.sluice.protocols.rist;

import static io.sluice.protocols.rist.RistTestKit.sendPaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.sluice.protocols.rist.RistTestKit.PayloadSink;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.EventLoops;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.TestStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sluice's RIST sender to Sluice's RIST receiver on loopback through a {@link LossRelay}, both on their own event
 * loops: simple and main profile, clear and keyed, 16- and 32-bit sequence numbers. The stream starts 536 packets
 * before a 16-bit wrap, so losses after it are requested with EXTSEQ when the numbers are 32-bit. Payloads must come
 * out whole and in order, every loss recovered and counted once, and both ends must see each other connected with an
 * RTT.
 */
class RistLoopbackIT {
    private static final int PACKETS = 1200;
    private static final long INTERVAL_US = 2500;
    private static final int LATENCY_MS = 1000;
    private static final byte[] SECRET = "loopback-secret-7".getBytes(StandardCharsets.US_ASCII);
    @RegisterExtension
    static final EventLoops loops = new EventLoops(2);

    record Case(String name, RistProfile profile, int keyBits, boolean extended, LongPredicate loss) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("simple, 16-bit, 2% random loss", RistProfile.SIMPLE, 0, false, TestStream.randomLoss(0.02, 3)),
                new Case("simple, 32-bit, bursts of 12 every 200", RistProfile.SIMPLE, 0, true, TestStream.burstLoss(200, 12)),
                new Case("main AES-128, 32-bit, 5% random loss", RistProfile.MAIN, 128, true, TestStream.randomLoss(0.05, 29)),
                new Case("main AES-256, 16-bit, bursts of 10 every 150", RistProfile.MAIN, 256, false,
                        TestStream.burstLoss(150, 10)));
    }

    @ParameterizedTest(name = "Sluice sender -> Sluice receiver: {0}")
    @MethodSource("cases")
    void everyLossIsRecoveredAndTheStreamComesOutWhole(Case c) throws Exception {
        int relayPort = FreePorts.udpBlock();
        int receiverPort = FreePorts.udpBlock();
        EventLoop receiverLoop = loops.next();
        EventLoop senderLoop = loops.next();
        RistPskSettings key = c.keyBits == 0 ? null : new RistPskSettings(SECRET, c.keyBits, 0);
        RistReceiverSettings receiverSettings = RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", receiverPort),
                LATENCY_MS).withPsk(key);
        RistSenderSettings senderSettings = RistSenderSettings.of(new InetSocketAddress("127.0.0.1", relayPort),
                c.profile, 2 * LATENCY_MS).withExtendedSequence(c.extended);
        if (key != null) {
            senderSettings = senderSettings.withPsk(key);
        }
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        RistReceiver receiver = new RistReceiver(receiverSettings, NanoClock.SYSTEM, new PayloadSink(received, true));
        RistSender sender = new RistSender(senderSettings, NanoClock.SYSTEM);
        receiver.open(receiverLoop).sync();
        try (LossRelay data = new LossRelay(relayPort, receiverPort, index -> index < PACKETS - 80 && c.loss.test(index));
                LossRelay rtcp = new LossRelay(relayPort + 1, receiverPort + 1, index -> false)) {
            sender.open(senderLoop).sync();
            sendPaced(senderLoop, sender, PACKETS, INTERVAL_US, RistLoopbackIT::rtpPacket);
            long deadline = System.nanoTime() + Duration.ofSeconds(LATENCY_MS / 1000 + 4).toNanos();
            while (received.size() < PACKETS && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
            Thread.sleep(200);
            RistCounters in = receiverLoop.submit(receiver.counters()::copy).get();
            RistCounters out = senderLoop.submit(sender.counters()::copy).get();
            RistLinkState inLink = receiverLoop.submit(receiver::linkState).get();
            RistLinkState outLink = senderLoop.submit(sender::linkState).get();
            String why = c + "\nrelay dropped " + data.dropped() + "\nreceiver " + in + "\n" + inLink
                    + "\nsender " + out + "\n" + outLink;
            assertThat(TestStream.compare(received, PACKETS)).as(why).isNull();
            assertThat(in.unrecovered()).as(why).isZero();
            assertThat(in.recoveredByArq()).as(why).isEqualTo(in.lostBeforeArq()).isPositive();
            assertThat(in.decryptionFailures() + out.decryptionFailures()).as(why).isZero();
            assertThat(out.retransmissionsSent()).as(why).isGreaterThanOrEqualTo(in.recoveredByArq());
            assertThat(out.retransmissionsUnavailable()).as(why).isZero();
            assertThat(receiver.isExtendedSequence()).as(why).isEqualTo(c.extended);
            assertThat(receiver.isMainProfile()).as(why).isEqualTo(c.profile == RistProfile.MAIN);
            assertThat(inLink.connected() && outLink.connected()).as(why).isTrue();
            assertThat(inLink.problem()).as(why).isNull();
            assertThat(outLink.problem()).as(why).isNull();
            assertThat(in.rttNs()).as(why).isPositive();
            assertThat(out.rttNs()).as(why).isPositive();
        } finally {
            sender.close();
            receiver.close();
        }
    }

    /** Sequence numbers start 536 below the 16-bit wrap; the SSRC is even (an odd one means retransmission). */
    private static ByteBuf rtpPacket(int index) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(12 + TestStream.PAYLOAD_BYTES);
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, (index + 65000) & 0xFFFF, index * 225L, 0x2468ACE0L);
        buf.writeBytes(TestStream.payload(index));
        return buf;
    }
}
