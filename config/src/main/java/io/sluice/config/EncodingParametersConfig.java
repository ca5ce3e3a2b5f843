package io.sluice.config;

/** MediaConnect's {@code EncodingParametersRequest} (JPEG XS compression). */
public record EncodingParametersConfig(Double compressionFactor, EncoderProfile encoderProfile) {
}
