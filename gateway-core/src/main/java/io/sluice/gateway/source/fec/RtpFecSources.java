package io.sluice.gateway.source.fec;

import io.sluice.gateway.engine.EngineContext;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.source.rtp.RtpSourceSettings;

/** Builds an rtp-fec source from the address and allow-list the rtp settings already parsed (SourceFactory). */
public final class RtpFecSources {
    private RtpFecSources() {}

    /** @param maxLatencyMs the source's MaxLatency: how long a lost packet may hold the stream (null: 1000 ms) */
    public static Source create(RtpSourceSettings rtp, Integer maxLatencyMs, EngineContext context) {
        long holdNs = maxLatencyMs == null ? RtpFecSourceSettings.DEFAULT_HOLD_NS : maxLatencyMs * 1_000_000L;
        try {
            return new RtpFecSource(new RtpFecSourceSettings(rtp.name(), rtp.listenAddress(), rtp.allowList(), holdNs,
                    rtp.receiveBufferBytes(), rtp.multicast()), context.transport(), context.clock(), context.allocator());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Source " + rtp.name() + ": " + e.getMessage(), e);
        }
    }
}
