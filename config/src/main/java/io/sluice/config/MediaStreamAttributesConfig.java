package io.sluice.config;

/** MediaConnect's {@code MediaStreamAttributesRequest}: format parameters and audio language. */
public record MediaStreamAttributesConfig(FmtpConfig fmtp, String lang) {
}
