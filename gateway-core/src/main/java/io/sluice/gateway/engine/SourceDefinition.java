package io.sluice.gateway.engine;

/**
 * Interim source description, shaped like {@code io.sluice.config.SourceConfig} (same accessor names; protocol as
 * its wire value) until the config module lands. {@code bindAddress} is the Sluice extension (null: the
 * gateway's {@code --bind}, else all interfaces).
 */
public record SourceDefinition(String name, String protocol, Integer ingestPort, String whitelistCidr,
                               String bindAddress) {}
