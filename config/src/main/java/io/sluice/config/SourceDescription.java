package io.sluice.config;

/**
 * A source as MediaConnect describes it (response shape {@code Source}): the configured source plus what the
 * service assigns. {@code ingestIp} is the address the source listens on; {@code peerIpAddress} the sender seen last
 * (null if unknown).
 */
public record SourceDescription(
        String sourceArn,
        String ingestIp,
        Integer dataTransferSubscriberFeePercent,
        String peerIpAddress,
        SourceConfig config) {
}
