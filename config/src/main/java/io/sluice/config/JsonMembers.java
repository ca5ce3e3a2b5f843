package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the members of one JSON object in either spelling, recording type errors with their paths, then
 * ({@link #finish}) reports every member nobody asked for as unknown, with a "did you mean".
 *
 * <p>A member may be spelled {@code IngestPort} or {@code ingestPort}; both at once is an error. JSON {@code null}
 * counts as absent.
 */
final class JsonMembers {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, String> refused = new LinkedHashMap<>();

    private JsonMembers(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Members of {@code node}, or null (after an error) when it is not an object. */
    static JsonMembers of(JsonNode node, String path, Problems problems) {
        if (!node.isObject()) {
            problems.add(path, "expected an object, found " + describe(node));
            return null;
        }
        return new JsonMembers(node, path, problems);
    }

    /**
     * Reads the object {@code node} at {@code path} with {@code reader}, then reports its members the reader did not
     * take; null (and reported) when {@code node} is not an object.
     */
    static <T> T read(JsonNode node, String path, Problems problems, Function<JsonMembers, T> reader) {
        JsonMembers members = of(node, path, problems);
        if (members == null) {
            return null;
        }
        T result = reader.apply(members);
        members.finish();
        return result;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** Path of member {@code sdkName}, spelled as the document spells it (or in the document's spelling if absent). */
    String pathOf(String sdkName) {
        String wire = Spelling.WIRE.name(sdkName);
        if (!node.has(sdkName) && node.has(wire)) {
            return Problems.join(path, wire);
        }
        if (node.has(sdkName)) {
            return Problems.join(path, sdkName);
        }
        return problems.member(path, sdkName);
    }

    /** The member's value, or null when absent or JSON null. */
    JsonNode take(String sdkName) {
        known.add(sdkName);
        String wire = Spelling.WIRE.name(sdkName);
        JsonNode sdk = node.get(sdkName);
        JsonNode camel = wire.equals(sdkName) ? null : node.get(wire);
        if (sdk != null && camel != null) {
            problems.add(Problems.join(path, wire), "duplicate of member \"" + sdkName + "\" (give it once, in one spelling)");
        }
        JsonNode value = sdk != null ? sdk : camel;
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String sdkName) {
        JsonNode value = node.get(sdkName);
        if (value == null) {
            value = node.get(Spelling.WIRE.name(sdkName));
        }
        return value != null && !value.isNull();
    }

    /**
     * Declares a member that MediaConnect knows but Sluice refuses; if present it is reported with {@code reason}
     * instead of as unknown.
     */
    void refuse(String sdkName, String reason) {
        refused.put(sdkName, reason);
    }

    String string(String sdkName) {
        JsonNode value = take(sdkName);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(pathOf(sdkName), "expected a string, found " + describe(value));
            return null;
        }
        return value.textValue();
    }

    Integer integer(String sdkName) {
        JsonNode value = take(sdkName);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(pathOf(sdkName), "expected an integer, found " + describe(value));
            return null;
        }
        return value.intValue();
    }

    Boolean bool(String sdkName) {
        JsonNode value = take(sdkName);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(pathOf(sdkName), "expected true or false, found " + describe(value));
            return null;
        }
        return value.booleanValue();
    }

    Double decimal(String sdkName) {
        JsonNode value = take(sdkName);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            problems.add(pathOf(sdkName), "expected a number, found " + describe(value));
            return null;
        }
        return value.doubleValue();
    }

    <E extends Enum<E> & WireEnum> E enumeration(String sdkName, Class<E> type) {
        JsonNode value = take(sdkName);
        if (value == null) {
            return null;
        }
        E constant = value.isTextual() ? WireEnum.lookup(type, value.textValue()) : null;
        if (constant == null) {
            problems.add(pathOf(sdkName), describe(value) + " is not a valid " + sdkName
                    + " (expected one of " + WireEnum.expected(type) + ")");
        }
        return constant;
    }

    <T> T object(String sdkName, Function<JsonMembers, T> reader) {
        JsonNode value = take(sdkName);
        return value == null ? null : read(value, pathOf(sdkName), problems, reader);
    }

    /** A list of objects; absent = empty. Elements that are not objects are reported and left out. */
    <T> List<T> objects(String sdkName, Function<JsonMembers, T> reader) {
        JsonNode value = take(sdkName);
        List<T> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problems.add(pathOf(sdkName), "expected a list, found " + describe(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonMembers members = of(value.get(i), pathOf(sdkName) + "[" + i + "]", problems);
            if (members != null) {
                result.add(reader.apply(members));
                members.finish();
            }
        }
        return result;
    }

    /** A list of strings; absent = empty. Non-string elements are reported and left out. */
    List<String> strings(String sdkName) {
        JsonNode value = take(sdkName);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problems.add(pathOf(sdkName), "expected a list of strings, found " + describe(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isTextual()) {
                result.add(element.textValue());
            } else {
                problems.add(pathOf(sdkName) + "[" + i + "]", "expected a string, found " + describe(element));
            }
        }
        return result;
    }

    /** {@code parent.key}, the key quoted when it is not a plain name (tag keys such as {@code "sluice:FecRows"}). */
    static String keyPath(String parent, String key) {
        return key.matches("[A-Za-z0-9_-]+") ? parent + "." + key : parent + ".\"" + key + "\"";
    }

    /** An object of string values (tags); absent = empty. */
    Map<String, String> stringMap(String sdkName) {
        JsonNode value = take(sdkName);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            problems.add(pathOf(sdkName), "expected an object of strings, found " + describe(value));
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getValue().isTextual()) {
                result.put(entry.getKey(), entry.getValue().textValue());
            } else {
                problems.add(keyPath(pathOf(sdkName), entry.getKey()), "expected a string, found " + describe(entry.getValue()));
            }
        }
        return result;
    }

    /** Reports every member that was neither read nor refused. */
    void finish() {
        Set<String> accepted = new LinkedHashSet<>();
        for (String name : known) {
            accepted.add(name);
            accepted.add(Spelling.WIRE.name(name));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (accepted.contains(name)) {
                continue;
            }
            String reason = refused.get(Spelling.sdkNameOf(name));
            String memberPath = Problems.join(path, name);
            if (reason != null) {
                problems.add(memberPath, reason);
                continue;
            }
            // Suggest in the spelling the member was written in.
            Spelling spelling = !name.isEmpty() && Character.isLowerCase(name.charAt(0)) ? Spelling.WIRE : Spelling.SDK;
            List<String> spelled = known.stream().map(spelling::name).toList();
            String suggestion = Suggestions.nearest(name, spelled);
            problems.add(memberPath, suggestion == null
                    ? "unknown member (expected one of " + String.join(", ", spelled) + ")"
                    : "unknown member (did you mean \"" + suggestion + "\"?)");
        }
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
        }
        if (value.isNumber() || value.isBoolean()) {
            String text = value.asText();
            return text.length() > 60 ? text.substring(0, 60) + "..." : text;
        }
        return value.isArray() ? "a list" : "an object";
    }
}
