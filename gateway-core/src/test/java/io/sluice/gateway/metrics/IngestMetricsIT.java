package io.sluice.gateway.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.testing.RtpDatagrams;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.sluice.gateway.metrics.Scrape.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-source flows through the engine, scraped over HTTP while RTP flows: a MERGE flow fed on both legs with disjoint
 * losses shows MergeActive, SourceMergeActive and SourceSelected for both sources, and for one when the other leg
 * stops; its merge counters equal the packets sent. A FAILOVER flow shows SourceSelected move from the primary to the
 * backup when the primary stops, one switch, and the failover_switch event line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngestMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    final ScrapedGateway served = new ScrapedGateway();

    /** 1316 zero bytes of payload after the header; 3000 timestamp ticks per sequence number. */
    private static byte[] rtp(int seq, int ssrc) {
        return RtpDatagrams.of(seq, seq * 3000L, ssrc, new byte[1316]);
    }

    private static void send(DatagramSocket socket, byte[] packet, int port) throws Exception {
        socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void mergeShowsBothLegsActiveThenOneAndCountsWhatEachFilled() throws Exception {
        int base = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "merged",
                 "Sources": [{"Name": "a", "Protocol": "rtp", "IngestPort": %d},
                             {"Name": "b", "Protocol": "rtp", "IngestPort": %d}],
                 "SourceFailoverConfig": {"State": "ENABLED", "FailoverMode": "MERGE", "RecoveryWindow": 1000},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(base, base + 2, base + 4)));
        assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
        String a = "flow=\"merged\",source=\"a\"";
        String b = "flow=\"merged\",source=\"b\"";
        String f = "flow=\"merged\"";
        AtomicLong filledByB = new AtomicLong();      // sequence numbers only b delivered: a skipped them
        AtomicLong filledByA = new AtomicLong();
        AtomicLong sequences = new AtomicLong();
        Sender sender = new Sender() {
            @Override
            void sendOne(DatagramSocket socket, int seq) throws Exception {
                byte[] p = rtp(seq & 0xFFFF, 42);
                boolean both = legB;
                boolean toA = !both || seq % 7 != 3;
                boolean toB = both && seq % 7 != 5;
                if (toA) {
                    send(socket, p, base);
                }
                if (toB) {
                    send(socket, p, base + 2);
                }
                if (!toA) {
                    filledByB.incrementAndGet();
                } else if (!toB) {
                    filledByA.incrementAndGet();
                }
                sequences.incrementAndGet();
            }
        };
        try (Sender running = sender.start()) {
            String body = served.scrape().until(s -> Double.valueOf(1).equals(value(s, "MergeActive", f))
                    && value(s, "MergeLatency", f) != null, WAIT);
            assertThat(value(body, "MergeActive", f)).as(body).isEqualTo(1.0);
            assertThat(value(body, "SourceMergeActive", a)).isEqualTo(1.0);
            assertThat(value(body, "SourceMergeActive", b)).isEqualTo(1.0);
            assertThat(value(body, "SourceSelected", a)).isEqualTo(1.0);
            assertThat(value(body, "SourceSelected", b)).isEqualTo(1.0);
            assertThat(value(body, "MergeLatency", f)).isGreaterThanOrEqualTo(0.0);
            assertThat(value(body, "SourceMergeLatency", b)).isGreaterThanOrEqualTo(0.0);
            assertThat(body).doesNotContain("SluiceFailoverSwitches");

            sender.legB = false;                                         // leg b stops; a carries on alone
            body = served.scrape().until(s -> Double.valueOf(0).equals(value(s, "SourceMergeActive", b)), WAIT);
            assertThat(value(body, "SourceMergeActive", b)).as(body).isEqualTo(0.0);
            assertThat(value(body, "MergeActive", f)).isEqualTo(0.0);
            assertThat(value(body, "SourceSelected", b)).isEqualTo(0.0);
            assertThat(value(body, "SourceSelected", a)).isEqualTo(1.0);
            assertThat(value(body, "SourceMergeActive", a)).isEqualTo(1.0);
        }
        long sent = sequences.get();
        // every sequence number went out once, and each leg is credited with exactly the ones only it delivered
        String body = served.scrape().until(s -> Double.valueOf(sent).equals(value(s, "SluiceMergeOutputPackets_total", f))
                && Double.valueOf(filledByA.get()).equals(value(s, "SluiceSourceMergeFilledPackets_total", a)), WAIT);
        assertThat(value(body, "SluiceMergeOutputPackets_total", f)).as(body).isEqualTo((double) sent);
        assertThat(value(body, "SluiceMergeLostPackets_total", f)).isEqualTo(0.0);
        assertThat(value(body, "SluiceSourceMergeFilledPackets_total", b)).isEqualTo((double) filledByB.get());
        assertThat(value(body, "SluiceSourceMergeFilledPackets_total", a)).isEqualTo((double) filledByA.get());
        assertThat(filledByB.get()).isPositive();
    }

    @Test
    void failoverMovesSourceSelectedToTheBackupAndCountsTheSwitch() throws Exception {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger eventLogger = (Logger) LoggerFactory.getLogger("sluice.events");
        eventLogger.addAppender(events);
        int base = FreePorts.udpBlock();
        Flow flow = served.gateway().create(FlowConfigs.read("""
                {"Name": "fo",
                 "Sources": [{"Name": "main", "Protocol": "rtp", "IngestPort": %d},
                             {"Name": "backup", "Protocol": "rtp", "IngestPort": %d}],
                 "SourceFailoverConfig": {"State": "ENABLED", "FailoverMode": "FAILOVER",
                                          "SourcePriority": {"PrimarySource": "main"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(base, base + 2, base + 4)));
        assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
        String main = "flow=\"fo\",source=\"main\"";
        String backup = "flow=\"fo\",source=\"backup\"";
        HealthEvents health = new HealthEvents(AllowListDenials.DEFAULT_INTERVAL_NS);
        Sender sender = new Sender() {
            @Override
            void sendOne(DatagramSocket socket, int seq) throws Exception {
                if (legA) {
                    send(socket, rtp(seq & 0xFFFF, 1), base);
                }
                send(socket, rtp((seq + 20000) & 0xFFFF, 2), base + 2);
            }
        };
        try (Sender running = sender.start()) {
            String body = served.scrape().until(s -> value(s, "SluiceSourceStandbyDroppedPackets_total", backup) != null
                    && value(s, "SluiceSourceStandbyDroppedPackets_total", backup) > 0, WAIT);
            assertThat(value(body, "SourceSelected", main)).as(body).isEqualTo(1.0);
            assertThat(value(body, "SourceSelected", backup)).isEqualTo(0.0);
            assertThat(value(body, "SourceMergeActive", main)).isEqualTo(1.0);
            assertThat(value(body, "SluiceFailoverSwitches_total", "flow=\"fo\"")).isEqualTo(0.0);
            assertThat(body).doesNotContain("\nMergeActive").doesNotContain("MergeLatency");
            health.observe(List.of(flow.snapshot().get(5, TimeUnit.SECONDS)));

            sender.legA = false;                                          // the primary stops
            body = served.scrape().until(s -> Double.valueOf(1).equals(value(s, "SourceSelected", backup)), WAIT);
            assertThat(value(body, "SourceSelected", backup)).as(body).isEqualTo(1.0);
            assertThat(value(body, "SourceSelected", main)).isEqualTo(0.0);
            assertThat(value(body, "SourceMergeActive", backup)).isEqualTo(1.0);
            assertThat(value(body, "SluiceFailoverSwitches_total", "flow=\"fo\"")).isEqualTo(1.0);
            health.observe(List.of(flow.snapshot().get(5, TimeUnit.SECONDS)));
        } finally {
            eventLogger.detachAppender(events);
        }
        assertThat(events.list.stream().map(ILoggingEvent::getFormattedMessage))
                .contains("event=failover_switch flow=fo from=main to=backup reason=active_source_silent");
    }

    /** Sends one sequence number every millisecond or so on a thread of its own until closed. */
    private abstract static class Sender implements AutoCloseable {
        volatile boolean legA = true;
        volatile boolean legB = true;
        private volatile boolean running = true;
        private volatile Exception failure;

        private Thread thread;

        /** Starts sending; call once the subclass is built. */
        Sender start() {
            thread = Thread.ofPlatform().daemon().start(this::run);
            return this;
        }

        abstract void sendOne(DatagramSocket socket, int seq) throws Exception;

        private void run() {
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int seq = 0; running; seq++) {
                    sendOne(socket, seq);
                    LockSupport.parkNanos(1_000_000L);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5000);
            if (thread.isAlive()) {
                throw new AssertionError("the sender thread did not stop");
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
