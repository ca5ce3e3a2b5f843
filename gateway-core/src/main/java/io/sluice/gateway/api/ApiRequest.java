package io.sluice.gateway.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REST call as the router sees it: the method, the path split on {@code /} <em>before</em> percent-decoding
 * (SDKs encode {@code :} and {@code /} inside ARN labels), the query parameters and the body.
 */
public final class ApiRequest {
    /** Jackson set up so that a parse error names the position but never echoes the request's bytes. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String method;
    private final String rawPath;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private ObjectNode parsedBody;

    public ApiRequest(String method, String uri, byte[] body) {
        this.method = method;
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.segments = splitPath(rawPath);
        this.query = q < 0 ? Map.of() : parseQuery(uri.substring(q + 1));
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    /** The decoded path segments: {@code /v1/flows/arn%3Aaws...} is {@code [v1, flows, arn:aws...]}. */
    public List<String> segments() {
        return segments;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Every value of a repeated query parameter ({@code ?tagKeys=a&tagKeys=b}). */
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** An integer query parameter within {@code min..max}, or {@code fallback} when absent. */
    public int intParam(String name, int min, int max, int fallback) {
        String value = queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected range
        }
        throw ApiException.badRequest(name + ": \"" + value + "\" is not an integer in " + min + "-" + max);
    }

    /**
     * The JSON body as an object: an empty body is {@code {}}; malformed JSON is a BadRequestException naming the
     * line and column.
     */
    public ObjectNode body() {
        if (parsedBody != null) {
            return parsedBody;
        }
        if (body.length == 0) {
            parsedBody = JSON.createObjectNode();
            return parsedBody;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            parsedBody = JSON.createObjectNode();
        } else if (node instanceof ObjectNode object) {
            parsedBody = object;
        } else {
            throw ApiException.badRequest("request body must be a JSON object, found " + node.getNodeType().name().toLowerCase());
        }
        return parsedBody;
    }

    private static List<String> splitPath(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(decode(part, false));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Percent-decodes; {@code +} means a space only in the query (form encoding), never in a path segment. */
    static String decode(String raw, boolean query) {
        String input = query ? raw : raw.replace("+", "%2B");
        try {
            return URLDecoder.decode(input, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in \"" + raw + "\"");
        }
    }
}
