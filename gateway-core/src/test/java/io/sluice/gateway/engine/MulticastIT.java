package io.sluice.gateway.engine;

import io.netty.channel.ChannelOption;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.output.rtp.RtpOutput;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Multicast sources and outputs with real peers, inside a network namespace this test creates (root only; skipped
 * otherwise) so the shared host's interfaces are never touched ({@link NetworkNamespace}). The test thread and the
 * gateway's loop enter the namespace, so every socket of the flow, the probes and ffmpeg live there.
 */
@Timeout(180)
class MulticastIT {
    private static NetworkNamespace namespace;
    private NetworkNamespace.Entered entered;
    private Gateway gateway;
    private int base;

    @BeforeAll
    static void createNamespace() {
        String unavailable = NetworkNamespace.unavailableReason();
        assumeTrue(unavailable == null, () -> "multicast tests skipped: " + unavailable);
        namespace = NetworkNamespace.create("sluice-mc-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @BeforeEach
    void enterNamespace() {
        entered = namespace.enter();
        gateway = Gateway.builder().threads(1).build();
        base = 20000 + 2 * ThreadLocalRandom.current().nextInt(10000);   // a fresh namespace: every port is free
    }

    @AfterEach
    void leaveNamespace() {
        if (gateway != null) {
            gateway.close();
        }
        if (entered != null) {
            entered.close();
        }
    }

    @Test
    void ffmpegToAnIpv4GroupOnLoopbackComesOutOnUnicastAndMulticastOutputs(@TempDir Path dir) throws Exception {
        Flow flow = start("""
                {"Name": "mc4",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d,
                            "SourceTags": {"sluice:BindAddress": "239.10.10.10"}},
                 "Outputs": [{"Name": "unicast", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d},
                             {"Name": "group", "Protocol": "rtp", "Destination": "239.20.20.20", "Port": %d,
                              "OutputTags": {"sluice:MulticastTtl": "2", "sluice:MulticastInterface": "lo"}},
                             {"Name": "bare", "Protocol": "udp", "Destination": "239.20.20.21", "Port": %d}]}
                """.formatted(base, base + 1, base + 2, base + 4));
        try (UdpProbe unicast = new UdpProbe(base + 1);
             MulticastProbe group = new MulticastProbe("239.20.20.20", base + 2, "lo");
             MulticastProbe bare = new MulticastProbe("239.20.20.21", base + 4, "lo")) {
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(40), namespace.command("ffmpeg",
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
                    "-i", "testsrc=size=320x180:rate=25", "-t", "3", "-c:v", "mpeg2video", "-b:v", "1500k", "-g", "25",
                    "-f", "rtp_mpegts", "rtp://239.10.10.10:" + base + "?pkt_size=1328&ttl=1"))) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(30))).as("ffmpeg exit; log:\n" + ffmpeg.log()).isZero();
            }
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.outputs().stream()
                    .allMatch(o -> o.counters().packets() == s.sources().getFirst().counters().packets()));
            var in = snapshot.sources().getFirst().counters();
            assertThat(in.packets()).as("packets from the group").isGreaterThan(50);
            assertThat(in.duplicates() + in.lost() + in.malformed()).isZero();
            int packets = (int) in.packets();
            List<byte[]> fromGroup = group.await(packets);
            assertThat(unicast.await(packets)).hasSize(packets);
            assertThat(fromGroup).hasSize(packets);
            assertThat(bare.await(packets)).hasSize(packets).allMatch(p -> p[0] == 0x47);
            assertThat(group.drain(200)).as("no packet twice").isEmpty();
            StreamChecks.assertContinuousRtp(fromGroup);
            StreamChecks.assertCleanTransportStream(StreamChecks.writeTs(dir, fromGroup, 12));
        }
    }

    @Test
    void anRtpFecSourceJoinsTheGroupOnAllThreePorts() throws Exception {
        Flow flow = start("""
                {"Name": "mcfec",
                 "Source": {"Name": "in", "Protocol": "rtp-fec", "IngestPort": %d,
                            "SourceTags": {"sluice:BindAddress": "239.10.10.12", "sluice:MulticastInterface": "lo"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(base, base + 10));
        try (UdpProbe out = new UdpProbe(base + 10)) {
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(40), namespace.command("ffmpeg",
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
                    "-i", "testsrc=size=320x180:rate=25", "-t", "3", "-c:v", "mpeg2video", "-b:v", "1500k", "-g", "25",
                    "-f", "rtp_mpegts", "-fec", "prompeg=l=5:d=4", "rtp://239.10.10.12:" + base + "?pkt_size=1328&ttl=1"))) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(30))).as("ffmpeg exit; log:\n" + ffmpeg.log()).isZero();
            }
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.sources().getFirst().counters().packets() > 50
                    && s.outputs().getFirst().counters().packets() == s.sources().getFirst().counters().packets());
            var in = snapshot.sources().getFirst();
            assertThat(in.counters().packets()).as("media from the group").isGreaterThan(50);
            assertThat(in.link().fecPackets()).as("column and row FEC from the group on IngestPort+2 and +4")
                    .isGreaterThan(in.counters().packets() / 5);
            assertThat(out.await((int) in.counters().packets())).hasSize((int) in.counters().packets());
        }
    }

    @Test
    void aSourceSpecificJoinTakesTheNamedSenderOnly() throws Exception {
        Flow flow = start("""
                {"Name": "ssm",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d,
                            "SluiceExtensions": {"BindAddress": "232.1.1.1", "MulticastSourceIp": "127.0.0.2",
                                                 "MulticastInterface": "lo"}},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(base, base + 1));
        try (UdpProbe out = new UdpProbe(base + 1)) {
            MulticastProbe.send("127.0.0.3", "lo", "232.1.1.1", base, 0, 50, 0xBAD);
            MulticastProbe.send("127.0.0.2", "lo", "232.1.1.1", base, 0, 100, 0x600D);
            MulticastProbe.send("127.0.0.3", "lo", "232.1.1.1", base, 50, 50, 0xBAD);
            List<byte[]> got = out.await(100);
            assertThat(got).hasSize(100).allMatch(p -> ByteBuffer.wrap(p).getInt(8) == 0x600D);
            assertThat(out.drain(300)).isEmpty();
            var in = flow.snapshot().get().sources().getFirst().counters();
            assertThat(in.packets()).isEqualTo(100);
            assertThat(in.discontinuities()).as("no second SSRC ever seen").isZero();
        }
    }

    /**
     * The outputs leave by the namespace's only IPv6 multicast route (mc0) rather than a named interface: the JDK reads
     * IPv6 interface addresses from /proc/net, which shows the process's namespace, not this thread's, and Netty needs
     * such an address to set IPV6_MULTICAST_IF by interface (outside a test every thread shares one namespace).
     */
    @Test
    void ipv6GroupInAndOutAndLoopbackOffKeepsAGroupOffThisHost() throws Exception {
        String nic = NetworkNamespace.MULTICAST_INTERFACE;
        Flow flow = start("""
                {"Name": "mc6",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d,
                            "SluiceExtensions": {"BindAddress": "ff3e::10", "MulticastInterface": "%s"}},
                 "Outputs": [{"Name": "group", "Protocol": "rtp", "Destination": "ff3e::20", "Port": %d,
                              "SluiceExtensions": {"MulticastTtl": 1}},
                             {"Name": "off-host-only", "Protocol": "rtp", "Destination": "ff3e::30", "Port": %d,
                              "SluiceExtensions": {"MulticastLoopback": false}}]}
                """.formatted(base, nic, base + 2, base + 4));
        try (MulticastProbe group = new MulticastProbe("ff3e::20", base + 2, nic);
             MulticastProbe offHost = new MulticastProbe("ff3e::30", base + 4, nic)) {
            MulticastProbe.send("fd99::1", nic, "ff3e::10", base, 0, 120, 0x6666, 12);   // bursts: GSO sends to groups
            List<byte[]> got = group.await(120);
            assertThat(got).hasSize(120);
            StreamChecks.assertContinuousRtp(got);
            FlowSnapshot snapshot = awaitSnapshot(flow, s -> s.outputs().get(1).counters().packets() == 120);
            assertThat(snapshot.sources().getFirst().counters().packets()).isEqualTo(120);
            assertThat(snapshot.outputs().get(1).counters().packets()).as("sent").isEqualTo(120);
            assertThat(offHost.drain(300)).as("MulticastLoopback false: nothing delivered on this host").isEmpty();
        }
    }

    @Test
    void anOutputSocketCarriesTheConfiguredTtlLoopbackAndInterface() throws Exception {
        NetworkInterface nic = NetworkInterface.getByName(NetworkNamespace.MULTICAST_INTERFACE);
        RtpOutput output = new RtpOutput(new RtpOutputSettings("ttl", new InetSocketAddress(InetAddress.getByName("239.30.30.30"),
                base), 0, 7, RtpOutputSettings.DEFAULT_SEND_BUFFER_BYTES, null, false, nic, false), Transport.best(),
                NanoClock.SYSTEM);
        Flow any = gateway.create(FlowJson.rtpFlow("holder", base + 2, null, base + 3));   // only for its loop
        any.loop().submit(() -> namespace.enter()).sync();
        try {
            any.loop().submit(() -> output.open(any.loop())).sync().getNow().sync();
            assertThat(any.loop().submit(() -> output.socketOption(ChannelOption.IP_MULTICAST_TTL)).get()).isEqualTo(7);
            assertThat(any.loop().submit(() -> output.socketOption(ChannelOption.IP_MULTICAST_LOOP_DISABLED)).get()).isTrue();
            assertThat(any.loop().submit(() -> output.socketOption(ChannelOption.IP_MULTICAST_IF)).get()).isEqualTo(nic);
        } finally {
            any.loop().submit(output::close).sync();
        }
    }

    /** Creates the flow (interfaces are looked up now, in the namespace), moves its loop in, and starts it. */
    private Flow start(String json) throws Exception {
        FlowConfig config = FlowConfigs.read(json);
        Flow flow = gateway.create(config);
        flow.loop().submit(() -> namespace.enter()).sync();
        flow.start().sync();
        return flow;
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
}
