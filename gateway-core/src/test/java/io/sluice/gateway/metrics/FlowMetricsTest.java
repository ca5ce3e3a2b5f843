package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The link, merge and failover figures of {@link FlowMetrics}: names, labels, values, and unknown values left out. */
class FlowMetricsTest {
    private static final String SRC = "{flow=\"news\",source=\"primary\"} ";
    private static final String BACKUP = "{flow=\"news\",source=\"backup\"} ";
    private static final String OUT = "{flow=\"news\",output=\"to-studio\"} ";
    private static final String FLOW = "{flow=\"news\"} ";

    private final AtomicReference<List<FlowHealth>> flows = new AtomicReference<>(List.of());
    private final FlowMetrics metrics = new FlowMetrics(flows::get);

    private static SourceCounters.Snapshot in(long packets, long perSecond) {
        return new SourceCounters.Snapshot(packets, packets * 1328, perSecond * 1328 * 8, perSecond, 0, 0, 0, 0, 0, 0);
    }

    private static OutputCounters.Snapshot out(long packets) {
        return new OutputCounters.Snapshot(packets, packets * 1328, 0, 0, 0, 0);
    }

    private static LinkStats srtLink(double rttMs) {
        return LinkStats.builder().connectedTo("127.0.0.1:50000").disconnections(1).connectionAttempts(4)
                .arq(10, 8, 0).overflowPackets(3).decryptionFailures(2).roundTripTimeMs(rttMs).bandwidthMbps(50)
                .bufferMs(120).build();
    }

