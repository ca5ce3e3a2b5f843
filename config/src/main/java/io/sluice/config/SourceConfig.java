package io.sluice.config;

import java.util.List;

/**
 * One source of a flow: MediaConnect's {@code SetSourceRequest}, member for member, plus
 * {@link #sluiceExtensions()} (never null; {@link SluiceExtensionsConfig#NONE} when absent).
 *
 * <p>Units: latencies and buffers in milliseconds, {@code maxBitrate} in bit/s.
 */
public record SourceConfig(
        String name,
        String description,
        Protocol protocol,
        Integer ingestPort,
        String whitelistCidr,
        Integer maxBitrate,
        Integer maxLatency,
        Integer minLatency,
        String streamId,
        String sourceListenerAddress,
        Integer sourceListenerPort,
        EncryptionConfig decryption,
        String entitlementArn,
        Integer maxSyncBuffer,
        List<MediaStreamSourceConfig> mediaStreamSourceConfigurations,
        Integer senderControlPort,
        String senderIpAddress,
        String vpcInterfaceName,
        SluiceExtensionsConfig sluiceExtensions) {

    public SourceConfig {
        mediaStreamSourceConfigurations = Lists.copy(mediaStreamSourceConfigurations);
        sluiceExtensions = sluiceExtensions == null ? SluiceExtensionsConfig.NONE : sluiceExtensions;
    }

    /** True when the source is another flow's entitlement rather than a network protocol. */
    public boolean entitled() {
        return entitlementArn != null;
    }
}
