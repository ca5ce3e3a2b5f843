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

    /** The first source: the only one of a single-source flow, the first listed of a failover flow. */
    public SourceConfig source() {
        return sources.isEmpty() ? null : sources.getFirst();
    }
}
