package io.sluice.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Reads, validates and writes flow documents: MediaConnect CreateFlow requests in the SDK/CLI spelling
 * (PascalCase) or the REST wire spelling (camelCase).
 *
 * <pre>{@code
 * FlowConfig flow = FlowConfigs.read(Path.of("examples/rtp-fanout.json"));   // or throws ConfigException
 * String json = FlowConfigs.write(flow, Spelling.WIRE);
 * }</pre>
 */
public final class FlowConfigs {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private FlowConfigs() {
    }

    /** The validated flow in {@code json}, defaults filled in; every problem at once in a {@link ConfigException}. */
    public static FlowConfig read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(new ConfigError("", "not valid JSON" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(List.of(new ConfigError("", "the document is empty (expected a CreateFlow JSON object)")));
        }
        return read(root);
    }

    /** Reads the file {@code file} (UTF-8) as {@link #read(String)} does. */
    public static FlowConfig read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError("", "cannot read " + file + ": no such file")));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(List.of(new ConfigError("", "cannot read " + file + ": not UTF-8 text")));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(new ConfigError("", "cannot read " + file + ": " + e)));
        }
        return read(json);
    }

    /** Validates a parsed document (e.g. a REST request body). */
    public static FlowConfig read(JsonNode root) {
        Problems problems = new Problems(spellingOf(root));
        JsonMembers members = JsonMembers.of(root, "", problems);
        if (members != null) {
            FlowConfig flow = FlowReader.flow(members);
            members.finish();
            FlowValidator.validate(flow, problems);
            if (problems.isEmpty()) {
                return FlowDefaults.apply(flow);
            }
        }
        throw new ConfigException(DocumentOrder.sort(problems.errors(), root));
    }

    /**
     * Validates a flow built in code (e.g. an existing flow with an output added) and fills its defaults. Error paths
     * use the SDK spelling.
     */
    public static FlowConfig validate(FlowConfig flow) {
        Problems problems = new Problems(Spelling.SDK);
        FlowValidator.validate(flow, problems);
        problems.throwIfAny();
        return FlowDefaults.apply(flow);
    }

    /** The flow as a CreateFlow document (pretty-printed JSON) in {@code spelling}. */
    public static String write(FlowConfig flow, Spelling spelling) {
        try {
            return MAPPER.writeValueAsString(toJson(flow, spelling));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The flow as a CreateFlow JSON tree in {@code spelling}. */
    public static ObjectNode toJson(FlowConfig flow, Spelling spelling) {
        return new FlowWriter(spelling).flow(flow);
    }

    /** WIRE when the document's top-level members start lower-case, else SDK: used to spell paths in errors. */
    static Spelling spellingOf(JsonNode root) {
        int lower = 0;
        int upper = 0;
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.isEmpty() && Character.isLowerCase(name.charAt(0))) {
                    lower++;
                } else if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
                    upper++;
                }
            }
        }
        return lower > upper ? Spelling.WIRE : Spelling.SDK;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
