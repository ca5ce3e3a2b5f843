package io.sluice.gateway.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.gateway.flow.EndpointState;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.gateway.flow.OutputCounters;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.protocols.mpegts.TsHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEventsTest {
    private static final long SECOND = 1_000_000_000L;
    private final Logger events = (Logger) LoggerFactory.getLogger("sluice.events");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final HealthEvents health = new HealthEvents(10 * SECOND);

    @BeforeEach
    void capture() {
        captured.start();
        events.addAppender(captured);
    }

    @AfterEach
    void release() {
        events.detachAppender(captured);
    }

    @Test
    void writesOneLinePerChangeAndNothingWhileNothingChanges() {
        health.observe(List.of(flow(0, FlowStatus.STARTING, 0, 0, 0, 0, EndpointState.STARTING)));
        health.observe(List.of(flow(1, FlowStatus.ACTIVE, 100, 190, 0, 0, EndpointState.ACTIVE)));
        health.observe(List.of(flow(2, FlowStatus.ACTIVE, 290, 190, 0, 0, EndpointState.ACTIVE)));
        health.observe(List.of(flow(3, FlowStatus.ACTIVE, 480, 190, 2, 500, EndpointState.ACTIVE)));
        health.observe(List.of(flow(4, FlowStatus.ACTIVE, 670, 190, 2, 900, EndpointState.ACTIVE)));
        health.observe(List.of(flow(11, FlowStatus.ACTIVE, 670, 0, 2, 1000, EndpointState.ACTIVE)));
        health.observe(List.of(flow(12, FlowStatus.STANDBY, 670, 0, 2, 1000, EndpointState.STANDBY)));
        assertThat(captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList()).containsExactly(
                "event=flow_state flow=news to=STARTING",
                "event=flow_state flow=news from=STARTING to=ACTIVE",
                "event=source_connected flow=news source=primary protocol=rtp",
                "event=output_connected flow=news output=to-studio protocol=rtp",
                "event=source_health flow=news source=primary state=unhealthy errors=ContinuityCounter+2",
                "event=source_health flow=news source=primary state=healthy",
                "event=source_lost flow=news source=primary protocol=rtp reason=\"no packets for a second\"",
                "event=allowlist_denied flow=news source=primary count=1000 interval_ms=11000",
                "event=flow_state flow=news from=ACTIVE to=STANDBY",
                "event=output_disconnected flow=news output=to-studio protocol=rtp reason=STANDBY");
    }

    @Test
    void connectionOrientedLinksReportTheirPeerTheirProblemAndFailoverSwitches() {
        SourceCounters.Snapshot flowing = new SourceCounters.Snapshot(100, 132800, 1_000_000, 100, 0, 0, 0, 0, 0, 0);
        OutputCounters.Snapshot out = new OutputCounters.Snapshot(0, 0, 0, 0, 0, 0);
        LinkStats up = LinkStats.builder().connectedTo("127.0.0.1:40312").build();
        LinkStats gone = LinkStats.builder().connectedTo(null).disconnections(1).problem("peer 127.0.0.1:40312 timed out")
                .build();
        LinkStats refused = LinkStats.builder().connectedTo(null).problem("127.0.0.1:9000 refused the call").build();
        IngestStats onMain = new IngestStats(IngestStats.Mode.FAILOVER, 0, null, 0, 0, 0, List.of(
                new IngestStats.Leg(true, Double.NaN, 1, 1, 0, 0, 0, 0), new IngestStats.Leg(false, Double.NaN, 1, 0, 1, 0, 0, 0)));
        IngestStats onBackup = new IngestStats(IngestStats.Mode.FAILOVER, 1, "ACTIVE_SOURCE_SILENT", 0, 0, 0, List.of(
                new IngestStats.Leg(false, Double.NaN, 1, 1, 0, 0, 0, 0), new IngestStats.Leg(true, Double.NaN, 2, 1, 1, 0, 0, 0)));

        health.observe(List.of(twoSources(1, up, refused, onMain, flowing, out)));
        health.observe(List.of(twoSources(2, gone, refused, onBackup, flowing, out)));    // packets alone do not count
        health.observe(List.of(twoSources(3, gone, LinkStats.builder().connectedTo("127.0.0.1:9000").build(), onBackup,
                flowing, out)));
        assertThat(captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList()).containsExactly(
                "event=flow_state flow=news to=ACTIVE",
                "event=source_connected flow=news source=main protocol=srt-listener peer=127.0.0.1:40312",
                "event=source_connected flow=news source=backup protocol=rtp",
                "event=link_problem flow=news output=to-studio problem=\"127.0.0.1:9000 refused the call\"",
                "event=source_lost flow=news source=main protocol=srt-listener reason=\"peer 127.0.0.1:40312 timed out\"",
                "event=link_problem flow=news source=main problem=\"peer 127.0.0.1:40312 timed out\"",
                "event=failover_switch flow=news from=main to=backup reason=active_source_silent",
                "event=output_connected flow=news output=to-studio protocol=srt-caller peer=127.0.0.1:9000",
                "event=link_ok flow=news output=to-studio");
    }

    private static FlowSnapshot twoSources(long second, LinkStats main, LinkStats output, IngestStats ingest,
                                           SourceCounters.Snapshot in, OutputCounters.Snapshot out) {
        return new FlowSnapshot("news", FlowStatus.ACTIVE, null, second * SECOND, List.of(
                new FlowSnapshot.SourceSnapshot("main", "srt-listener", EndpointState.ACTIVE, null, in, null,
                        ingest.leg(0).inUse(), main),
                new FlowSnapshot.SourceSnapshot("backup", "rtp", EndpointState.ACTIVE, null, in, null,
                        ingest.leg(1).inUse(), LinkStats.NONE)),
                List.of(new FlowSnapshot.OutputSnapshot("to-studio", "srt-caller", EndpointState.ACTIVE, null, out,
                        output)), ingest);
    }

    private static FlowSnapshot flow(long second, FlowStatus status, long packets, long perSecond, long ccErrors,
                                     long denied, EndpointState state) {
        SourceCounters.Snapshot in = new SourceCounters.Snapshot(packets, packets * 1328, perSecond * 1328 * 8, perSecond,
                0, 0, 0, 0, denied, 0);
        TsHealth ts = new TsHealth(packets * 7, 0, true, 0, 0, 0, ccErrors, 0, 0, 0, 0, 0, 0, 0);
        OutputCounters.Snapshot out = new OutputCounters.Snapshot(packets, packets * 1328, 0, 0, 0, 0);
        return new FlowSnapshot("news", status, null, second * SECOND,
                List.of(new FlowSnapshot.SourceSnapshot("primary", "rtp", state, null, in, ts)),
                List.of(new FlowSnapshot.OutputSnapshot("to-studio", "rtp", state, null, out)));
    }
}
