package io.sluice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The structural checks the control plane needs whatever the data plane supports: a source, known protocols, ports
 * in range, two sources only with failover enabled, at most 50 outputs and entitlements. Paths use the SDK spelling
 * ({@code Outputs[3].Port}), like the config module's messages.
 */
public final class BasicFlowValidator implements FlowValidator {
    private static final Set<String> PROTOCOLS = Set.of("zixi-push", "rtp-fec", "rtp", "zixi-pull", "rist", "st2110-jpegxs",
            "cdi", "srt-listener", "srt-caller", "fujitsu-qos", "udp", "ndi-speed-hq");

    @Override
    public List<String> problems(ObjectNode request) {
        List<String> problems = new ArrayList<>();
        JsonNode sources = request.path("sources");
        if (!sources.isArray() || sources.isEmpty()) {
            problems.add("Source: a flow needs a source (give Source or Sources)");
        } else if (sources.size() > 2) {
            problems.add("Sources: " + sources.size() + " sources, a flow has at most 2");
        } else if (sources.size() == 2 && !request.path("sourceFailoverConfig").path("state").asText().equals("ENABLED")) {
            problems.add("SourceFailoverConfig.State: two sources need failover ENABLED");
        }
        for (int i = 0; i < sources.size(); i++) {
            JsonNode source = sources.get(i);
            String path = "Sources[" + i + "]";
            if (!source.hasNonNull("entitlementArn")) {
                protocol(source, path, problems);
            }
            port(source, "ingestPort", path + ".IngestPort", problems);
            port(source, "sourceListenerPort", path + ".SourceListenerPort", problems);
        }
        JsonNode outputs = request.path("outputs");
        if (outputs.size() > FlowService.MAX_OUTPUTS) {
            problems.add("Outputs: " + outputs.size() + " outputs, a flow has at most " + FlowService.MAX_OUTPUTS);
        }
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            String path = "Outputs[" + i + "]";
            protocol(output, path, problems);
            port(output, "port", path + ".Port", problems);
        }
        JsonNode entitlements = request.path("entitlements");
        for (int i = 0; i < entitlements.size(); i++) {
            JsonNode entitlement = entitlements.get(i);
            if (!entitlement.path("subscribers").isArray() || entitlement.path("subscribers").isEmpty()) {
                problems.add("Entitlements[" + i + "].Subscribers: required member is missing or empty");
            }
            int fee = entitlement.path("dataTransferSubscriberFeePercent").asInt(0);
            if (fee < 0 || fee > 100) {
                problems.add("Entitlements[" + i + "].DataTransferSubscriberFeePercent: " + fee + " is out of range 0-100");
            }
        }
        return problems;
    }

    private static void protocol(JsonNode item, String path, List<String> problems) {
        JsonNode protocol = item.get("protocol");
        if (protocol == null || protocol.isNull()) {
            problems.add(path + ".Protocol: required member is missing");
        } else if (!PROTOCOLS.contains(protocol.asText())) {
            problems.add(path + ".Protocol: \"" + protocol.asText() + "\" is not one of " + String.join(", ", PROTOCOLS.stream().sorted().toList()));
        }
    }

    private static void port(JsonNode item, String member, String path, List<String> problems) {
        JsonNode port = item.get(member);
        if (port != null && !port.isNull() && (!port.canConvertToInt() || port.asInt() < 1024 || port.asInt() > 65535)) {
            problems.add(path + ": " + port + " is out of range 1024-65535");
        }
    }
}
