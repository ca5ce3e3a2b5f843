package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final Set<Protocol> SRT = EnumSet.of(Protocol.SRT_LISTENER, Protocol.SRT_CALLER);
    private static final Set<Protocol> NOT_SRT_CALLER = EnumSet.complementOf(EnumSet.of(Protocol.SRT_CALLER));
    private static final Map<String, Set<Protocol>> SOURCE_MEMBERS = Map.of(
            "IngestPort", NOT_SRT_CALLER,
            "WhitelistCidr", NOT_SRT_CALLER,
            "SourceListenerAddress", EnumSet.of(Protocol.SRT_CALLER),
            "SourceListenerPort", EnumSet.of(Protocol.SRT_CALLER),
            "MaxLatency", EnumSet.of(Protocol.RIST, Protocol.SRT_LISTENER, Protocol.SRT_CALLER),
            "MinLatency", SRT,
            "StreamId", SRT);
    private static final Map<String, Set<Protocol>> OUTPUT_MEMBERS = Map.of(
            "Destination", EnumSet.complementOf(EnumSet.of(Protocol.SRT_LISTENER)),
            "CidrAllowList", EnumSet.of(Protocol.SRT_LISTENER),
            "SmoothingLatency", EnumSet.of(Protocol.RTP, Protocol.RTP_FEC, Protocol.RIST, Protocol.UDP),
            "MaxLatency", EnumSet.of(Protocol.RIST),
            "MinLatency", SRT,
            "StreamId", SRT);

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
        return update(body, w -> w.output(existing), FlowReader::output, OUTPUT_MEMBERS);
    }

    /** UpdateFlowSource: members in {@code body} replace those of {@code existing}; absent members stay. */
    public static SourceConfig updateSource(SourceConfig existing, JsonNode body) {
        return update(body, w -> w.source(existing), FlowReader::source, SOURCE_MEMBERS);
    }

    /** UpdateFlowEntitlement: members in {@code body} replace those of {@code existing}; absent members stay. */
    public static EntitlementConfig updateEntitlement(EntitlementConfig existing, JsonNode body) {
        return update(body, w -> w.entitlement(existing), FlowReader::entitlement, Map.of());
    }

    /**
     * UpdateFlow: {@code sourceFailoverConfig} and {@code maintenance} (each merged member by member onto the current
     * one, absent members stay) replace those of {@code existing}.
     */
    public static FlowConfig updateFlow(FlowConfig existing, JsonNode body) {
        Spelling spelling = FlowConfigs.spellingOf(body);
        Problems problems = new Problems(spelling);
        JsonMembers members = JsonMembers.of(body, "", problems);
        problems.throwIfAny();
        ObjectNode current = new FlowWriter(spelling).flow(existing);
        FailoverConfig failover = existing.sourceFailoverConfig();
        MaintenanceConfig maintenance = existing.maintenance();
        JsonNode failoverUpdate = members.take("SourceFailoverConfig");
        if (failoverUpdate != null) {
            failover = merged(current.get(spelling.name("SourceFailoverConfig")), failoverUpdate,
                    members.pathOf("SourceFailoverConfig"), problems, FlowReader::failover);
        }
        JsonNode maintenanceUpdate = members.take("Maintenance");
        if (maintenanceUpdate != null) {
            maintenance = merged(current.get(spelling.name("Maintenance")), maintenanceUpdate,
                    members.pathOf("Maintenance"), problems, FlowReader::maintenance);
        }
        members.refuse("FlowSize", "FlowSize cannot change: Sluice flows are MEDIUM");
        members.refuse("SourceMonitoringConfig", "SourceMonitoringConfig is a newer MediaConnect member that Sluice does not support");
        members.refuse("NdiConfig", "NdiConfig is a newer MediaConnect member that Sluice does not support");
        members.refuse("EncodingConfig", "EncodingConfig is a newer MediaConnect member that Sluice does not support");
        members.finish();
        problems.throwIfAny();
        return existing.withFailoverAndMaintenance(failover, maintenance);
    }

    private static <T> T merged(JsonNode current, JsonNode update, String path, Problems problems,
                                Function<JsonMembers, T> reader) {
        JsonNode value = update;
        if (current instanceof ObjectNode old && update instanceof ObjectNode changes) {
            ObjectNode deep = old.deepCopy();
            for (Map.Entry<String, JsonNode> change : changes.properties()) {
                deep.remove(Spelling.sdkNameOf(change.getKey()));
                deep.remove(Spelling.WIRE.name(change.getKey()));
                deep.set(change.getKey(), change.getValue());
            }
            value = deep;
        }
        return JsonMembers.read(value, path, problems, reader);
    }

    /**
     * A protocol change (say rtp to srt-caller) would otherwise keep members that only the old protocol takes, among
     * them defaults filled in for it ({@code SmoothingLatency: 0}), and fail validation: those go, unless the body
     * sets them.
     */
    private static void dropWhatTheNewProtocolDoesNotTake(ObjectNode original, ObjectNode merged, JsonNode body,
                                                          Spelling spelling, Map<String, Set<Protocol>> protocolMembers) {
        JsonNode given = body.has("Protocol") ? body.get("Protocol") : body.get("protocol");
        Protocol protocol = given != null && given.isTextual() ? WireEnum.lookup(Protocol.class, given.textValue()) : null;
        JsonNode before = original.get(spelling.name("Protocol"));
        if (protocol == null || before == null || protocol.wireValue().equals(before.asText())) {
            return;
        }
        protocolMembers.forEach((member, protocols) -> {
            if (!protocols.contains(protocol) && !body.has(member) && !body.has(Spelling.WIRE.name(member))) {
                merged.remove(spelling.name(member));
            }
        });
        if (merged.get(spelling.name("SluiceExtensions")) instanceof ObjectNode extensions
                && !body.has("SluiceExtensions") && !body.has("sluiceExtensions")) {
            if (protocol != Protocol.RIST) {
                List.of("RistProfile", "SrpUsername", "SrpPasswordSecretArn").forEach(m -> extensions.remove(spelling.name(m)));
            }
            if (protocol != Protocol.RTP_FEC) {
                List.of("FecColumns", "FecRows", "FecMode").forEach(m -> extensions.remove(spelling.name(m)));
            }
            if (extensions.isEmpty()) {
                merged.remove(spelling.name("SluiceExtensions"));
            }
        }
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

    private static <T> T update(JsonNode body, Function<FlowWriter, ObjectNode> existing, Function<JsonMembers, T> reader,
                                Map<String, Set<Protocol>> protocolMembers) {
        Spelling spelling = FlowConfigs.spellingOf(body);
        Problems problems = new Problems(spelling);
        if (!body.isObject()) {
            problems.add("", "expected an object, found " + JsonMembers.describe(body));
            problems.throwIfAny();
        }
        ObjectNode original = existing.apply(new FlowWriter(spelling));
        ObjectNode merged = original.deepCopy();
        dropWhatTheNewProtocolDoesNotTake(original, merged, body, spelling, protocolMembers);
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String wire = Spelling.WIRE.name(member.getKey());
            String sdk = Spelling.sdkNameOf(member.getKey());
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
        T result = JsonMembers.read(merged, "", problems, reader);
        problems.throwIfAny();
        return result;
    }
}
