package io.sluice.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowStatus;
import java.util.concurrent.TimeUnit;

/** Starting a flow in a test: within 10 seconds, and ACTIVE afterwards (else the flow's error reason is the message). */
public final class FlowStarts {
    private FlowStarts() {}

    /** Starts {@code flow}, asserts the start finished within 10 s and the flow is ACTIVE; returns it. */
    public static Flow startActive(Flow flow) throws InterruptedException {
        assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(flow.status()).as(flow.errorReason()).isEqualTo(FlowStatus.ACTIVE);
        return flow;
    }
}
