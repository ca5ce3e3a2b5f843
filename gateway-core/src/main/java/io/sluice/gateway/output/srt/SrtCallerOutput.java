package io.sluice.gateway.output.srt;

import io.sluice.gateway.source.srt.SrtEndpoint;
import io.sluice.gateway.source.srt.SrtLink;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output {@code srt-caller}: calls Destination:Port and sends it the stream, reconnecting with back-off (0.5 s
 * doubling to 8 s). While not connected, and when libsrt's send buffer (the bounded per-connection queue) is full,
 * packets are dropped and counted: the flow never waits for this output.
 */
public final class SrtCallerOutput extends SrtOutput {
    private static final Logger LOG = LoggerFactory.getLogger(SrtCallerOutput.class);

    public SrtCallerOutput(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        super(poller, clock, true, owner -> SrtLink.calling(SrtLink.Side.OUTPUT, endpoint, poller, LOG,
                NO_CONNECTIONS, owner));
    }

    /** True while connected (loop only). */
    public boolean isConnected() {
        return link().connections().length > 0;
    }
}
