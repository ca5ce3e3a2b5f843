package io.sluice.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowConfigsTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void readsTheRtpFanOutExampleWithDefaultsFilledIn() {
        FlowConfig flow = FlowConfigs.read(EXAMPLES.resolve("rtp-fanout.json"));

        assertThat(flow.name()).isEqualTo("rtp-fanout");
        assertThat(flow.sourceMember()).isEqualTo(SourceMember.SOURCE);
        assertThat(flow.sources()).singleElement().satisfies(source -> {
            assertThat(source.protocol()).isEqualTo(Protocol.RTP);
            assertThat(source.ingestPort()).isEqualTo(5000);
            assertThat(source.maxBitrate()).isEqualTo(FlowDefaults.MAX_BITRATE_BPS);
        });
        assertThat(flow.outputs()).hasSize(50);
        assertThat(flow.outputs()).extracting(OutputConfig::port).containsExactlyElementsOf(
                java.util.stream.IntStream.range(6000, 6050).boxed().toList());
        assertThat(flow.outputs()).allSatisfy(output -> {
            assertThat(output.smoothingLatency()).isZero();
            assertThat(output.outputStatus()).isEqualTo(OutputStatus.ENABLED);
        });
        assertThat(flow.sourceFailoverConfig().state()).isEqualTo(State.DISABLED);
    }

    @Test
    void bothSpellingsGiveEqualRecordsAndRoundTrip() {
        FlowConfig flow = FlowConfigs.read(EXAMPLES.resolve("rtp-fanout.json"));

        String wire = FlowConfigs.write(flow, Spelling.WIRE);
        String sdk = FlowConfigs.write(flow, Spelling.SDK);

        assertThat(wire).contains("\"ingestPort\" : 5000").doesNotContain("\"IngestPort\"");
        assertThat(sdk).contains("\"IngestPort\" : 5000");
        assertThat(FlowConfigs.read(wire)).isEqualTo(flow);
        assertThat(FlowConfigs.read(sdk)).isEqualTo(flow);
    }

    @Test
    void reportsEveryErrorWithItsPath() {
        String json = """
                {"Name": "bad flow",
                 "Source": {"Protocol": "rtp", "IngestPort": 70000, "WhitelistCidr": "10.0.0.0/33"},
                 "Outputs": [{"Protocol": "rtp", "Destination": "127.0.0.1", "Port": 6000},
                             {"Protocl": "rtp", "Destination": "127.0.0.1", "Port": 6001}]}
                """;
        assertThatThrownBy(() -> FlowConfigs.read(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .contains("Source.IngestPort: 70000 is out of range 1024-65535",
                                "Source.WhitelistCidr: \"10.0.0.0/33\" has prefix 33 (expected 0-32 for IPv4)",
                                "Outputs[1].Protocl: unknown member (did you mean \"Protocol\"?)")
                        .anySatisfy(error -> assertThat(error).startsWith("Name: \"bad flow\" has characters")));
    }

    @Test
    void wireSpellingErrorsUseWirePaths() {
        String json = """
                {"name": "f", "source": {"protocol": "rtp", "ingestPort": 5000},
                 "outputs": [{"protocol": "rtp", "destination": "127.0.0.1", "port": 80}]}
                """;
        assertThatThrownBy(() -> FlowConfigs.read(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly("outputs[0].port: 80 is out of range 1024-65535"));
    }

    @Test
    void explainsFilesThatCannotBeRead(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.write(tmp.resolve("latin1.json"), new byte[] {'{', '"', 'N', (byte) 0xe9, '"', '}'});

        assertThatThrownBy(() -> FlowConfigs.read(tmp.resolve("missing.json")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("missing.json: no such file");
        assertThatThrownBy(() -> FlowConfigs.read(tmp.resolve("latin1.json")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("latin1.json: not UTF-8 text");
    }
}
