package io.sluice.config;

/**
 * MediaConnect's {@code InputConfigurationRequest}. The wire member {@code Interface} (an object with one member,
 * {@code Name}) is held as {@code interfaceName}: {@code interface} is a Java keyword.
 */
public record InputConfig(Integer inputPort, String interfaceName) {
}
