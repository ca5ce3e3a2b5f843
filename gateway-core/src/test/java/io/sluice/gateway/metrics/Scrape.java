package io.sluice.gateway.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: scrapes {@code /metrics} over HTTP and reads one series' value from the exposition. */
final class Scrape {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    Scrape(int port) {
        this.port = port;
    }

    String body() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The value of {@code name{labels}} in {@code body}, or null when the series is absent. */
    static Double value(String body, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(body);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /** Scrapes until {@code done} holds for the body (at most {@code timeout}); returns the last body. */
    String until(Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = body();
        while (!done.test(body)) {
            if (System.nanoTime() - deadline > 0) {
                return body;
            }
            Thread.sleep(100);
            body = body();
        }
        return body;
    }
}
