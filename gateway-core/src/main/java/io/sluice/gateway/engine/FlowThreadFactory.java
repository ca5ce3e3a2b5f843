package io.sluice.gateway.engine;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the flows' event-loop threads ({@code sluice-flow-N}, Netty's {@code FastThreadLocalThread}s, which its
 * buffer recycling needs): each first asks the kernel for a short scheduler slice ({@link SchedulerSlice}), so a
 * loop woken by a packet runs at once on a busy host. When the kernel refuses, the loop runs with the default
 * slice and the reason is logged once.
 */
final class FlowThreadFactory extends DefaultThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(FlowThreadFactory.class);
    private final long sliceMicros;
    private final AtomicBoolean told = new AtomicBoolean();

    FlowThreadFactory(long sliceMicros) {
        super("sluice-flow");
        this.sliceMicros = sliceMicros;
    }

    @Override
    protected Thread newThread(Runnable loop, String name) {
        return super.newThread(() -> {
            String refused = SchedulerSlice.requestForCurrentThread(sliceMicros);
            if (refused != null && told.compareAndSet(false, true)) {
                LOG.info("flow loops keep the kernel's default scheduler slice ({})", refused);
            }
            loop.run();
        }, name);
    }
}
