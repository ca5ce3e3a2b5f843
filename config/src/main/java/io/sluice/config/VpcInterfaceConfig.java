package io.sluice.config;

import java.util.List;

/**
 * MediaConnect's {@code VpcInterfaceRequest}. Sluice runs on a host, not in a VPC: interfaces are validated and kept
 * (so that a MediaConnect document stays valid) but do not change where Sluice binds; see
 * {@link SluiceExtensionsConfig#bindAddress()}.
 */
public record VpcInterfaceConfig(
        String name,
        NetworkInterfaceType networkInterfaceType,
        String roleArn,
        List<String> securityGroupIds,
        String subnetId) {

    public VpcInterfaceConfig {
        securityGroupIds = Lists.copy(securityGroupIds);
    }
}