    private void set(FlowSnapshot.SourceSnapshot source, FlowSnapshot.OutputSnapshot output) {
        flows.set(List.of(FlowHealth.of(new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0, List.of(source),
                List.of(output)), true)));
    }

    @Test
    void publishesTheLinkFiguresOfSourcesAndOutputsUnderMediaConnectNames() {
        FlowSnapshot.SourceSnapshot source = new FlowSnapshot.SourceSnapshot("primary", "srt-listener",
                EndpointState.ACTIVE, null, in(1000, 100), null, true, srtLink(12.5));
        LinkStats outputLink = LinkStats.builder().connectedTo("127.0.0.1:9000").connectionAttempts(2)
                .arq(7, 0, 6).roundTripTimeMs(3.25).build();
        set(source, new FlowSnapshot.OutputSnapshot("to-studio", "srt-caller", EndpointState.ACTIVE, null, out(990),
                outputLink));
        String text = metrics.scrape();
        assertThat(text)
                .contains("SourceARQRequests_total" + SRC + "10.0")
                .contains("SourceARQRecovered_total" + SRC + "8.0")
                .contains("SourceOverflowPackets_total" + SRC + "3.0")
                .contains("SourceFECPackets_total" + SRC + "0.0")
                .contains("SourceRoundTripTime" + SRC + "12.5")
                .contains("SourceConnected" + SRC + "1.0")
                .contains("SourceDisconnections_total" + SRC + "1.0")
                .contains("ConnectionAttempts_total" + SRC + "4.0")
                .contains("SluiceSourceDecryptionFailures_total" + SRC + "2.0")
                .contains("SluiceSourceLinkBandwidth" + SRC + "5.0E7")
                .contains("SluiceSourceBufferMs" + SRC + "120.0")
                .contains("SluiceSourceLinkProblem" + SRC + "0.0")
                .contains("ARQRequests_total" + FLOW + "10.0")
                .contains("ARQRecovered_total" + FLOW + "8.0")
                .contains("OverflowPackets_total" + FLOW + "3.0")
                .contains("RoundTripTime" + FLOW + "12.5")
                .contains("Connected" + FLOW + "1.0")
                .contains("Disconnections_total" + FLOW + "1.0")
                .contains("OutputConnected" + OUT + "1.0")
                .contains("OutputARQRequests_total" + OUT + "7.0")
                .contains("SluiceOutputRetransmittedPackets_total" + OUT + "6.0")
                .contains("OutputRoundTripTime" + OUT + "3.25")
                .contains("SluiceOutputConnectionAttempts_total" + OUT + "2.0")
                .contains("# TYPE SourceRoundTripTime gauge")
                .contains("# TYPE SourceARQRecovered_total counter");
        assertThat(text).as("no merge figures for a one-source flow")
                .doesNotContain("MergeActive").doesNotContain("MergeLatency").doesNotContain("SluiceFailoverSwitches");
    }

    @Test
    void unknownMeasurementsAreLeftOutNotShownAsZeroAndReturnWhenKnown() {
        FlowSnapshot.OutputSnapshot output = new FlowSnapshot.OutputSnapshot("to-studio", "rtp", EndpointState.ACTIVE,
                null, out(1));
        set(new FlowSnapshot.SourceSnapshot("primary", "srt-listener", EndpointState.ACTIVE, null, in(10, 10), null,
                true, srtLink(Double.NaN)), output);
        String text = metrics.scrape();
        assertThat(text).doesNotContain("SourceRoundTripTime").doesNotContain("RoundTripTime{")
                .doesNotContain("OutputRoundTripTime").doesNotContain("SluiceOutputBufferMs")
                .doesNotContain("SluiceOutputLinkBandwidth").doesNotContain("NaN");
        assertThat(text).contains("SourceARQRequests_total" + SRC + "10.0");

        set(new FlowSnapshot.SourceSnapshot("primary", "srt-listener", EndpointState.ACTIVE, null, in(20, 10), null,
                true, srtLink(40)), output);
        assertThat(metrics.scrape()).contains("SourceRoundTripTime" + SRC + "40.0").contains("RoundTripTime" + FLOW + "40.0");

        set(new FlowSnapshot.SourceSnapshot("primary", "srt-listener", EndpointState.ACTIVE, null, in(30, 10), null,
                true, LinkStats.builder().connectedTo(null).bufferMs(-1).build()), output);
        text = metrics.scrape();
        assertThat(text).doesNotContain("SourceRoundTripTime").doesNotContain("SluiceSourceBufferMs")
                .doesNotContain("SluiceSourceLinkBandwidth").doesNotContain("NaN");
        assertThat(text).contains("SourceConnected" + SRC + "0.0");
    }

    @Test
    void connectedComesFromTheLinkUnlessTheProtocolIsConnectionless() {
        // An SRT source whose peer left: packets of the last second do not make it connected.
        FlowSnapshot.SourceSnapshot srt = new FlowSnapshot.SourceSnapshot("primary", "srt-listener",
                EndpointState.ACTIVE, null, in(100, 50), null, true,
                LinkStats.builder().connectedTo(null).disconnections(2).problem("peer 127.0.0.1:50000 timed out").build());
        FlowSnapshot.OutputSnapshot waiting = new FlowSnapshot.OutputSnapshot("to-studio", "srt-listener",
                EndpointState.ACTIVE, null, out(0), LinkStats.builder().connectedTo(null).build());
        set(srt, waiting);
        String text = metrics.scrape();
        assertThat(text).contains("SourceConnected" + SRC + "0.0").contains("SourceDisconnections_total" + SRC + "2.0")
                .contains("SluiceSourceLinkProblem" + SRC + "1.0")
                .contains("OutputConnected" + OUT + "0.0").contains("ConnectedOutputs" + FLOW + "0.0");

        // Connectionless RTP: connected while packets arrive; an ACTIVE rtp output counts as connected.
        set(new FlowSnapshot.SourceSnapshot("primary", "rtp", EndpointState.ACTIVE, null, in(100, 50), null),
                new FlowSnapshot.OutputSnapshot("to-studio", "rtp", EndpointState.ACTIVE, null, out(1)));
        text = metrics.scrape();
        assertThat(text).contains("SourceConnected" + SRC + "1.0").contains("OutputConnected" + OUT + "1.0")
                .contains("ConnectedOutputs" + FLOW + "1.0").contains("SluiceSourceLinkProblem" + SRC + "0.0");
        set(new FlowSnapshot.SourceSnapshot("primary", "rtp", EndpointState.ACTIVE, null, in(100, 0), null),
                new FlowSnapshot.OutputSnapshot("to-studio", "rtp", EndpointState.ACTIVE, null, out(1)));
        assertThat(metrics.scrape()).contains("SourceConnected" + SRC + "0.0");
    }

    @Test
    void fecFiguresOfAnRtpFecSourceAndOutput() {
        set(new FlowSnapshot.SourceSnapshot("primary", "rtp-fec", EndpointState.ACTIVE, null, in(500, 100), null, true,
                        LinkStats.builder().fec(225, 45).build()),
                new FlowSnapshot.OutputSnapshot("to-studio", "rtp-fec", EndpointState.ACTIVE, null, out(500),
                        LinkStats.builder().fec(100, 0).build()));
        assertThat(metrics.scrape())
                .contains("SourceFECPackets_total" + SRC + "225.0")
                .contains("SourceFECRecovered_total" + SRC + "45.0")
                .contains("FECPackets_total" + FLOW + "225.0")
                .contains("FECRecovered_total" + FLOW + "45.0")
                .contains("SluiceOutputFECPackets_total" + OUT + "100.0");
    }

    @Test
    void mergeFiguresComeFromTheIngestStage() {
        IngestStats merging = new IngestStats(IngestStats.Mode.MERGE, 0, null, 900, 2, 0, List.of(
                new IngestStats.Leg(true, 0, 1000, 700, 0, 30, 270, 0),
                new IngestStats.Leg(true, 3.5, 980, 200, 0, 12, 700, 5)));
        flows.set(List.of(twoSources(merging, true, true)));
        String text = metrics.scrape();
        assertThat(text)
                .contains("MergeActive" + FLOW + "1.0")
                .contains("MergeLatency" + FLOW + "3.5")
                .contains("SourceMergeActive" + SRC + "1.0")
                .contains("SourceMergeActive" + BACKUP + "1.0")
                .contains("SourceMergeLatency" + SRC + "0.0")
                .contains("SourceMergeLatency" + BACKUP + "3.5")
                .contains("SourceSelected" + BACKUP + "1.0")
                .contains("SluiceMergeOutputPackets_total" + FLOW + "900.0")
                .contains("SluiceMergeLostPackets_total" + FLOW + "2.0")
                .contains("SluiceSourceMergeFirstPackets_total" + BACKUP + "200.0")
                .contains("SluiceSourceMergeFilledPackets_total" + SRC + "30.0")
                .contains("SluiceSourceMergeLatePackets_total" + BACKUP + "5.0")
                .doesNotContain("SluiceFailoverSwitches").doesNotContain("SluiceSourceStandbyDroppedPackets");

        IngestStats oneLeg = new IngestStats(IngestStats.Mode.MERGE, 0, null, 950, 2, 0, List.of(
                new IngestStats.Leg(true, Double.NaN, 1050, 750, 0, 80, 270, 0),
                new IngestStats.Leg(false, Double.NaN, 980, 200, 0, 12, 700, 5)));
        flows.set(List.of(twoSources(oneLeg, true, false)));
        text = metrics.scrape();
        assertThat(text).contains("MergeActive" + FLOW + "0.0")
                .contains("SourceMergeActive" + BACKUP + "0.0")
                .contains("SourceSelected" + BACKUP + "0.0")
                .doesNotContain("MergeLatency").doesNotContain("NaN");
    }

    @Test
    void failoverPublishesTheSelectedSourceAndTheSwitches() {
        IngestStats onBackup = new IngestStats(IngestStats.Mode.FAILOVER, 1, "ACTIVE_SOURCE_SILENT", 0, 0, 0, List.of(
                new IngestStats.Leg(false, Double.NaN, 100, 100, 0, 0, 0, 0),
                new IngestStats.Leg(true, Double.NaN, 300, 200, 100, 0, 0, 0)));
        flows.set(List.of(twoSources(onBackup, false, true)));
        String text = metrics.scrape();
        assertThat(text)
                .contains("SourceSelected" + SRC + "0.0")
                .contains("SourceSelected" + BACKUP + "1.0")
                .contains("SourceMergeActive" + SRC + "0.0")
                .contains("SourceMergeActive" + BACKUP + "1.0")
                .contains("SluiceFailoverSwitches_total" + FLOW + "1.0")
                .contains("SluiceSourceStandbyDroppedPackets_total" + BACKUP + "100.0")
                .contains("TotalPackets_total" + FLOW + "300.0")                // the flow form follows the source in use
                .doesNotContain("\nMergeActive").doesNotContain("MergeLatency");
    }

    @Test
    void metersOfAFlowThatStopsMergingAreRemoved() {
        IngestStats merging = new IngestStats(IngestStats.Mode.MERGE, 0, null, 1, 0, 0, List.of(
                new IngestStats.Leg(true, 0, 1, 1, 0, 0, 0, 0), new IngestStats.Leg(true, 1, 1, 0, 0, 0, 1, 0)));
        flows.set(List.of(twoSources(merging, true, true)));
        assertThat(metrics.scrape()).contains("MergeActive" + FLOW).contains("SourceMergeLatency" + BACKUP);
        flows.set(List.of());
        assertThat(metrics.scrape()).doesNotContain("flow=\"news\"");
        flows.set(List.of(twoSources(merging, true, true)));
        assertThat(metrics.scrape()).contains("MergeActive" + FLOW + "1.0");
    }

    private static FlowHealth twoSources(IngestStats ingest, boolean primarySelected, boolean backupSelected) {
        FlowSnapshot snapshot = new FlowSnapshot("news", FlowStatus.ACTIVE, null, 0, List.of(
                new FlowSnapshot.SourceSnapshot("primary", "rtp", EndpointState.ACTIVE, null,
                        in(ingest.leg(0).received(), 100), null, primarySelected, LinkStats.NONE),
                new FlowSnapshot.SourceSnapshot("backup", "rtp", EndpointState.ACTIVE, null,
                        in(ingest.leg(1).received(), 100), null, backupSelected, LinkStats.NONE)),
                List.of(), ingest);
        return FlowHealth.of(snapshot, true);
    }
}
