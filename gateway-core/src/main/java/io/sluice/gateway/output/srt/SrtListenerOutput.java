package io.sluice.gateway.output.srt;

import io.sluice.gateway.source.srt.SrtEndpoint;
import io.sluice.gateway.source.srt.SrtLink;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output {@code srt-listener}: listens on Port; every caller that passes CidrAllowList (checked at handshake in the
 * listen callback) and, when set, the StreamId, receives the stream. Each connection has its own bounded queue
 * (libsrt's send buffer): a slow or stuck caller drops and counts its own packets and never slows the others or the
 * flow. At most {@value #MAX_CALLERS} callers at once; more are refused with reject code 1402. The link figures
 * sum over the callers (see {@link SrtLink}).
 */
public final class SrtListenerOutput extends SrtOutput {
    private static final Logger LOG = LoggerFactory.getLogger(SrtListenerOutput.class);
    static final int MAX_CALLERS = 32;

    public SrtListenerOutput(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        super(poller, clock, false, owner -> SrtLink.listening(SrtLink.Side.OUTPUT, endpoint, MAX_CALLERS, poller, LOG,
                NO_CONNECTIONS, owner));
    }

    /** Callers connected now (loop only). */
    public int callers() {
        return link().connections().length;
    }

    /** Handshakes refused (allow-list, stream id, passphrase, too many callers). */
    public long refused() {
        return link().refused();
    }

    /** The last refused caller and why ("" if none); names addresses and reasons, never a secret. */
    public String lastRefusal() {
        return link().lastRefusal();
    }
}
