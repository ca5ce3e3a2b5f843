package io.sluice.config;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/** Round-trips over generated valid flows (jqwik 1.9.3 drives the seeds, {@link RandomFlows} builds the flows). */
class FlowConfigPropertiesTest {

    @Property(tries = 300)
    void generatedFlowsAreValidAndDefaultsAreIdempotent(@ForAll long seed) {
        FlowConfig flow = new RandomFlows(seed).flow();

        FlowConfig filled = FlowConfigs.validate(flow);

        assertThat(FlowConfigs.validate(filled)).isEqualTo(filled);
        assertThat(filled.sources()).allSatisfy(s -> assertThat(s.name()).isNotNull());
        assertThat(filled.outputs()).allSatisfy(o -> assertThat(o.name()).isNotNull());
    }

    @Property(tries = 300)
    void readWriteReadIsLosslessInBothSpellings(@ForAll long seed) {
        FlowConfig flow = FlowConfigs.validate(new RandomFlows(seed).flow());

        FlowConfig fromSdk = FlowConfigs.read(FlowConfigs.write(flow, Spelling.SDK));
        FlowConfig fromWire = FlowConfigs.read(FlowConfigs.write(flow, Spelling.WIRE));

        assertThat(fromSdk).isEqualTo(flow);
        assertThat(fromWire).isEqualTo(fromSdk);
    }

    @Property(tries = 200)
    void aDocumentWithoutDefaultsReadsLikeItsRecords(@ForAll long seed) {
        FlowConfig raw = new RandomFlows(seed).flow();

        String sdk = FlowConfigs.write(raw, Spelling.SDK);
        String wire = FlowConfigs.write(raw, Spelling.WIRE);

        assertThat(FlowConfigs.read(sdk)).isEqualTo(FlowConfigs.validate(raw));
        assertThat(FlowConfigs.read(wire)).isEqualTo(FlowConfigs.read(sdk));
    }
}
