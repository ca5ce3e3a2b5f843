package io.sluice.gateway.metrics;

import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.sluice.gateway.flow.FlowStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link FlowHealthProvider} over the engine's flows: one {@link Flow#snapshot()} per flow, taken on the flow's
 * loop, waited for from the calling HTTP worker or table thread. A flow whose loop does not answer within
 * {@value #ANSWER_SECONDS} s is reported with status {@code UNRESPONSIVE} (so {@code /ready} says 503).
 */
public final class GatewayHealth implements FlowHealthProvider {
    private static final long ANSWER_SECONDS = 5;

    private final Supplier<List<Flow>> flows;
    private final Predicate<Flow> shouldRun;

    /**
     * @param flows     the flows to report, asked at every call
     * @param shouldRun which flows are meant to be ACTIVE ({@code sluice run}: every flow it started)
     */
    public GatewayHealth(Supplier<List<Flow>> flows, Predicate<Flow> shouldRun) {
        this.flows = flows;
        this.shouldRun = shouldRun;
    }

    @Override
    public List<FlowHealth> flows() {
        List<FlowHealth> out = new ArrayList<>();
        for (Flow flow : flows.get()) {
            boolean run = shouldRun.test(flow);
            try {
                FlowSnapshot snapshot = flow.snapshot().get(ANSWER_SECONDS, TimeUnit.SECONDS);
                out.add(FlowHealth.of(snapshot, run));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                out.add(new FlowHealth(flow.name(), flow.status() == FlowStatus.ACTIVE ? "UNRESPONSIVE" : flow.status().name(),
                        run, List.of(), List.of()));
            }
        }
        return out;
    }
}
