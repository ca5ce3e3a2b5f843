package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowStatus;
import io.sluice.protocols.mpegts.TransportInfo;
import io.sluice.protocols.time.NanoClock;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DescribeFlowSourceMetadata for one engine flow: asks the flow's loop for what each source's TS monitor found and
 * describes the source in use (the first whose PAT was seen, as MediaConnect describes only the active source).
 * Call from an HTTP worker, never from a flow's loop.
 */
public final class FlowSourceMetadata {
    private FlowSourceMetadata() {}

    public static SourceMetadata describe(Flow flow, NanoClock clock) {
        Instant wallNow = Instant.now();
        if (flow.status() != FlowStatus.ACTIVE) {
            return SourceMetadata.notRunning(flow.name(), flow.status().name(), wallNow);
        }
        List<TransportInfo> infos;
        try {
            infos = flow.describeSources().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking flow " + flow.name() + " for its source metadata", e);
        } catch (Exception e) {
            throw new IllegalStateException("flow " + flow.name() + " did not answer within 5 s: " + e, e);
        }
        long nowNs = clock.nanoTime();
        List<String> names = flow.config().sources().stream().map(s -> s.name()).toList();
        for (int i = 0; i < infos.size(); i++) {
            if (infos.get(i).transportStreamId() >= 0) {
                return SourceMetadata.from(names.get(i), infos.get(i), nowNs, wallNow);
            }
        }
        return SourceMetadata.from(names.getFirst(), infos.getFirst(), nowNs, wallNow);
    }
}
