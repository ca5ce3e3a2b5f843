package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FlowFragmentsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void addsOutputsThenValidatesTheWholeFlow() throws Exception {
        FlowConfig flow = FlowConfigs.read(json("{'Name':'f','Source':{'Protocol':'rtp','IngestPort':5000}}"));

        List<OutputConfig> added = FlowFragments.outputs(json(
                "{'outputs':[{'name':'a','protocol':'rtp','destination':'127.0.0.1','port':6000}]}"));
        List<OutputConfig> outputs = new ArrayList<>(flow.outputs());
        outputs.addAll(added);
        FlowConfig grown = FlowConfigs.validate(flow.withOutputs(outputs));

        assertThat(grown.withOutputs(java.util.List.of()).outputs()).isEmpty();
        assertThat(grown.outputs()).singleElement().satisfies(o -> {
            assertThat(o.port()).isEqualTo(6000);
            assertThat(o.smoothingLatency()).isZero();
        });
    }

    @Test
    void reportsBodyErrorsWithBodyPaths() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowFragments.outputs(json(
                "{'outputs':[{'protocol':'rtp','destinaton':'127.0.0.1','port':'6000'}]}")));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "outputs[0].destinaton: unknown member (did you mean \"destination\"?)",
                "outputs[0].port: expected an integer, found \"6000\"");
        assertThat(catchThrowableOfType(ConfigException.class, () -> FlowFragments.sources(json("{}"))).errors())
                .extracting(ConfigError::toString).containsExactly("Sources: is required");
    }

    @Test
    void updatesReplaceGivenMembersAndKeepTheRest() throws Exception {
        FlowConfig flow = FlowConfigs.read(json("{'Name':'f','Source':{'Protocol':'srt-listener','IngestPort':5000,"
                + "'Decryption':{'KeyType':'srt-password','RoleArn':'arn:aws:iam::111122223333:role/r',"
                + "'SecretArn':'arn:aws:secretsmanager:us-east-1:111122223333:secret:old'}}}"));

        SourceConfig updated = FlowFragments.updateSource(flow.source(), json(
                "{'minLatency':500,'decryption':{'secretArn':'arn:aws:secretsmanager:us-east-1:111122223333:secret:new'}}"));

        assertThat(updated.minLatency()).isEqualTo(500);
        assertThat(updated.ingestPort()).isEqualTo(5000);
        assertThat(updated.decryption().secretArn()).endsWith(":secret:new");
        assertThat(updated.decryption().keyType()).isEqualTo(KeyType.SRT_PASSWORD);
        assertThat(updated.decryption().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/r");
    }

    @Test
    void updateFlowMergesFailoverAndMaintenance() throws Exception {
        FlowConfig flow = FlowConfigs.read(json("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},"
                + "{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','FailoverMode':'MERGE'}}"));

        FlowConfig updated = FlowConfigs.validate(FlowFragments.updateFlow(flow, json(
                "{'sourceFailoverConfig':{'recoveryWindow':500},'maintenance':{'maintenanceDay':'Sunday','maintenanceStartHour':'03:00'}}")));

        assertThat(updated.sourceFailoverConfig()).isEqualTo(new FailoverConfig(FailoverMode.MERGE, 500, null, State.ENABLED));
        assertThat(updated.maintenance()).isEqualTo(new MaintenanceConfig(MaintenanceDay.SUNDAY, "03:00"));
        assertThat(catchThrowableOfType(ConfigException.class, () -> FlowFragments.updateFlow(flow, json(
                "{'sourceFailoverConfig':{'state':'OFF'},'flowSize':'LARGE'}"))).errors())
                .extracting(ConfigError::toString).containsExactly(
                        "sourceFailoverConfig.state: \"OFF\" is not a valid State (expected one of \"ENABLED\", \"DISABLED\")",
                        "flowSize: FlowSize cannot change: Sluice flows are MEDIUM");
    }

    @Test
    void changingTheProtocolDropsWhatOnlyTheOldOneTook() throws Exception {
        FlowConfig flow = FlowConfigs.read(json("{'Name':'f','Source':{'Protocol':'rtp','IngestPort':5000},"
                + "'Outputs':[{'Name':'o','Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000,'SmoothingLatency':100}]}"));

        OutputConfig srt = FlowFragments.updateOutput(flow.outputs().getFirst(), json("{'protocol':'srt-caller','minLatency':300}"));
        FlowConfig updated = FlowConfigs.validate(flow.withOutputs(List.of(srt)));

        OutputConfig output = updated.outputs().getFirst();
        assertThat(output.protocol()).isEqualTo(Protocol.SRT_CALLER);
        assertThat(output.destination()).isEqualTo("127.0.0.1");
        assertThat(output.port()).isEqualTo(6000);
        assertThat(output.smoothingLatency()).isNull();
        assertThat(output.minLatency()).isEqualTo(300);
        assertThat(output.sluiceExtensions()).isEqualTo(SluiceExtensionsConfig.NONE);
    }
}
