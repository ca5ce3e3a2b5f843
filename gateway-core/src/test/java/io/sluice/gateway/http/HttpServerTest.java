package io.sluice.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.testing.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpServerTest {

    @Test
    void asksEndpointsInTurnAndAnswers404WhenNoneMatches() throws Exception {
        HttpEndpoint hello = request -> request.uri().equals("/hello") ? HttpServer.text(HttpResponseStatus.OK, "hi") : null;
        try (HttpServer server = new HttpServer(List.of(hello))) {
            InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", 0));
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound.getPort() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound.getPort() + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hi");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void namesTheAddressWhenThePortIsTaken() {
        int port = FreePorts.one();
        try (HttpServer first = new HttpServer(List.of()); HttpServer second = new HttpServer(List.of())) {
            first.start(new InetSocketAddress("127.0.0.1", port));
            assertThatThrownBy(() -> second.start(new InetSocketAddress("127.0.0.1", port)))
                    .hasMessageContaining("127.0.0.1:" + port + " is already in use");
        }
    }
}
