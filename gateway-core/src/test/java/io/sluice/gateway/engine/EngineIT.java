package io.sluice.gateway.engine;

import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against real peers on loopback: ffmpeg sends an MPEG-TS test stream (RTP or plain UDP) into a flow;
 * what the outputs send is captured and checked with ffprobe / ffmpeg -f null.
 */
class EngineIT {
    private Gateway gateway;
    private int base;

    @BeforeEach
    void startGateway() {
        gateway = Gateway.builder().threads(2).build();
        base = FreePorts.udpBlock();
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} in")
    @ValueSource(strings = {"rtp", "udp"})
    void ffmpegStreamComesOutCleanOnEveryOutput(String inputFormat, @TempDir Path dir) throws Exception {
        Flow flow = gateway.create(flow("clean", base, null,
                FlowJson.output("rtp-a", "rtp", base + 1, 0), FlowJson.output("rtp-b", "rtp", base + 2, 0),
                FlowJson.output("bare", "udp", base + 3, 0)));
        try (UdpProbe a = new UdpProbe(base + 1); UdpProbe b = new UdpProbe(base + 2); UdpProbe bare = new UdpProbe(base + 3)) {
            flow.start().sync();
            sendTestStream(inputFormat, base, null, 4);
            FlowSnapshot snapshot = awaitOutputsCaughtUp(flow);
            long packets = snapshot.sources().getFirst().counters().packets();
            assertThat(packets).isGreaterThan(50);
            assertThat(snapshot.sources().getFirst().counters().lost()).isZero();
            assertThat(snapshot.sources().getFirst().counters().malformed()).isZero();
            for (UdpProbe rtp : List.of(a, b)) {
                List<byte[]> got = rtp.await((int) packets);
                assertThat(got).hasSize((int) packets);
                StreamChecks.assertContinuousRtp(got);
                StreamChecks.assertCleanTransportStream(StreamChecks.writeTs(dir, got, 12));
            }
            List<byte[]> plain = bare.await((int) packets);
            assertThat(plain).hasSize((int) packets).allMatch(p -> p[0] == 0x47 && p.length % 188 == 0);
            StreamChecks.assertCleanTransportStream(StreamChecks.writeTs(dir, plain, 0));
        }
    }

