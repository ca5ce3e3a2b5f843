package io.sluice.config;

import java.util.List;

/** A VPC interface as MediaConnect describes it (response shape {@code VpcInterface}). */
public record VpcInterfaceDescription(List<String> networkInterfaceIds, VpcInterfaceConfig config) {

    public VpcInterfaceDescription {
        networkInterfaceIds = Lists.copy(networkInterfaceIds);
    }
}
