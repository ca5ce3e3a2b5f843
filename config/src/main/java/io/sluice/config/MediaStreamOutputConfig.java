package io.sluice.config;

import java.util.List;

/** MediaConnect's {@code MediaStreamOutputConfigurationRequest}: a media stream sent by a cdi/2110 output. */
public record MediaStreamOutputConfig(
        List<DestinationConfig> destinationConfigurations,
        EncodingName encodingName,
        EncodingParametersConfig encodingParameters,
        String mediaStreamName) {

    public MediaStreamOutputConfig {
        destinationConfigurations = Lists.copy(destinationConfigurations);
    }
}
