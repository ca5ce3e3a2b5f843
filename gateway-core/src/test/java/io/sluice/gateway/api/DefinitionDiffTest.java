package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionDiffTest {
    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) ApiRequest.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void matchesItemsByNameAndSeesOnlyWhatChanged() throws Exception {
        ObjectNode before = json("{'sources':[{'name':'s','protocol':'rtp','ingestPort':5000}],"
                + "'outputs':[{'name':'a','port':6000},{'name':'b','port':6002},{'name':'c','port':6004}],"
                + "'entitlements':[{'name':'e','subscribers':['111122223333']}]}");
        ObjectNode after = json("{'sources':[{'name':'s','protocol':'rtp','ingestPort':5000}],"
                + "'outputs':[{'name':'a','port':6000},{'name':'c','port':7004},{'name':'d','port':6006}],"
                + "'entitlements':[{'name':'e','subscribers':['111122223333'],'entitlementStatus':'DISABLED'}]}");

        DefinitionDiff diff = DefinitionDiff.between(before, after);

        assertThat(diff.outputs().added()).extracting(o -> o.path("name").asText()).containsExactly("d");
        assertThat(diff.outputs().removed()).extracting(o -> o.path("name").asText()).containsExactly("b");
        assertThat(diff.outputs().changed()).extracting(o -> o.path("port").asInt()).containsExactly(7004);
        assertThat(diff.entitlements().changed()).extracting(o -> o.path("entitlementStatus").asText()).containsExactly("DISABLED");
        assertThat(diff.sourcesUntouched()).isTrue();
        assertThat(DefinitionDiff.between(before, before).outputs().isEmpty()).isTrue();
    }

    @Test
    void aFailoverChangeTouchesTheSources() throws Exception {
        ObjectNode before = json("{'sources':[{'name':'s'}],'sourceFailoverConfig':{'state':'DISABLED'}}");
        ObjectNode after = json("{'sources':[{'name':'s'}],'sourceFailoverConfig':{'state':'ENABLED'}}");
        assertThat(DefinitionDiff.between(before, after).sourcesUntouched()).isFalse();
    }
}
