package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the request bodies of the operations that change part of a flow (AddFlowOutputs, AddFlowSources,
 * GrantFlowEntitlements, AddFlowMediaStreams, AddFlowVpcInterfaces, UpdateFlowOutput, UpdateFlowSource,
 * UpdateFlowEntitlement), in either spelling, with the same member checks as a whole document.
 *
 * <p>The results are records as written, without flow-wide checks or defaults: put them into the flow's
 * {@link FlowConfig} and call {@link FlowConfigs#validate(FlowConfig)}.
 */
public final class FlowFragments {
    private FlowFragments() {
    }

    /** {@code {"outputs": [...]}} of AddFlowOutputs. */
    public static List<OutputConfig> outputs(JsonNode body) {
        return list(body, "Outputs", FlowReader::output);
    }

    /** {@code {"sources": [...]}} of AddFlowSources. */
    public static List<SourceConfig> sources(JsonNode body) {
        return list(body, "Sources", FlowReader::source);
    }

    /** {@code {"entitlements": [...]}} of GrantFlowEntitlements. */
    public static List<EntitlementConfig> entitlements(JsonNode body) {
        return list(body, "Entitlements", FlowReader::entitlement);
    }

    /** {@code {"mediaStreams": [...]}} of AddFlowMediaStreams. */
    public static List<MediaStreamConfig> mediaStreams(JsonNode body) {
        return list(body, "MediaStreams", FlowReader::mediaStream);
    }

    /** {@code {"vpcInterfaces": [...]}} of AddFlowVpcInterfaces. */
    public static List<VpcInterfaceConfig> vpcInterfaces(JsonNode body) {
        return list(body, "VpcInterfaces", FlowReader::vpcInterface);
    }

    /** UpdateFlowOutput: members in {@code body} replace those of {@code existing}; absent members stay. */
    public static OutputConfig updateOutput(OutputConfig existing, JsonNode body) {
        return update(body, w -> w.output(existing), FlowReader::output);
    }

    /** UpdateFlowSource: members in {@code body} replace those of {@code existing}; absent members stay. */
    public static SourceConfig updateSource(SourceConfig existing, JsonNode body) {
        return update(body, w -> w.source(existing), FlowReader::source);
    }

    /** UpdateFlowEntitlement: members in {@code body} replace those of {@code existing}; absent members stay. */
    public static EntitlementConfig updateEntitlement(EntitlementConfig existing, JsonNode body) {
        return update(body, w -> w.entitlement(existing), FlowReader::entitlement);
    }

    private static <T> List<T> list(JsonNode body, String sdkName, Function<JsonMembers, T> reader) {
        Problems problems = new Problems(FlowConfigs.spellingOf(body));
        JsonMembers members = JsonMembers.of(body, "", problems);
        List<T> result = List.of();
        if (members != null) {
            if (!members.has(sdkName)) {
                problems.add(problems.member("", sdkName), "is required");
            }
            result = members.objects(sdkName, reader);
            members.finish();
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(DocumentOrder.sort(problems.errors(), body));
        }
        return List.copyOf(result);
    }

    private static <T> T update(JsonNode body, Function<FlowWriter, ObjectNode> existing, Function<JsonMembers, T> reader) {
        Spelling spelling = FlowConfigs.spellingOf(body);
        Problems problems = new Problems(spelling);
        if (!body.isObject()) {
            problems.add("", "expected an object, found " + JsonMembers.describe(body));
            problems.throwIfAny();
        }
        ObjectNode original = existing.apply(new FlowWriter(spelling));
        ObjectNode merged = original.deepCopy();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String wire = Spelling.WIRE.name(member.getKey());
            String sdk = Character.toUpperCase(wire.isEmpty() ? ' ' : wire.charAt(0)) + (wire.isEmpty() ? "" : wire.substring(1));
            // Whichever spelling the existing record used, the body's member replaces it.
            merged.remove(sdk);
            merged.remove(wire);
            JsonNode previous = original.get(spelling.name(sdk));
            JsonNode value = member.getValue();
            if (previous instanceof ObjectNode old && value instanceof ObjectNode update) {
                ObjectNode deep = old.deepCopy();
                deep.setAll(update); // UpdateEncryption: absent members stay as they were
                value = deep;
            }
            merged.set(member.getKey(), value);
        }
        JsonMembers members = JsonMembers.of(merged, "", problems);
        T result = reader.apply(members);
        members.finish();
        problems.throwIfAny();
        return result;
    }
}
