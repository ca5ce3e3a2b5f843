package io.sluice.gateway.api;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What DescribeFlow's messages.errors says about a running flow, from its engine snapshot. */
class FlowProblemsTest {
    private static final SourceCounters.Snapshot IN = new SourceCounters().snapshot(0);
    private static final OutputCounters.Snapshot OUT = new OutputCounters().snapshot(0);

    private static FlowSnapshot.SourceSnapshot source(String name, EndpointState state, String error, LinkStats link) {
        return new FlowSnapshot.SourceSnapshot(name, "srt-listener", state, error, IN, null, true, link);
    }

    private static FlowSnapshot.OutputSnapshot output(String name, EndpointState state, String error, LinkStats link) {
        return new FlowSnapshot.OutputSnapshot(name, "srt-caller", state, error, OUT, link);
    }

    private static LinkStats problem(String text) {
        return LinkStats.builder().connectedTo(null).problem(text).build();
    }

    @Test
    void aHealthyFlowHasNoProblems() {
        FlowSnapshot snapshot = new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0,
                List.of(source("cam1", EndpointState.ACTIVE, null, LinkStats.builder().connectedTo("127.0.0.1:5000").build())),
                List.of(output("playout", EndpointState.ACTIVE, null, LinkStats.NONE)));
        assertThat(FlowProblems.of(snapshot)).isEmpty();
    }

    @Test
    void namesEachSourceAndOutputWhoseLinkReportsAProblemOrThatCouldNotOpen() {
        FlowSnapshot snapshot = new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0,
                List.of(source("cam1", EndpointState.ACTIVE, null,
                                problem("refused 127.0.0.1:50000 at handshake: wrong SRT passphrase")),
                        source("cam2", EndpointState.ACTIVE, null, LinkStats.NONE)),
                List.of(output("playout", EndpointState.ERROR, "Port 6000 is already in use by another process", LinkStats.NONE),
                        output("backup", EndpointState.ACTIVE, null, problem("no answer from 127.0.0.1:7000 for 5 s")),
                        output("fine", EndpointState.ACTIVE, null, LinkStats.NONE),
                        output(GatewayFlowEngine.ENTITLEMENT_OUTPUT + "partner", EndpointState.ACTIVE, null,
                                problem("the subscriber flow is not running"))));
        assertThat(FlowProblems.of(snapshot)).containsExactly(
                "Source cam1: refused 127.0.0.1:50000 at handshake: wrong SRT passphrase",
                "Output playout: Port 6000 is already in use by another process",
                "Output backup: no answer from 127.0.0.1:7000 for 5 s",
                "Entitlement partner: the subscriber flow is not running");
    }

    @Test
    void givesTheFlowsOwnReasonFirstAndEachLineOnce() {
        FlowSnapshot snapshot = new FlowSnapshot("news", FlowStatus.ERROR, "IngestPort 5000 is already in use by another process", 0,
                List.of(source("cam1", EndpointState.ERROR, "IngestPort 5000 is already in use by another process",
                        problem("IngestPort 5000 is already in use by another process"))),
                List.of());
        assertThat(FlowProblems.of(snapshot)).containsExactly(
                "IngestPort 5000 is already in use by another process",
                "Source cam1: IngestPort 5000 is already in use by another process");
    }

    @Test
    void masksSecretValuesAProblemLineQuotes() {
        FlowSnapshot snapshot = new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0,
                List.of(source("cam1", EndpointState.ACTIVE, null,
                        problem("peer rist://127.0.0.1:9000?secret=s3cr3t-value&aes-type=128 refused: passphrase=hunter22 pbkeylen=16"))),
                List.of());
        assertThat(FlowProblems.of(snapshot)).containsExactly(
                "Source cam1: peer rist://127.0.0.1:9000?secret=***&aes-type=128 refused: passphrase=*** pbkeylen=16");
        assertThat(FlowProblems.withoutSecrets("(passphrase=a;b)c,d) refused")).as("the whole value, whatever it holds")
                .isEqualTo("(passphrase=*** refused");
        assertThat(FlowProblems.withoutSecrets("wrong SRT passphrase")).isEqualTo("wrong SRT passphrase");
    }
}
