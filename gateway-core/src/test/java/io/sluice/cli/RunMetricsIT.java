package io.sluice.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice run FLOW.json --listen IP:PORT} end to end (in-process): while ffmpeg feeds the flow, /health and
 * /ready answer, /metrics carries the flow's source and output figures, the log lines show the TR 101 290 column and
 * the event lines show the flow becoming ACTIVE and the source connecting.
 */
class RunMetricsIT {

    @Test
    void runServesMetricsHealthAndReadinessAndLogsEvents(@TempDir Path dir) throws Exception {
        int base = FreePorts.udpBlock();
        int httpPort = base + 4;
        Path flowFile = dir.resolve("cli.json");
        Files.writeString(flowFile, """
                {"Name": "cli", "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d},
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(base, base + 1));
        ListAppender<ILoggingEvent> events = capture("sluice.events");
        ListAppender<ILoggingEvent> table = capture("sluice.run");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
                "run", flowFile.toString(), "--listen", "127.0.0.1:" + httpPort, "--duration", "9"));
        HttpClient client = HttpClient.newHttpClient();
        try {
            awaitHealth(client, httpPort);
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "3",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                    "-pix_fmt", "yuv420p", "-flush_packets", "0",
                    "-f", "rtp_mpegts", "rtp://127.0.0.1:" + base + "?pkt_size=1328")) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as("ffmpeg: %s", ffmpeg.log()).isZero();
            }
            HttpResponse<String> ready = get(client, httpPort, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            String metrics = get(client, httpPort, "/metrics").body();
            assertThat(metrics).containsPattern("SourceTotalPackets_total\\{flow=\"cli\",source=\"in\"} [1-9][0-9]+\\.0");
            assertThat(metrics).containsPattern("OutputTotalPackets_total\\{flow=\"cli\",output=\"out\"} [1-9][0-9]+\\.0");
            assertThat(metrics).contains("SourceTSByteError_total{flow=\"cli\",source=\"in\"} 0.0");
            assertThat(metrics).contains("SourceContinuityCounter_total{flow=\"cli\",source=\"in\"} 0.0");
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            run.get(30, TimeUnit.SECONDS);
            ((Logger) LoggerFactory.getLogger("sluice.events")).detachAppender(events);
            ((Logger) LoggerFactory.getLogger("sluice.run")).detachAppender(table);
        }
        List<String> eventLines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(eventLines).contains("event=flow_state flow=cli to=ACTIVE",
                "event=source_connected flow=cli source=in protocol=rtp");
        assertThat(table.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anyMatch(line -> line.startsWith("flow cli ACTIVE") && line.contains("TR 101 290 OK 0/0/0/0/0/0 | 0/0/0"));
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static void awaitHealth(HttpClient client, int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (get(client, port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // the listener is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sluice run did not serve /health on 127.0.0.1:" + port + " within 10 s");
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
