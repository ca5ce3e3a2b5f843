package io.sluice.gateway.engine;

import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.config.OutputConfig;

import java.util.ArrayList;
import java.util.List;

/** Flow documents for engine tests, read through the real config reader. */
final class FlowJson {
    private FlowJson() {}

    static FlowConfig rtpFlow(String name, int ingestPort, String whitelistCidr, int... outputPorts) {
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < outputPorts.length; i++) {
            outputs.add(output("out-" + i, "rtp", outputPorts[i], 0));
        }
        return FlowConfigs.read("""
                {"Name": "%s",
                 "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": %d%s},
                 "Outputs": [%s]}
                """.formatted(name, ingestPort,
                whitelistCidr == null ? "" : ", \"WhitelistCidr\": \"" + whitelistCidr + "\"", String.join(",", outputs)));
    }

    static String output(String name, String protocol, int port, int smoothingMs) {
        return """
                {"Name": "%s", "Protocol": "%s", "Destination": "127.0.0.1", "Port": %d%s}"""
                .formatted(name, protocol, port, smoothingMs == 0 ? "" : ", \"SmoothingLatency\": " + smoothingMs);
    }

    /** One output, read through a one-output flow document. */
    static OutputConfig outputConfig(String name, String protocol, int port, int smoothingMs) {
        return FlowConfigs.read("""
                {"Name": "x", "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": 5000}, "Outputs": [%s]}
                """.formatted(output(name, protocol, port, smoothingMs))).outputs().getFirst();
    }
}
