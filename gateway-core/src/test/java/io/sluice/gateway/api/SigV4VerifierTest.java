package io.sluice.gateway.api;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.ForbiddenException;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-24T18:00:01Z");
    private final ApiKeys keys = new ApiKeys(List.of(new ApiKeys.Key("AKIDEXAMPLE", SECRET, "111122223333")));
    private final SigV4Verifier verifier = new SigV4Verifier(keys, () -> NOW);

    /** Signs a request with the SDK's own SigV4 signer, as the MediaConnect client does. */
    private static SignedRequest sign(String method, String uri, String body, String secret) {
        URI full = URI.create("http://127.0.0.1:8400" + uri);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method)).uri(full)
                .putHeader("Content-Type", "application/json")
                .build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIDEXAMPLE", secret))
                .request(request)
                .payload(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "mediaconnect")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static HttpHeaders headersOf(SignedRequest signed) {
        HttpHeaders headers = new DefaultHttpHeaders();
        signed.request().forEachHeader((name, values) -> values.forEach(v -> headers.add(name, v)));
        headers.set("Host", "127.0.0.1:8400");
        return headers;
    }

    @Test
    void acceptsWhatTheSdkSignerSignsIncludingEncodedArnsAndQueries() {
        String uri = "/v1/flows/arn%3Aaws%3Amediaconnect%3Aus-east-1%3A111122223333%3Aflow%3A1-abc%3AShow/outputs";
        String body = "{\"outputs\":[{\"name\":\"o\",\"protocol\":\"rtp\"}]}";
        SignedRequest signed = sign("POST", uri, body, SECRET);
        assertThat(verifier.verify("POST", uri, headersOf(signed), body.getBytes(StandardCharsets.UTF_8)).accountId())
                .isEqualTo("111122223333");

        String query = "/tags/arn%3Aaws%3Amediaconnect%3Aus-east-1%3A111122223333%3Aflow%3A1-abc%3AShow?tagKeys=b%20c&tagKeys=a";
        SignedRequest untag = sign("DELETE", query, "", SECRET);
        assertThat(verifier.verify("DELETE", query, headersOf(untag), new byte[0]).accessKeyId()).isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void refusesAWrongSecretATamperedBodyAnUnknownKeyAndAStaleDate() {
        String body = "{\"name\":\"a\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders wrong = headersOf(sign("POST", "/v1/flows", body, "not-the-secret"));
        assertThatThrownBy(() -> verifier.verify("POST", "/v1/flows", wrong, bytes))
                .isInstanceOf(ApiException.class).hasMessageContaining("signature we calculated does not match")
                .hasMessageNotContaining(SECRET);

        HttpHeaders good = headersOf(sign("POST", "/v1/flows", body, SECRET));
        assertThatThrownBy(() -> verifier.verify("POST", "/v1/flows", good, "{\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("x-amz-content-sha256 does not match");
        assertThatThrownBy(() -> verifier.verify("PUT", "/v1/flows", good, bytes))
                .hasMessageContaining("does not match the signature");

        SigV4Verifier otherKeys = new SigV4Verifier(new ApiKeys(List.of(new ApiKeys.Key("AKIDOTHER", SECRET, "111122223333"))), () -> NOW);
        assertThatThrownBy(() -> otherKeys.verify("POST", "/v1/flows", good, bytes)).hasMessageContaining("unknown access key ID AKIDEXAMPLE");

        SigV4Verifier later = new SigV4Verifier(keys, () -> NOW.plusSeconds(16 * 60));
        assertThatThrownBy(() -> later.verify("POST", "/v1/flows", good, bytes)).hasMessageContaining("more than 15 minutes");

        assertThatThrownBy(() -> verifier.verify("POST", "/v1/flows", new DefaultHttpHeaders(), bytes))
                .isInstanceOf(ApiException.class).hasMessageContaining("missing Authorization");
    }

    @Test
    void theSdkClientIsServedWithTheRightKeyAndRefusedWithAWrongOne(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("api-keys");
        Files.writeString(keyFile, "# id secret account\nAKIDEXAMPLE " + SECRET + " 111122223333\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        try (ApiHarness api = new ApiHarness(dir.resolve("data"), new RecordingEngine(), ApiKeys.load(keyFile, "000000000000"));
             MediaConnectClient good = api.client("AKIDEXAMPLE", SECRET);
             MediaConnectClient bad = api.client("AKIDEXAMPLE", "wrong-secret");
             MediaConnectClient unknown = api.client("AKIDNOBODY", SECRET)) {
            String arn = good.createFlow(b -> b.name("Signed").flowTags(Map.of("k", "v with spaces"))
                    .source(SetSourceRequest.builder().name("s").protocol(Protocol.RTP).ingestPort(5000).build())).flow().flowArn();
            assertThat(good.listFlows(b -> b.maxResults(5)).flows()).hasSize(1);
            good.untagResource(b -> b.resourceArn(arn).tagKeys("k", "other key"));
            assertThatThrownBy(() -> bad.describeFlow(b -> b.flowArn(arn))).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("signature we calculated does not match");
            assertThatThrownBy(() -> unknown.listFlows(b -> {})).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("unknown access key ID");
        }
    }

    @Test
    void refusesAKeyFileOthersCanRead(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("api-keys");
        Files.writeString(keyFile, "AKIDEXAMPLE " + SECRET + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiKeys.load(keyFile, "000000000000"))
                .hasMessageContaining("readable by group or others").hasMessageNotContaining(SECRET);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyFile, "AKIDEXAMPLE\n");
        assertThatThrownBy(() -> ApiKeys.load(keyFile, "000000000000")).hasMessageContaining("line 1");
    }
}
