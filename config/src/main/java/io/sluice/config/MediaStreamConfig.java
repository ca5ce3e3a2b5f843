package io.sluice.config;

/** MediaConnect's {@code AddMediaStreamRequest} (CDI / ST 2110 essence streams). {@code clockRate} in Hz. */
public record MediaStreamConfig(
        Integer mediaStreamId,
        String mediaStreamName,
        MediaStreamType mediaStreamType,
        Integer clockRate,
        String description,
        String videoFormat,
        MediaStreamAttributesConfig attributes) {
}
