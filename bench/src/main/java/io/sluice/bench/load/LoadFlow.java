package io.sluice.bench.load;

/**
 * The flow the load tool runs Sluice on: one RTP source on {@code ingestPort} → N RTP outputs to loopback, every
 * output with SmoothingLatency 0 (pass-through, as GStreamer's multiudpsink is), in the CreateFlow request shape
 * (PascalCase, as the AWS CLI writes it; see docs/flow-files.md).
 */
public final class LoadFlow {
    private LoadFlow() {
    }

    /** The flow JSON for {@code ingestPort} and one output per entry of {@code outputPorts}. */
    public static String json(String host, int ingestPort, int[] outputPorts) {
        StringBuilder json = new StringBuilder(256 + 160 * outputPorts.length);
        json.append("{\n  \"Name\": \"load-").append(outputPorts.length).append("\",\n")
                .append("  \"Source\": {\"Name\": \"load-in\", \"Protocol\": \"rtp\", \"IngestPort\": ")
                .append(ingestPort).append(", \"WhitelistCidr\": \"127.0.0.0/8\"},\n")
                .append("  \"Outputs\": [");
        for (int i = 0; i < outputPorts.length; i++) {
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"Name\": \"out-").append(i + 1).append("\", \"Protocol\": \"rtp\", \"Destination\": \"")
                    .append(host).append("\", \"Port\": ").append(outputPorts[i]).append(", \"SmoothingLatency\": 0}");
        }
        return json.append("\n  ]\n}\n").toString();
    }
}
