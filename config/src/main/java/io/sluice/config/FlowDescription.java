package io.sluice.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A flow as the API returns it (MediaConnect response shape {@code Flow}): what the service assigned (ARNs, status,
 * addresses) around the configuration. {@code config} supplies the flow-level members (name, availability zone,
 * failover, size, tags); the lists describe its sources, outputs, entitlements, VPC interfaces and media streams in
 * the same order as {@code config}'s (outputs may hold more: those created for entitlements).
 * Write it with {@link FlowDescriptions#toJson}.
 */
public record FlowDescription(
        String flowArn,
        Status status,
        String description,
        String egressIp,
        FlowConfig config,
        List<SourceDescription> sources,
        List<OutputDescription> outputs,
        List<EntitlementDescription> entitlements,
        List<VpcInterfaceDescription> vpcInterfaces,
        List<MediaStreamDescription> mediaStreams,
        MaintenanceDescription maintenance) {

    public FlowDescription {
        sources = Lists.copy(sources);
        outputs = Lists.copy(outputs);
        entitlements = Lists.copy(entitlements);
        vpcInterfaces = Lists.copy(vpcInterfaces);
        mediaStreams = Lists.copy(mediaStreams);
    }

    /**
     * Describes {@code config} with ARNs made by {@code arns} from the flow ID {@code flowId} (e.g. {@code 1-AbCd...}),
     * every source listening on {@code ingestIp} and sending from {@code egressIp}; media stream payload types start
     * at 96 (the first dynamic RTP type).
     */
    public static FlowDescription of(FlowConfig config, MediaConnectArns arns, String flowId, Status status,
                                     String ingestIp, String egressIp) {
        List<SourceDescription> sources = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            sources.add(new SourceDescription(arns.source(flowId, s.name()), s.entitled() ? null : ingestIp, null, null, s));
        }
        List<OutputDescription> outputs = new ArrayList<>();
        for (OutputConfig o : config.outputs()) {
            outputs.add(new OutputDescription(arns.output(flowId, o.name()),
                    o.protocol() == Protocol.SRT_LISTENER ? egressIp : null, null, null, null, null, o));
        }
        List<EntitlementDescription> entitlements = new ArrayList<>();
        for (EntitlementConfig e : config.entitlements()) {
            entitlements.add(new EntitlementDescription(arns.entitlement(flowId, e.name()), e));
        }
        List<VpcInterfaceDescription> vpcInterfaces = config.vpcInterfaces().stream()
                .map(v -> new VpcInterfaceDescription(List.of(), v)).toList();
        List<MediaStreamDescription> mediaStreams = new ArrayList<>();
        for (int i = 0; i < config.mediaStreams().size(); i++) {
            mediaStreams.add(new MediaStreamDescription(96 + i, config.mediaStreams().get(i)));
        }
        MaintenanceDescription maintenance = config.maintenance() == null ? null
                : new MaintenanceDescription(null, null, config.maintenance());
        return new FlowDescription(arns.flow(flowId, config.name()), status, config.name(), egressIp, config, sources,
                outputs, entitlements, vpcInterfaces, mediaStreams, maintenance);
    }
}
