package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sluice extensions given as {@code sluice:} SourceTags/OutputTags: same records as SluiceExtensions, lossless. */
class SluiceTagsTest {
    private static final String SRP = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srp";

    private static String flow(String sourceExtra, String outputExtra) {
        return ("{'Name':'f','Source':{'Protocol':'rist','IngestPort':5000" + sourceExtra + "},"
                + "'Outputs':[{'Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000" + outputExtra + "}]}").replace('\'', '"');
    }

    @Test
    void tagsAndTheSluiceExtensionsMemberGiveEqualRecords() {
        FlowConfig tags = FlowConfigs.read(flow(
                ",'SourceTags':{'sluice:BindAddress':'127.0.0.1','sluice:SrpUsername':'u','sluice:SrpPasswordSecretArn':'" + SRP + "'}",
                ",'OutputTags':{'sluice:FecColumns':'5','sluice:FecRows':' 4','sluice:FecMode':'column'}"));
        FlowConfig member = FlowConfigs.read(flow(
                ",'SluiceExtensions':{'BindAddress':'127.0.0.1','SrpUsername':'u','SrpPasswordSecretArn':'" + SRP + "'}",
                ",'SluiceExtensions':{'FecColumns':5,'FecRows':4,'FecMode':'column'}"));

        assertThat(tags).isEqualTo(member);
        assertThat(tags.outputs().getFirst().sluiceExtensions())
                .isEqualTo(new SluiceExtensionsConfig(null, null, null, null, 5, 4, FecMode.COLUMN));
        assertThat(tags.source().sluiceExtensions().srpUsername()).isEqualTo("u");
        assertThat(tags.source().sluiceExtensions().ristProfile()).as("default with SRP").isEqualTo(RistProfile.MAIN);
        assertThat(tags.source().sourceTags()).as("sluice: tags are settings, not ordinary tags").isEmpty();
    }

    @Test
    void ordinaryTagsAreKeptInOrderBesideTheSettings() {
        FlowConfig flow = FlowConfigs.read(flow(",'SourceTags':{'team':'playout','sluice:BindAddress':'127.0.0.1','dept:news':''}",
                ",'OutputTags':{'sluicegate':'x'}"));

        assertThat(flow.source().sourceTags()).containsExactly(Map.entry("team", "playout"), Map.entry("dept:news", ""));
        assertThat(flow.outputs().getFirst().outputTags()).containsExactly(Map.entry("sluicegate", "x"));
        assertThat(flow.source().sluiceExtensions().bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void theSameSettingInBothFormsWithTheSameValueIsAccepted() {
        FlowConfig flow = FlowConfigs.read(flow("", ",'OutputTags':{'sluice:FecColumns':'5'},'SluiceExtensions':{'FecColumns':5,'FecRows':4}"));

        assertThat(flow.outputs().getFirst().sluiceExtensions().fecColumns()).isEqualTo(5);
        assertThat(flow.outputs().getFirst().sluiceExtensions().fecRows()).isEqualTo(4);
    }

    @Test
    void writesTheTagFormInBothSpellingsAndReadsItBackEqual() throws Exception {
        FlowConfig flow = FlowConfigs.read(flow(",'SourceTags':{'team':'playout'},'SluiceExtensions':{'BindAddress':'127.0.0.1'}",
                ",'OutputTags':{'sluice:FecColumns':'5','sluice:FecRows':'4'}"));
        ObjectMapper json = new ObjectMapper();

        JsonNode sdk = json.readTree(FlowConfigs.write(flow, Spelling.SDK));
        JsonNode wire = json.readTree(FlowConfigs.write(flow, Spelling.WIRE));

        assertThat(sdk.at("/Source/SluiceExtensions").isMissingNode()).as("CLI-compatible: no SluiceExtensions").isTrue();
        assertThat(sdk.at("/Source/SourceTags").toString())
                .isEqualTo("{\"sluice:BindAddress\":\"127.0.0.1\",\"sluice:RistProfile\":\"simple\",\"team\":\"playout\"}");
        assertThat(wire.at("/outputs/0/outputTags").toString())
                .isEqualTo("{\"sluice:FecColumns\":\"5\",\"sluice:FecRows\":\"4\",\"sluice:FecMode\":\"column-and-row\"}");
        assertThat(FlowConfigs.read(sdk)).isEqualTo(flow);
        assertThat(FlowConfigs.read(wire)).isEqualTo(flow);
    }

    @Test
    void theResponseLayoutKeepsTheSluiceExtensionsMember() {
        FlowConfig flow = FlowConfigs.read(flow("", ",'OutputTags':{'sluice:FecColumns':'5','sluice:FecRows':'4','team':'a'}"));

        JsonNode output = new FlowWriter(Spelling.WIRE).output(flow.outputs().getFirst());

        assertThat(output.at("/sluiceExtensions/fecColumns").intValue()).isEqualTo(5);
        assertThat(output.at("/outputTags").toString()).isEqualTo("{\"team\":\"a\"}");
    }

    @Test
    void reportsEveryTagErrorAtOnceInDocumentOrder() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(flow(
                ",'SourceTags':{'sluice:BindAdress':'x','sluice:BindAddress':'y'}",
                ",'OutputTags':{'sluice:FecRows':'many','sluice:FecColumns':'30'}")));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "Source.SourceTags.\"sluice:BindAdress\": unknown Sluice extension tag (did you mean \"sluice:BindAddress\"?)",
                "Source.SourceTags.\"sluice:BindAddress\": \"y\" is not an IPv4 or IPv6 address",
                "Outputs[0].OutputTags.\"sluice:FecRows\": \"many\" is not a whole number (tag values are strings: write \"10\")",
                "Outputs[0].OutputTags.\"sluice:FecColumns\": 30 is out of range 4-20");
    }
}
