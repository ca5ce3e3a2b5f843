package io.sluice.cli;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live table and log line of {@code sluice run}: link figures, ingest line, problem lines, 50 outputs. */
class LiveTableTest {
    private static final SourceCounters.Snapshot IN = new SourceCounters.Snapshot(1000, 1328000, 2_000_000, 190, 10, 8,
            0, 0, 0, 0);
    private static final OutputCounters.Snapshot OUT = new OutputCounters.Snapshot(990, 0, 1_980_000, 188, 0, 0);

    @Test
    void showsLinkFiguresWhereTheyApplyAndProblemsOnTheirOwnLines() {
        LinkStats srt = LinkStats.builder().connectedTo("127.0.0.1:50000").arq(10, 8, 0).roundTripTimeMs(12.34)
                .build();
        LinkStats refused = LinkStats.builder().connectedTo(null).disconnections(1)
                .problem("refused 127.0.0.1:50000 at handshake: wrong SRT passphrase").build();
        FlowSnapshot flow = new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0,
                List.of(new FlowSnapshot.SourceSnapshot("primary", "srt-listener", EndpointState.ACTIVE, null, IN, null,
                        true, srt)),
                List.of(new FlowSnapshot.OutputSnapshot("fec-out", "rtp-fec", EndpointState.ACTIVE, null, OUT,
                                LinkStats.builder().fec(200, 0).build()),
                        new FlowSnapshot.OutputSnapshot("plain", "rtp", EndpointState.ACTIVE, null, OUT),
                        new FlowSnapshot.OutputSnapshot("studio", "srt-caller", EndpointState.ACTIVE, null, OUT, refused)));
        String table = LiveTable.table(List.of(flow));
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).endsWith("LINK");
        assertThat(lines.get(1)).contains("source ").endsWith("up 127.0.0.1:50000 rtt 12.3ms arq req 10 rec 8");
        assertThat(lines.get(2)).contains("fec-out").endsWith("fec 200 sent");
        assertThat(lines.get(3)).contains("plain").endsWith(" -");
        assertThat(lines.get(4)).contains("studio").endsWith("down disconnects 1");
        assertThat(lines.get(5)).isEqualTo("  ! studio: refused 127.0.0.1:50000 at handshake: wrong SRT passphrase");
        assertThat(lines.get(6)).startsWith("TR 101 290 sync/byte/PAT/CC/PMT/PID");
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0).indexOf("LINK")).isEqualTo(lines.get(1).indexOf("up 127")).isEqualTo(lines.get(2).indexOf("fec 200"));

        String summary = LiveTable.summary(flow);
        assertThat(summary).startsWith("flow news ACTIVE | in primary ACTIVE: 2.00 Mbit/s")
                .contains(", link up 127.0.0.1:50000 rtt 12.3ms arq req 10 rec 8")
                .contains("| out 2/3 connected:")
                .endsWith(" | problems: studio: refused 127.0.0.1:50000 at handshake: wrong SRT passphrase");
        assertThat(summary).doesNotContain("\n");
    }

    @Test
    void marksTheSourceInUseAndSaysWhatTheMergeDoes() {
        IngestStats ingest = new IngestStats(IngestStats.Mode.MERGE, 0, null, 990, 2, 0, List.of(
                new IngestStats.Leg(true, 0, 1000, 900, 0, 5, 100, 0),
                new IngestStats.Leg(false, 3.2, 400, 90, 0, 0, 310, 0)));
        FlowSnapshot flow = new FlowSnapshot("two", FlowStatus.ACTIVE, null, 0, List.of(
                new FlowSnapshot.SourceSnapshot("a", "rtp", EndpointState.ACTIVE, null, IN, null, true, LinkStats.NONE),
                new FlowSnapshot.SourceSnapshot("b", "rtp", EndpointState.ACTIVE, null, IN, null, false, LinkStats.NONE)),
                List.of(), ingest);
        List<String> lines = LiveTable.table(List.of(flow)).lines().toList();
        assertThat(lines.get(1)).startsWith("two              source* a ");
        assertThat(lines.get(2)).startsWith("two              source  b ");
        assertThat(lines.get(3)).isEqualTo("  two: merge INACTIVE (in use: a), latency 3.2ms, lost on both 2");
        assertThat(lines.get(5)).startsWith("* the source in use");
        assertThat(LiveTable.summary(flow)).contains("in a ACTIVE in use:").contains("in b ACTIVE standby:")
                .contains(" | merge INACTIVE (in use: a), latency 3.2ms, lost on both 2 | out 0/0");

        IngestStats failover = new IngestStats(IngestStats.Mode.FAILOVER, 1, "ACTIVE_SOURCE_SILENT", 0, 0, 0, List.of(
                new IngestStats.Leg(false, Double.NaN, 10, 10, 0, 0, 0, 0),
                new IngestStats.Leg(true, Double.NaN, 30, 20, 10, 0, 0, 0)));
        FlowSnapshot switched = new FlowSnapshot("two", FlowStatus.ACTIVE, null, 0, flow.sources(), List.of(), failover);
        assertThat(LiveTable.table(List.of(switched)))
                .contains("  two: failover on b, 1 switch (last: active source silent)\n");
    }

    @Test
    void fiftyFailingOutputsStayOneRowEachWithTheProblemsCapped() {
        List<FlowSnapshot.OutputSnapshot> outputs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outputs.add(new FlowSnapshot.OutputSnapshot("out-" + i, "srt-caller", EndpointState.ACTIVE, null, OUT,
                    LinkStats.builder().connectedTo(null).problem("127.0.0.1:" + (9000 + i) + " refuses the call").build()));
        }
        FlowSnapshot flow = new FlowSnapshot("big", FlowStatus.ACTIVE, null, 0,
                List.of(new FlowSnapshot.SourceSnapshot("in", "rtp", EndpointState.ACTIVE, null, IN, null)), outputs);
        List<String> lines = LiveTable.table(List.of(flow)).lines().toList();
        assertThat(lines).hasSize(1 + 1 + 50 + LiveTable.MAX_PROBLEM_LINES + 1 + 1);
        assertThat(lines.get(52)).isEqualTo("  ! out-0: 127.0.0.1:9000 refuses the call");
        assertThat(lines.get(lines.size() - 2)).startsWith("  ! ... and 40 more");
        assertThat(LiveTable.summary(flow)).contains("out 0/50 connected")
                .endsWith("out-4: 127.0.0.1:9004 refuses the call (+45 more)");
    }
}
