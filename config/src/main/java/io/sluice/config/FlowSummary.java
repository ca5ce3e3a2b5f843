package io.sluice.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line that says what a flow does, for {@code sluice validate} and logs:
 * {@code rtp-fanout: source rtp on port 5000 -> 50 outputs (50 rtp)}.
 */
public final class FlowSummary {
    private FlowSummary() {
    }

    public static String of(FlowConfig flow) {
        List<SourceConfig> sources = flow.sources();
        String in = sources.stream().map(FlowSummary::source).collect(Collectors.joining(" + "));
        String sourceWord = sources.size() == 1 ? "source " : "sources (" + flow.sourceFailoverConfig().failoverMode().wireValue() + ") ";
        Map<String, Integer> byProtocol = new TreeMap<>();
        for (OutputConfig output : flow.outputs()) {
            byProtocol.merge(output.protocol().wireValue(), 1, Integer::sum);
        }
        String out = flow.outputs().isEmpty() ? "no outputs"
                : flow.outputs().size() + (flow.outputs().size() == 1 ? " output (" : " outputs (")
                + byProtocol.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
        String entitlements = flow.entitlements().isEmpty() ? ""
                : ", " + flow.entitlements().size() + (flow.entitlements().size() == 1 ? " entitlement" : " entitlements");
        return flow.name() + ": " + sourceWord + in + " -> " + out + entitlements;
    }

    private static String source(SourceConfig s) {
        if (s.entitled()) {
            return "entitlement " + s.entitlementArn();
        }
        if (s.protocol() == Protocol.SRT_CALLER) {
            return "srt-caller to " + s.sourceListenerAddress() + ":" + s.sourceListenerPort();
        }
        return s.protocol().wireValue() + " on port " + s.ingestPort();
    }
}
