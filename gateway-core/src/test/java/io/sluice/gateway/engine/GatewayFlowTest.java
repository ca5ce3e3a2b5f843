package io.sluice.gateway.engine;

import io.netty.util.concurrent.Future;
import io.sluice.config.FlowConfig;
import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.StartFailure;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A flow on real loopback sockets, driven by JDK UDP sockets (no external peers). */
class GatewayFlowTest {
    private Gateway gateway;
    private int base;

    @BeforeEach
    void startGateway() {
        gateway = Gateway.builder().threads(1).build();
        base = FreePorts.udpBlock();
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    @Test
    void fansEveryRtpPacketOutToEveryOutputUnchanged() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("fan", base, null, base + 1, base + 2, base + 3));
        try (UdpProbe a = new UdpProbe(base + 1); UdpProbe b = new UdpProbe(base + 2); UdpProbe c = new UdpProbe(base + 3)) {
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(flow.status()).isEqualTo(FlowStatus.ACTIVE);
            List<byte[]> sent = IntStream.range(0, 20).mapToObj(i -> UdpProbe.rtp(1000 + i, 90_000L + i * 100, 0xABCD)).toList();
            UdpProbe.send("127.0.0.1", base, sent);
            for (UdpProbe probe : List.of(a, b, c)) {
                List<byte[]> got = probe.await(20);
                assertThat(got).hasSize(20);
                for (int i = 0; i < 20; i++) {
                    assertThat(got.get(i)).isEqualTo(sent.get(i));
                }
            }
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.outputs().stream().allMatch(o -> o.counters().packets() == 20));
            assertThat(snapshot.sources().getFirst().counters().packets()).isEqualTo(20);
            assertThat(snapshot.sources().getFirst().counters().bytes()).isEqualTo(20 * 1328);
            assertThat(snapshot.sources().getFirst().state()).isEqualTo(EndpointState.ACTIVE);
            assertThat(snapshot.outputs()).allMatch(o -> o.state() == EndpointState.ACTIVE && o.counters().dropped() == 0);
        }
    }

    @Test
    void plainTransportStreamGetsAnRtpHeaderAndUdpOutputsSendItBare() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("ts", base, null, base + 1));
        try (UdpProbe rtp = new UdpProbe(base + 1); UdpProbe bare = new UdpProbe(base + 2)) {
            flow.start().sync();
            flow.addOutput(FlowJson.outputConfig("bare", "udp", base + 2, 0)).sync();
            List<byte[]> sent = IntStream.range(0, 5).mapToObj(UdpProbe::ts).toList();
            UdpProbe.send("127.0.0.1", base, sent);
            List<byte[]> got = rtp.await(5);
            assertThat(got).hasSize(5);
            ByteBuffer first = ByteBuffer.wrap(got.getFirst());
            int ssrc = first.getInt(8);
            for (int i = 0; i < 5; i++) {
                ByteBuffer packet = ByteBuffer.wrap(got.get(i));
                assertThat(packet.remaining()).isEqualTo(1328);
                assertThat(packet.get(0) & 0xFF).isEqualTo(0x80);
                assertThat(packet.get(1) & 0x7F).isEqualTo(33);
                assertThat(packet.getShort(2) & 0xFFFF).isEqualTo(((first.getShort(2) & 0xFFFF) + i) & 0xFFFF);
                assertThat(packet.getInt(8)).isEqualTo(ssrc);
                assertThat(java.util.Arrays.copyOfRange(got.get(i), 12, 1328)).isEqualTo(sent.get(i));
            }
            assertThat(bare.await(5)).hasSize(5).first().isEqualTo(sent.getFirst());
        }
    }

    @Test
    void allowListPassesTheAllowedSenderAndCountsTheDenied() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("acl", base, "127.0.0.0/24", base + 1));
        try (UdpProbe out = new UdpProbe(base + 1)) {
            flow.start().sync();
            UdpProbe.send("127.1.0.2", base, IntStream.range(0, 4).mapToObj(i -> UdpProbe.rtp(i, 0, 9)).toList());
            UdpProbe.send("127.0.0.2", base, IntStream.range(10, 16).mapToObj(i -> UdpProbe.rtp(i, 0, 9)).toList());
            List<byte[]> got = out.await(6);
            assertThat(got).hasSize(6);
            assertThat(got).allMatch(p -> (ByteBuffer.wrap(p).getShort(2) & 0xFFFF) >= 10);
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.sources().getFirst().counters().droppedByAllowList() == 4);
            assertThat(snapshot.sources().getFirst().counters().packets()).isEqualTo(6);
            assertThat(out.drain(100)).isEmpty();
        }
    }

    @Test
    void countsLossReorderingAndDropsDuplicates() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("seq", base, null, base + 1));
        try (UdpProbe out = new UdpProbe(base + 1)) {
            flow.start().sync();
            int[] order = {1, 2, 4, 3, 3, 5, 8};
            List<byte[]> sent = new ArrayList<>();
            for (int seq : order) {
                sent.add(UdpProbe.rtp(seq, seq * 10L, 77));
            }
            UdpProbe.send("127.0.0.1", base, sent);
            assertThat(out.await(6)).hasSize(6);
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.sources().getFirst().counters().packets() == 6);
            var counters = snapshot.sources().getFirst().counters();
            assertThat(counters.duplicates()).isEqualTo(1);
            assertThat(counters.reordered()).isEqualTo(1);
            assertThat(counters.lost()).isEqualTo(2);          // 6 and 7 never came
            assertThat(out.drain(100)).isEmpty();
        }
    }

    @Test
    void aBusyIngestPortIsAnErrorAPersonCanActOnAndStartWorksOnceItIsFree() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("busy", base, null, base + 1));
        try (DatagramSocket blocker = new DatagramSocket(new InetSocketAddress(base))) {
            Future<Void> start = flow.start().await();
            assertThat(start.cause()).isInstanceOf(StartFailure.class)
                    .hasMessage("IngestPort " + base + " is already in use by another process");
            assertThat(flow.status()).isEqualTo(FlowStatus.ERROR);
            assertThat(flow.errorReason()).isEqualTo("IngestPort " + base + " is already in use by another process");
            FlowSnapshot snapshot = flow.snapshot().get();
            assertThat(snapshot.sources().getFirst().state()).isEqualTo(EndpointState.ERROR);
            assertThat(snapshot.outputs().getFirst().state()).isEqualTo(EndpointState.STANDBY);
        }
        flow.start().sync();
        assertThat(flow.status()).isEqualTo(FlowStatus.ACTIVE);
        assertThat(flow.errorReason()).isNull();
    }

    @Test
    void startAndStopAreIdempotentAndStopFreesThePort() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("life", base, null, base + 1));
        assertThat(flow.status()).isEqualTo(FlowStatus.STANDBY);
        assertThat(flow.stop().sync().isSuccess()).isTrue();
        Future<Void> first = flow.start();
        Future<Void> second = flow.start();
        first.sync();
        second.sync();
        assertThat(flow.status()).isEqualTo(FlowStatus.ACTIVE);
        try (UdpProbe out = new UdpProbe(base + 1)) {
            UdpProbe.send("127.0.0.1", base, List.of(UdpProbe.rtp(1, 0, 5)));
            assertThat(out.await(1)).hasSize(1);
            flow.stop().sync();
            flow.stop().sync();
            assertThat(flow.status()).isEqualTo(FlowStatus.STANDBY);
            try (DatagramSocket rebind = new DatagramSocket(new InetSocketAddress(base))) {
                assertThat(rebind.isBound()).isTrue();          // the ingest socket is gone
            }
            flow.start().sync();
            UdpProbe.send("127.0.0.1", base, List.of(UdpProbe.rtp(2, 0, 5)));
            assertThat(out.await(1)).hasSize(1);
            flow.stop().sync();
        }
    }

    @Test
    void addsRemovesAndUpdatesOutputsWhileRunningWithoutDisturbingTheOthers() throws Exception {
        Flow flow = gateway.create(FlowJson.rtpFlow("edit", base, null, base + 1));
        try (UdpProbe steady = new UdpProbe(base + 1); UdpProbe added = new UdpProbe(base + 2);
             UdpProbe moved = new UdpProbe(base + 3)) {
            flow.start().sync();
            flow.addOutput(FlowJson.outputConfig("extra", "rtp", base + 2, 0)).sync();
            UdpProbe.send("127.0.0.1", base, List.of(UdpProbe.rtp(1, 0, 5), UdpProbe.rtp(2, 0, 5)));
            assertThat(added.await(2)).hasSize(2);
            flow.updateOutput(FlowJson.outputConfig("extra", "rtp", base + 3, 0)).sync();
            UdpProbe.send("127.0.0.1", base, List.of(UdpProbe.rtp(3, 0, 5)));
            assertThat(moved.await(1)).hasSize(1);
            flow.removeOutput("extra").sync();
            UdpProbe.send("127.0.0.1", base, List.of(UdpProbe.rtp(4, 0, 5)));
            assertThat(steady.await(4)).hasSize(4);
            assertThat(added.drain(100)).isEmpty();
            assertThat(moved.drain(0)).isEmpty();
            assertThat(flow.config().outputs()).extracting(o -> o.name()).containsExactly("out-0");
            assertThatThrownBy(() -> flow.removeOutput("extra").sync()).hasMessageContaining("has no output named extra");
        }
    }

    @Test
    void refusesAFiftyFirstOutput() throws Exception {
        int[] ports = IntStream.range(0, 50).map(i -> 30000 + i).toArray();
        Flow flow = gateway.create(FlowJson.rtpFlow("full", base, null, ports));
        Future<Void> add = flow.addOutput(FlowJson.outputConfig("one-too-many", "rtp", 31000, 0)).await();
        assertThat(add.cause()).hasMessageContaining("already has 50 outputs");
        assertThat(flow.config().outputs()).hasSize(50);
    }

    @Test
    void protocolsNotBuiltOrNotCarriedFailWithTheReason() {
        FlowConfig flow = FlowJson.rtpFlow("p", base, null, base + 1);
        Flow running = gateway.create(flow);
        assertThatThrownBy(() -> running.addOutput(FlowJson.outputConfig("z", "zixi-push", base + 2, 0)))
                .hasMessageContaining("zixi-push");
        assertThatThrownBy(() -> gateway.create(flow)).hasMessageContaining("already exists");
    }

    private static FlowSnapshot awaitSnapshot(Flow flow, Predicate<FlowSnapshot> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        FlowSnapshot snapshot = flow.snapshot().get();
        while (!condition.test(snapshot) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            snapshot = flow.snapshot().get();
        }
        return snapshot;
    }
}
