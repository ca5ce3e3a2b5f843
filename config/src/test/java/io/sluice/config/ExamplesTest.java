package io.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file in examples/ is a valid flow, round-trips in both spellings, and uses its own ports. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesAndRoundTripsInBothSpellings(Path example) {
        FlowConfig flow = FlowConfigs.read(example);

        assertThat(flow.name()).isEqualTo(example.getFileName().toString().replace(".json", ""));
        assertThat(FlowConfigs.read(FlowConfigs.write(flow, Spelling.SDK))).isEqualTo(flow);
        assertThat(FlowConfigs.read(FlowConfigs.write(flow, Spelling.WIRE))).isEqualTo(flow);
        assertThat(FlowConfigs.validate(flow)).isEqualTo(flow);
    }

    @Test
    void coversEveryScenarioOfTheIssue() throws IOException {
        Map<String, FlowConfig> flows = new HashMap<>();
        for (Path example : examples()) {
            FlowConfig flow = FlowConfigs.read(example);
            flows.put(flow.name(), flow);
        }
        assertThat(flows.get("rtp-fanout").outputs()).hasSize(50);
        assertThat(flows.get("rtp-fec").source().protocol()).isEqualTo(Protocol.RTP_FEC);
        assertThat(flows.get("rtp-fec").outputs().getFirst().sluiceExtensions())
                .isEqualTo(new SluiceExtensionsConfig(null, null, null, null, 10, 10, FecMode.COLUMN_AND_ROW));
        assertThat(flows.get("srt-listener-password").source().decryption().keyType()).isEqualTo(KeyType.SRT_PASSWORD);
        assertThat(flows.get("srt-caller").source().sourceListenerPort()).isEqualTo(5300);
        assertThat(flows.get("rist").outputs().get(1).sluiceExtensions().ristProfile()).isEqualTo(RistProfile.MAIN);
        assertThat(flows.get("rist").outputs().get(0).sluiceExtensions().ristProfile()).isEqualTo(RistProfile.SIMPLE);
        assertThat(flows.get("failover").sourceFailoverConfig().failoverMode()).isEqualTo(FailoverMode.FAILOVER);
        assertThat(flows.get("merge").sourceFailoverConfig().failoverMode()).isEqualTo(FailoverMode.MERGE);
        assertThat(flows.get("entitlement-originator").entitlements()).hasSize(1);
        assertThat(flows.get("entitlement-subscriber").source().entitled()).isTrue();
        assertThat(flows.get("rtp-wire-spelling").outputs().get(1).protocol()).isEqualTo(Protocol.UDP);
    }

    /** Examples can run side by side: no two bind or send to the same port (counting FEC and RTCP ports). */
    @Test
    void examplesUseDistinctPorts() throws IOException {
        Map<Integer, String> owners = new HashMap<>();
        for (Path example : examples()) {
            FlowConfig flow = FlowConfigs.read(example);
            for (SourceConfig s : flow.sources()) {
                Integer port = s.protocol() == Protocol.SRT_CALLER ? s.sourceListenerPort() : s.ingestPort();
                if (port != null) {
                    claim(owners, s.protocol(), port, flow.name() + " source " + s.name());
                }
            }
            for (OutputConfig o : flow.outputs()) {
                claim(owners, o.protocol(), o.port(), flow.name() + " output " + o.name());
            }
        }
        assertThat(owners).hasSizeGreaterThan(60);
    }

    private static void claim(Map<Integer, String> owners, Protocol protocol, int port, String owner) {
        for (int offset : Protocols.portOffsets(protocol)) {
            String previous = owners.put(port + offset, owner);
            assertThat(previous).as("port %d of %s", port + offset, owner).isNull();
        }
    }
}