    @Test
    void fiftyOutputsEachCountEveryPacket() throws Exception {
        int outputs = 50;
        int packets = 1500;
        try (Selector selector = Selector.open()) {
            List<DatagramChannel> receivers = new ArrayList<>();
            List<String> outputJson = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                DatagramChannel receiver = DatagramChannel.open(StandardProtocolFamily.INET);
                receiver.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
                receiver.bind(new InetSocketAddress("127.0.0.1", 0));
                receiver.configureBlocking(false);
                receiver.register(selector, SelectionKey.OP_READ, i);
                receivers.add(receiver);
                outputJson.add(FlowJson.output("out-" + i, "rtp", ((InetSocketAddress) receiver.getLocalAddress()).getPort(), 0));
            }
            Flow flow = gateway.create(flow("fifty", base, null, outputJson.toArray(String[]::new)));
            flow.start().sync();
            long[] counts = new long[outputs];
            Thread counter = Thread.ofPlatform().name("fifty-counter").start(() -> countUntilIdle(selector, counts));
            try (DatagramSocket sender = new DatagramSocket()) {
                InetSocketAddress ingest = new InetSocketAddress("127.0.0.1", base);
                long start = System.nanoTime();
                for (int seq = 0; seq < packets; seq++) {
                    byte[] packet = UdpProbe.rtp(seq, seq * 180L, 0x5151);
                    sender.send(new DatagramPacket(packet, packet.length, ingest));
                    long due = start + seq * 2_000_000L;          // 500 packets/s, about 5.3 Mbit/s in, 265 out
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            counter.join(30_000);
            FlowSnapshot snapshot = flow.snapshot().get();
            assertThat(snapshot.sources().getFirst().counters().packets()).isEqualTo(packets);
            assertThat(counts).as("packets received per output port").containsOnly(packets);
            assertThat(snapshot.outputs()).hasSize(outputs)
                    .allMatch(o -> o.counters().packets() == packets && o.counters().dropped() == 0 && o.counters().sendErrors() == 0);
            for (DatagramChannel receiver : receivers) {
                receiver.close();
            }
        }
    }

    @Test
    void allowListPassesFfmpegFrom127_0_0_2AndDropsItFrom127_1_0_2(@TempDir Path dir) throws Exception {
        Flow flow = gateway.create(flow("acl", base, "127.0.0.0/24", FlowJson.output("out", "rtp", base + 1, 0)));
        try (UdpProbe out = new UdpProbe(base + 1)) {
            flow.start().sync();
            try (PeerProcess denied = testStream("udp", base, "127.1.0.2", 4)) {
                sendTestStream("udp", base, "127.0.0.2", 4);
                denied.waitFor(Duration.ofSeconds(20));
            }
            FlowSnapshot snapshot = awaitOutputsCaughtUp(flow);
            var source = snapshot.sources().getFirst().counters();
            assertThat(source.droppedByAllowList()).as("datagrams from 127.1.0.2").isGreaterThan(50);
            assertThat(source.packets()).as("datagrams from 127.0.0.2").isGreaterThan(50);
            List<byte[]> got = out.await((int) source.packets());
            assertThat(got).hasSize((int) source.packets());
            assertThat(out.drain(200)).isEmpty();
            StreamChecks.assertCleanTransportStream(StreamChecks.writeTs(dir, got, 12));   // one stream only: the denied one never mixed in
        }
    }

    @Test
    void anOutputToAClosedPortDoesNotDisturbTheOthers(@TempDir Path dir) throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            closedPort = probe.getLocalPort();
        }
        Flow flow = gateway.create(flow("isolated", base, null, FlowJson.output("first", "rtp", base + 1, 0),
                FlowJson.output("nobody-home", "rtp", closedPort, 0), FlowJson.output("last", "rtp", base + 2, 0)));
        try (UdpProbe first = new UdpProbe(base + 1); UdpProbe last = new UdpProbe(base + 2)) {
            flow.start().sync();
            sendTestStream("rtp", base, null, 3);
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.outputs().get(0).counters().packets()
                    == s.sources().getFirst().counters().packets() && s.outputs().get(1).counters().sendErrors() > 0);
            long packets = snapshot.sources().getFirst().counters().packets();
            FlowSnapshot.OutputSnapshot dead = snapshot.outputs().get(1);
            assertThat(dead.counters().sendErrors()).as("ICMP port unreachable, counted").isGreaterThan(0);
            assertThat(dead.state()).isEqualTo(EndpointState.ACTIVE);
            for (int i : new int[] {0, 2}) {
                assertThat(snapshot.outputs().get(i).counters().packets()).isEqualTo(packets);
                assertThat(snapshot.outputs().get(i).counters().dropped()).isZero();
                assertThat(snapshot.outputs().get(i).counters().sendErrors()).isZero();
            }
            List<byte[]> fromFirst = first.await((int) packets);
            List<byte[]> fromLast = last.await((int) packets);
            assertThat(fromFirst).hasSize((int) packets);
            assertThat(fromLast).hasSize((int) packets);
            StreamChecks.assertContinuousRtp(fromFirst);
            StreamChecks.assertContinuousRtp(fromLast);
            StreamChecks.assertCleanTransportStream(StreamChecks.writeTs(dir, fromLast, 12));
        }
    }

    @Test
    void stopStartStopLeavesNoSocketOpen() throws Exception {
        try (UdpProbe out = new UdpProbe(base + 1)) {
            long socketsBefore = openSockets();
            Flow flow = gateway.create(flow("cycle", base, null, FlowJson.output("out", "rtp", base + 1, 0),
                    FlowJson.output("smooth", "rtp", base + 2, 40)));
            try (PeerProcess sender = testStream("rtp", base, null, 5)) {
                flow.start().sync();
                assertThat(out.await(20)).hasSize(20);
                flow.stop().sync();
                assertThat(openSockets()).isEqualTo(socketsBefore);
                flow.start().sync();
                out.drain(0);
                assertThat(out.await(20)).hasSize(20);
                assertThat(flow.status()).isEqualTo(FlowStatus.ACTIVE);
                flow.stop().sync();
                sender.waitFor(Duration.ofSeconds(20));
            }
            assertThat(flow.status()).isEqualTo(FlowStatus.STANDBY);
            assertThat(openSockets()).as("sockets after stop").isEqualTo(socketsBefore);
            try (DatagramSocket rebind = new DatagramSocket(new InetSocketAddress(base))) {
                assertThat(rebind.isBound()).isTrue();
            }
        }
    }

    private static FlowConfig flow(String name, int ingestPort, String whitelistCidr, String... outputs) {
        return FlowConfigs.read("""
                {"Name": "%s",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d%s},
                 "Outputs": [%s]}
                """.formatted(name, ingestPort,
                whitelistCidr == null ? "" : ", \"WhitelistCidr\": \"" + whitelistCidr + "\"", String.join(",", outputs)));
    }

    /** ffmpeg sends {@code seconds} of a 320x180 MPEG-2 test pattern in real time, as RTP or plain UDP TS. */
    private static PeerProcess testStream(String format, int port, String fromAddress, int seconds) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", Integer.toString(seconds),
                "-c:v", "mpeg2video", "-b:v", "1500k", "-g", "25", "-flush_packets", "0"));
        String local = fromAddress == null ? "" : "&localaddr=" + fromAddress;
        if (format.equals("rtp")) {
            command.addAll(List.of("-f", "rtp_mpegts", "rtp://127.0.0.1:" + port + "?pkt_size=1328" + local));
        } else {
            command.addAll(List.of("-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316" + local));
        }
        return PeerProcess.start(Duration.ofSeconds(seconds + 25), command);
    }

    private static void sendTestStream(String format, int port, String fromAddress, int seconds) {
        try (PeerProcess ffmpeg = testStream(format, port, fromAddress, seconds)) {
            int exit = ffmpeg.waitFor(Duration.ofSeconds(seconds + 20));
            assertThat(exit).as("ffmpeg exit code; log:\n" + ffmpeg.log()).isZero();
        }
    }

    private static FlowSnapshot awaitOutputsCaughtUp(Flow flow) throws Exception {
        return awaitSnapshot(flow, s -> s.outputs().stream()
                .allMatch(o -> o.counters().packets() == s.sources().getFirst().counters().packets()));
    }

    private static FlowSnapshot awaitSnapshot(Flow flow, Predicate<FlowSnapshot> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        FlowSnapshot snapshot = flow.snapshot().get();
        while (!condition.test(snapshot) && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            snapshot = flow.snapshot().get();
        }
        return snapshot;
    }

    private static void countUntilIdle(Selector selector, long[] counts) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        long idleSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        try {
            while (System.nanoTime() - deadline < 0) {
                if (selector.select(200) == 0) {
                    if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(3)) {
                        return;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    buffer.clear();
                    while (channel.receive(buffer) != null) {
                        counts[(Integer) key.attachment()]++;
                        buffer.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long openSockets() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

}
