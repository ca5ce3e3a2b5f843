package io.sluice.config;

/**
 * MediaConnect's {@code DestinationConfigurationRequest}. The wire member {@code Interface} ({@code {"Name": ...}})
 * is held as {@code interfaceName}: {@code interface} is a Java keyword.
 */
public record DestinationConfig(String destinationIp, Integer destinationPort, String interfaceName) {
}
