package io.sluice.gateway.engine;

/**
 * Interim output description, shaped like {@code io.sluice.config.OutputConfig} (same accessor names; protocol
 * as its wire value) until the config module lands. {@code multicastTtl} is the Sluice extension (null: 16 for
 * a multicast destination).
 */
public record OutputDefinition(String name, String protocol, String destination, Integer port,
                               Integer smoothingLatency, Integer multicastTtl) {}
