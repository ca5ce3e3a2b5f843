package io.sluice.config;

import java.util.List;
import java.util.Map;

/**
 * A flow as described by a MediaConnect {@code CreateFlow} request, validated, with defaults filled in.
 *
 * <p>{@link #sources()} always holds every source (one, or two for failover/merge), whether the document used
 * {@code Source} or {@code Sources}; {@link #sourceMember()} remembers which, for round-trips. Lists are never null
 * (absent = empty). {@code flowSize} and {@code flowTags} are members newer than the baseline model.
 */
public record FlowConfig(
        String name,
        String availabilityZone,
        List<SourceConfig> sources,
        FailoverConfig sourceFailoverConfig,
        List<OutputConfig> outputs,
        List<EntitlementConfig> entitlements,
        List<MediaStreamConfig> mediaStreams,
        List<VpcInterfaceConfig> vpcInterfaces,
        MaintenanceConfig maintenance,
        FlowSize flowSize,
        Map<String, String> flowTags,
        SourceMember sourceMember) {

    public FlowConfig {
        sources = Lists.copy(sources);
        outputs = Lists.copy(outputs);
        entitlements = Lists.copy(entitlements);
        mediaStreams = Lists.copy(mediaStreams);
        vpcInterfaces = Lists.copy(vpcInterfaces);
        flowTags = Lists.copy(flowTags);
        sourceMember = sourceMember == null ? SourceMember.SOURCE : sourceMember;
    }

    /** This flow with {@code sources} instead (e.g. AddFlowSources); validate it with {@link FlowConfigs#validate}. */
    public FlowConfig withSources(List<SourceConfig> sources) {
        return new FlowConfig(name, availabilityZone, sources, sourceFailoverConfig, outputs, entitlements, mediaStreams,
                vpcInterfaces, maintenance, flowSize, flowTags, sources.size() == 1 ? sourceMember : SourceMember.SOURCES);
    }

    /** This flow with {@code outputs} instead (e.g. AddFlowOutputs, RemoveFlowOutput). */
    public FlowConfig withOutputs(List<OutputConfig> outputs) {
        return new FlowConfig(name, availabilityZone, sources, sourceFailoverConfig, outputs, entitlements, mediaStreams,
                vpcInterfaces, maintenance, flowSize, flowTags, sourceMember);
    }

    /** This flow with {@code entitlements} instead (e.g. GrantFlowEntitlements, RevokeFlowEntitlement). */
    public FlowConfig withEntitlements(List<EntitlementConfig> entitlements) {
        return new FlowConfig(name, availabilityZone, sources, sourceFailoverConfig, outputs, entitlements, mediaStreams,
                vpcInterfaces, maintenance, flowSize, flowTags, sourceMember);
    }

    /** This flow with {@code failover} and {@code maintenance} instead (UpdateFlow). */
    public FlowConfig withFailoverAndMaintenance(FailoverConfig failover, MaintenanceConfig maintenance) {
        return new FlowConfig(name, availabilityZone, sources, failover, outputs, entitlements, mediaStreams,
                vpcInterfaces, maintenance, flowSize, flowTags, sourceMember);
    }

    /** The first source: the only one of a single-source flow, the first listed of a failover flow. */
    public SourceConfig source() {
        return sources.isEmpty() ? null : sources.getFirst();
    }
}
