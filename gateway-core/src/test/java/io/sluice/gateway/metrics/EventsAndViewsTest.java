package io.sluice.gateway.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.protocols.mpegts.TransportInfo;
import io.sluice.protocols.mpegts.TsHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventsAndViewsTest {
    private final Logger events = (Logger) LoggerFactory.getLogger("sluice.events");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        events.addAppender(captured);
    }

    @AfterEach
    void release() {
        events.detachAppender(captured);
    }

    private List<String> lines() {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void eventLinesAreKeyValuePairsWithQuotingWhereNeeded() {
        EventLog.flowState("news", "STARTING", "ACTIVE", null);
        EventLog.sourceLost("news", "primary \"A\"", "srt-listener", "peer closed");
        assertThat(lines()).containsExactly(
                "event=flow_state flow=news from=STARTING to=ACTIVE",
                "event=source_lost flow=news source=\"primary \\\"A\\\"\" protocol=srt-listener reason=\"peer closed\"");
    }

    @Test
    void allowListDenialsAreOneLinePerIntervalNotPerPacket() {
        AllowListDenials denials = new AllowListDenials("news", "primary", 10_000_000_000L);
        InetSocketAddress intruder = new InetSocketAddress("127.1.0.2", 5000);
        for (long t = 0; t < 10_000; t++) {
            denials.onDenied(intruder, t * 1_000_000L);     // 10 000 packets over 9.999 s
        }
        assertThat(lines()).isEmpty();
        assertThat(denials.pending()).isEqualTo(10_000);
        assertThat(denials.flushIfDue(9_999_999_999L)).isFalse();
        assertThat(denials.flushIfDue(10_000_000_000L)).isTrue();
        assertThat(lines()).containsExactly(
                "event=allowlist_denied flow=news source=primary count=10000 last_sender=127.1.0.2:5000 interval_ms=10000");
        assertThat(denials.flushIfDue(30_000_000_000L)).isFalse();
    }

    @Test
    void sourceHealthIsReportedWhenCountersMoveAndOnceWhenClean() {
        TsHealthReporter reporter = new TsHealthReporter("news", "primary");
        assertThat(reporter.report(health(0, 0))).isEmpty();
        assertThat(reporter.report(health(3, 1))).isEqualTo("PATError+1 ContinuityCounter+3");
        assertThat(reporter.report(health(3, 1))).isEmpty();
        assertThat(reporter.report(health(3, 1))).isEmpty();
        assertThat(lines()).containsExactly(
                "event=source_health flow=news source=primary state=unhealthy errors=\"PATError+1 ContinuityCounter+3\"",
                "event=source_health flow=news source=primary state=healthy");
    }

    @Test
    void sourceMetadataMapsProgramsToMediaConnectShapes() {
        TransportInfo info = new TransportInfo(1, List.of(
                new TransportInfo.Program(1, 0x1000, 0x100, "Service01", List.of(
                        new TransportInfo.Stream(0x100, 0x1B, "video", "h264"),
                        new TransportInfo.Stream(0x101, 0x0F, "audio", "aac"))),
                new TransportInfo.Program(2, 0x1001, -1, null, List.of())), 4_000_000_000L);
        Instant now = Instant.parse("2026-11-24T20:00:00Z");
        SourceMetadata metadata = SourceMetadata.from("primary", info, 10_000_000_000L, now);
        assertThat(metadata.timestamp()).isEqualTo(Instant.parse("2026-11-24T19:59:54Z"));
        assertThat(metadata.transportMediaInfo().programs()).containsExactly(
                new SourceMetadata.TransportStreamProgram(0x100, "Service01", 1, 0x1000, List.of(
                        new SourceMetadata.TransportStream(null, "h264", null, null, 0x100, null, null, "video"),
                        new SourceMetadata.TransportStream(null, "aac", null, null, 0x101, null, null, "audio"))),
                new SourceMetadata.TransportStreamProgram(0x1FFF, null, 2, 0x1001, List.of()));
        assertThat(metadata.messages()).extracting(SourceMetadata.MessageDetail::code)
                .containsExactly(SourceMetadata.PMT_NOT_RECEIVED);

        com.fasterxml.jackson.databind.node.ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        metadata.writeTo(json);
        assertThat(json.toString()).isEqualTo("{\"messages\":[{\"code\":\"PMT_NOT_RECEIVED\",\"message\":\"The PMT of program 2 (PID 4097)"
                + " has not been received yet\",\"resourceName\":\"primary\"}],\"timestamp\":\"2026-11-24T19:59:54Z\","
                + "\"transportMediaInfo\":{\"programs\":[{\"pcrPid\":256,\"programName\":\"Service01\",\"programNumber\":1,"
                + "\"programPid\":4096,\"streams\":[{\"codec\":\"h264\",\"pid\":256,\"streamType\":\"video\"},"
                + "{\"codec\":\"aac\",\"pid\":257,\"streamType\":\"audio\"}]},"
                + "{\"pcrPid\":8191,\"programNumber\":2,\"programPid\":4097,\"streams\":[]}]}}");

        SourceMetadata empty = SourceMetadata.from("primary", new TransportInfo(-1, List.of(), 0), 0, now);
        assertThat(empty.transportMediaInfo()).isNull();
        assertThat(empty.messages()).extracting(SourceMetadata.MessageDetail::code)
                .containsExactly(SourceMetadata.NO_TRANSPORT_STREAM);
    }

    @Test
    void theLiveTableShowsEverySourceAndOutputWithItsHealth() {
        String table = HealthTable.render(List.of(MetricsEndpointTest.flow("news", "ACTIVE", 1000, 10, 4, 3)));
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(1))
                .contains("news", "ACTIVE", "primary", "in-use", "2.00", "1000", "10", "4", "ERR 0/0/1/3/0/0 | 0/0/5");
        assertThat(table.lines().toList().get(2)).contains("to-studio", "output", "1.98", "990", "connected");
    }

    private static TsHealth health(long cc, long pat) {
        return new TsHealth(100, 0, true, 0, 0, pat, cc, 0, 0, 0, 0, 0, 0, 0);
    }
}
