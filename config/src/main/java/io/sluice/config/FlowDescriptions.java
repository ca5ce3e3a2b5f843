package io.sluice.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link FlowDescription} in MediaConnect's response layout: a source's and an output's protocol settings
 * are nested in {@code transport}, required lists ({@code entitlements}, {@code outputs}) are always present, and
 * {@code source} repeats the first of {@code sources} (mediaconnect-api.md §1.3, §5 Flow/Source/Output/Transport).
 */
public final class FlowDescriptions {
    private FlowDescriptions() {
    }

    /** The {@code Flow} object (put it under {@code flow} for DescribeFlow/CreateFlow responses). */
    public static ObjectNode toJson(FlowDescription d, Spelling spelling) {
        FlowWriter w = new FlowWriter(spelling);
        FlowConfig c = d.config();
        ObjectNode n = w.object();
        n.put(spelling.name("AvailabilityZone"), c.availabilityZone() == null ? "" : c.availabilityZone());
        w.put(n, "Description", d.description());
        w.put(n, "EgressIp", d.egressIp());
        ArrayNode entitlements = n.putArray(spelling.name("Entitlements"));
        d.entitlements().forEach(e -> entitlements.add(entitlement(w, e)));
        w.put(n, "FlowArn", d.flowArn());
        w.list(n, "MediaStreams", d.mediaStreams(), (fw, m) -> {
            ObjectNode stream = fw.mediaStream(m.config());
            fw.put(stream, "Fmt", m.fmt());
            return stream;
        });
        w.put(n, "Name", c.name());
        ArrayNode outputs = n.putArray(spelling.name("Outputs"));
        d.outputs().forEach(o -> outputs.add(output(w, o)));
        if (!d.sources().isEmpty()) {
            n.set(spelling.name("Source"), source(w, d.sources().getFirst()));
        }
        if (c.sourceFailoverConfig() != null) {
            n.set(spelling.name("SourceFailoverConfig"), w.flow(c).get(spelling.name("SourceFailoverConfig")));
        }
        w.list(n, "Sources", d.sources(), FlowDescriptions::source);
        w.put(n, "Status", d.status());
        w.list(n, "VpcInterfaces", d.vpcInterfaces(), (fw, v) -> {
            ObjectNode vpc = fw.vpcInterface(v.config());
            ArrayNode ids = vpc.putArray(spelling.name("NetworkInterfaceIds"));
            v.networkInterfaceIds().forEach(ids::add);
            return vpc;
        });
        if (d.maintenance() != null) {
            ObjectNode m = w.object();
            MaintenanceConfig mc = d.maintenance().config();
            w.put(m, "MaintenanceDay", mc == null ? null : mc.maintenanceDay());
            w.put(m, "MaintenanceDeadline", d.maintenance().maintenanceDeadline());
            w.put(m, "MaintenanceScheduledDate", d.maintenance().maintenanceScheduledDate());
            w.put(m, "MaintenanceStartHour", mc == null ? null : mc.maintenanceStartHour());
            n.set(spelling.name("Maintenance"), m);
        }
        w.put(n, "FlowSize", c.flowSize());
        return n;
    }

    /** The {@code Source} response object (e.g. for UpdateFlowSource and AddFlowSources responses). */
    public static ObjectNode toJson(SourceDescription d, Spelling spelling) {
        return source(new FlowWriter(spelling), d);
    }

    /** The {@code Output} response object (e.g. for UpdateFlowOutput and AddFlowOutputs responses). */
    public static ObjectNode toJson(OutputDescription d, Spelling spelling) {
        return output(new FlowWriter(spelling), d);
    }

    /** The {@code Entitlement} response object (e.g. for GrantFlowEntitlements responses). */
    public static ObjectNode toJson(EntitlementDescription d, Spelling spelling) {
        return entitlement(new FlowWriter(spelling), d);
    }

    static ObjectNode source(FlowWriter w, SourceDescription d) {
        SourceConfig s = d.config();
        ObjectNode request = w.source(s);
        ObjectNode n = w.object();
        w.put(n, "DataTransferSubscriberFeePercent", d.dataTransferSubscriberFeePercent());
        copy(request, n, w, "Decryption", "Description", "EntitlementArn");
        w.put(n, "IngestIp", d.ingestIp());
        copy(request, n, w, "IngestPort", "MediaStreamSourceConfigurations", "Name", "SenderControlPort",
                "SenderIpAddress");
        w.put(n, "PeerIpAddress", d.peerIpAddress());
        w.put(n, "SourceArn", d.sourceArn());
        if (s.protocol() != null) {
            ObjectNode t = w.object();
            copy(request, t, w, "MaxBitrate", "MaxLatency", "MaxSyncBuffer", "MinLatency", "Protocol",
                    "SenderControlPort", "SenderIpAddress", "SourceListenerAddress", "SourceListenerPort", "StreamId");
            n.set(w.spellingName("Transport"), t);
        }
        copy(request, n, w, "VpcInterfaceName", "WhitelistCidr", "SluiceExtensions");
        return n;
    }

    static ObjectNode output(FlowWriter w, OutputDescription d) {
        OutputConfig o = d.config();
        ObjectNode request = w.output(o);
        ObjectNode n = w.object();
        w.put(n, "DataTransferSubscriberFeePercent", d.dataTransferSubscriberFeePercent());
        copy(request, n, w, "Description", "Destination", "Encryption");
        w.put(n, "EntitlementArn", d.entitlementArn());
        w.put(n, "ListenerAddress", d.listenerAddress());
        w.put(n, "MediaLiveInputArn", d.mediaLiveInputArn());
        copy(request, n, w, "MediaStreamOutputConfigurations", "Name");
        w.put(n, "OutputArn", d.outputArn());
        copy(request, n, w, "Port");
        w.put(n, "PeerIpAddress", d.peerIpAddress());
        if (o.protocol() != null) {
            ObjectNode t = w.object();
            copy(request, t, w, "CidrAllowList", "MaxLatency", "MinLatency", "Protocol", "RemoteId",
                    "SenderControlPort", "SmoothingLatency", "StreamId");
            n.set(w.spellingName("Transport"), t);
        }
        copy(request, n, w, "VpcInterfaceAttachment", "OutputStatus", "SluiceExtensions");
        return n;
    }

    static ObjectNode entitlement(FlowWriter w, EntitlementDescription d) {
        ObjectNode request = w.entitlement(d.config());
        ObjectNode n = w.object();
        copy(request, n, w, "DataTransferSubscriberFeePercent", "Description", "Encryption");
        w.put(n, "EntitlementArn", d.entitlementArn());
        copy(request, n, w, "EntitlementStatus", "Name");
        ArrayNode subscribers = n.putArray(w.spellingName("Subscribers"));
        d.config().subscribers().forEach(subscribers::add);
        return n;
    }

    private static void copy(ObjectNode from, ObjectNode to, FlowWriter w, String... sdkNames) {
        for (String sdkName : sdkNames) {
            String name = w.spellingName(sdkName);
            if (from.has(name)) {
                to.set(name, from.get(name));
            }
        }
    }
}
