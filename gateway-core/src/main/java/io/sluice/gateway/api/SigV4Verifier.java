package io.sluice.gateway.api;

import io.netty.handler.codec.http.HttpHeaders;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Verifies AWS Signature Version 4 (header form) as the SDKs and the AWS CLI sign MediaConnect requests: service
 * {@code mediaconnect}, payload hashed ({@code x-amz-content-sha256} when sent, else the body's SHA-256), path
 * encoded twice as for every service but S3. Recomputes the signature with the caller's secret and compares in
 * constant time. Every refusal is a ForbiddenException whose message says what was wrong, never the expected
 * signature or any secret.
 */
public final class SigV4Verifier {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "mediaconnect";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final ApiKeys keys;
    private final Supplier<Instant> clock;

    public SigV4Verifier(ApiKeys keys, Supplier<Instant> clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Returns the verified caller, or throws ForbiddenException. */
    public ApiKeys.Key verify(String method, String uri, HttpHeaders headers, byte[] body) {
        String authorization = headers.get("Authorization");
        if (authorization == null) {
            throw ApiException.forbidden("missing Authorization header: this server requires AWS Signature Version 4");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw ApiException.forbidden("Authorization must use " + ALGORITHM);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            String item = part.strip();
            if (item.startsWith("Credential=")) {
                credential = item.substring("Credential=".length());
            } else if (item.startsWith("SignedHeaders=")) {
                signedHeaders = item.substring("SignedHeaders=".length());
            } else if (item.startsWith("Signature=")) {
                signature = item.substring("Signature=".length());
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw ApiException.forbidden("Authorization header lacks Credential, SignedHeaders or Signature");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw ApiException.forbidden("Credential must be ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request");
        }
        if (!scope[3].equals(SERVICE)) {
            throw ApiException.forbidden("Credential scope names service \"" + scope[3] + "\", expected \"" + SERVICE + "\"");
        }
        ApiKeys.Key key = keys.find(scope[0]);
        if (key == null) {
            throw ApiException.forbidden("The security token included in the request is invalid: unknown access key ID " + scope[0]);
        }
        String amzDate = headers.get("X-Amz-Date");
        if (amzDate == null) {
            throw ApiException.forbidden("missing X-Amz-Date header");
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw ApiException.forbidden("X-Amz-Date \"" + amzDate + "\" is not yyyyMMddTHHmmssZ");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw ApiException.forbidden("Credential date " + scope[1] + " does not match X-Amz-Date " + amzDate);
        }
        Duration skew = Duration.between(signedAt, clock.get()).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            throw ApiException.forbidden("Signature expired: X-Amz-Date " + amzDate + " is more than 15 minutes from the server time "
                    + AMZ_DATE.format(clock.get()));
        }
        List<String> signed = Arrays.asList(signedHeaders.split(";"));
        if (!signed.contains("host")) {
            throw ApiException.forbidden("SignedHeaders must include host");
        }
        String bodyHash = HEX.formatHex(sha256(body));
        String declaredHash = headers.get("x-amz-content-sha256");
        if (declaredHash != null && !declaredHash.equals(bodyHash)) {
            throw ApiException.forbidden("x-amz-content-sha256 does not match the SHA-256 of the request body");
        }
        String canonical = canonicalRequest(method, uri, headers, signed, signedHeaders, bodyHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope[1] + "/" + scope[2] + "/" + SERVICE + "/aws4_request\n"
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = hmac(signingKey(key.secretAccessKey(), scope[1], scope[2]), stringToSign);
        byte[] given;
        try {
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("Signature is not hexadecimal");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw ApiException.forbidden("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return key;
    }

    static String canonicalRequest(String method, String uri, HttpHeaders headers, List<String> signed,
                                   String signedHeaders, String bodyHash) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        StringBuilder out = new StringBuilder(512);
        out.append(method).append('\n');
        out.append(rawPath.isEmpty() ? "/" : encode(rawPath, true)).append('\n'); // the path is encoded a second time
        out.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signed) {
            List<String> values = new ArrayList<>();
            for (String value : headers.getAll(name)) {
                values.add(value.strip().replaceAll(" +", " "));
            }
            out.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n').append(bodyHash);
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = ApiRequest.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : ApiRequest.decode(pair.substring(eq + 1), true);
            pairs.add(new String[] {encode(key, false), encode(value, false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, every other byte is %XX (upper case). */
    static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static byte[] signingKey(String secret, String date, String region) {
        byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, SERVICE);
        return hmac(kService, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
