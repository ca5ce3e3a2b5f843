package io.sluice.config;

/** MediaConnect's {@code FmtpRequest}: SDP format parameters of a media stream. */
public record FmtpConfig(
        String channelOrder,
        Colorimetry colorimetry,
        String exactFramerate,
        String par,
        Range range,
        ScanMode scanMode,
        Tcs tcs) {
}
