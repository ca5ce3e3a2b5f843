package io.sluice.config;

import java.util.List;

/** MediaConnect's {@code MediaStreamSourceConfigurationRequest}: a media stream carried by a cdi/2110 source. */
public record MediaStreamSourceConfig(EncodingName encodingName, List<InputConfig> inputConfigurations, String mediaStreamName) {

    public MediaStreamSourceConfig {
        inputConfigurations = Lists.copy(inputConfigurations);
    }
}
