package io.sluice.config;

/**
 * An output as MediaConnect describes it (response shape {@code Output}). {@code listenerAddress} is set for
 * listener outputs (srt-listener); {@code entitlementArn} for outputs created because a subscriber uses an
 * entitlement of this flow.
 */
public record OutputDescription(
        String outputArn,
        String listenerAddress,
        String entitlementArn,
        String mediaLiveInputArn,
        Integer dataTransferSubscriberFeePercent,
        String peerIpAddress,
        OutputConfig config) {
}
