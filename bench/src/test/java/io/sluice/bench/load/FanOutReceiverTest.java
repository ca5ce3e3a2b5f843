package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sender and receiver against each other on loopback, no gateway in between. */
class FanOutReceiverTest {

    @Test
    void countsEveryPacketAndTheirLatencyAndIgnoresEarlierSteps() throws Exception {
        try (FanOutReceiver receiver = new FanOutReceiver("127.0.0.1", 2);
             PacedSender toFirst = new PacedSender(new InetSocketAddress("127.0.0.1", receiver.ports()[0]));
             PacedSender toSecond = new PacedSender(new InetSocketAddress("127.0.0.1", receiver.ports()[1]))) {
            assertThat(receiver.ports()).doesNotHaveDuplicates().doesNotContain(0);
            assertThat(toFirst.send(2000, TimeUnit.MILLISECONDS.toNanos(100))).isEqualTo(200);
            awaitReceived(receiver, 200);

            receiver.reset(toFirst.nextSequence());
            long sent = toFirst.send(2000, TimeUnit.MILLISECONDS.toNanos(250));
            ReceiverStats.Snapshot snapshot = awaitReceived(receiver, sent);

            assertThat(snapshot.received()).isEqualTo(sent);
            assertThat(snapshot.fewestOnOneOutput()).as("nothing was sent to the second port").isZero();
            assertThat(snapshot.outOfOrder()).isZero();
            assertThat(snapshot.foreign()).isZero();
            assertThat(snapshot.latencyNs().getTotalCount()).isEqualTo(sent);
            assertThat(snapshot.latencyNs().getMaxValue()).isPositive().isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(snapshot.readLatencyNs().getTotalCount()).isEqualTo(sent);
            assertThat(snapshot.latencyNs().getMinValue())
                    .as("the kernel stamped arrival, after the sender's stamp (same clock)").isPositive();
            assertThat(snapshot.latencyNs().getMaxValue())
                    .as("each packet arrives in the socket before the receiver reads it")
                    .isLessThanOrEqualTo(snapshot.readLatencyNs().getMaxValue());
            assertThat(toFirst.refused()).isZero();
        }
    }

    @Test
    void senderReachesTheAskedRate() {
        try (FanOutReceiver receiver = new FanOutReceiver("127.0.0.1", 1);
             PacedSender sender = new PacedSender(new InetSocketAddress("127.0.0.1", receiver.ports()[0]))) {
            long sent = sender.send(5000, TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(sent).isEqualTo(1000);
            assertThat(sender.nextSequence()).isEqualTo(1000);
        }
    }

    private static ReceiverStats.Snapshot awaitReceived(FanOutReceiver receiver, long count) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        ReceiverStats.Snapshot snapshot = receiver.snapshot();
        while (snapshot.received() < count && System.nanoTime() - deadlineNs < 0) {
            Thread.sleep(20);
            snapshot = receiver.snapshot();
        }
        return snapshot;
    }
}
