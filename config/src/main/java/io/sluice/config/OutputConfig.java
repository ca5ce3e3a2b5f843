package io.sluice.config;

import java.util.List;

/**
 * One output of a flow: MediaConnect's {@code AddOutputRequest}, member for member ({@code outputStatus} is newer
 * than the baseline model), plus {@link #sluiceExtensions()} (never null; {@link SluiceExtensionsConfig#NONE}).
 *
 * <p>Units: latencies in milliseconds.
 */
public record OutputConfig(
        String name,
        String description,
        Protocol protocol,
        String destination,
        Integer port,
        List<String> cidrAllowList,
        Integer maxLatency,
        Integer minLatency,
        Integer smoothingLatency,
        String streamId,
        EncryptionConfig encryption,
        List<MediaStreamOutputConfig> mediaStreamOutputConfigurations,
        String remoteId,
        Integer senderControlPort,
        VpcInterfaceAttachmentConfig vpcInterfaceAttachment,
        OutputStatus outputStatus,
        SluiceExtensionsConfig sluiceExtensions) {

    public OutputConfig {
        cidrAllowList = Lists.copy(cidrAllowList);
        mediaStreamOutputConfigurations = Lists.copy(mediaStreamOutputConfigurations);
        sluiceExtensions = sluiceExtensions == null ? SluiceExtensionsConfig.NONE : sluiceExtensions;
    }
}
