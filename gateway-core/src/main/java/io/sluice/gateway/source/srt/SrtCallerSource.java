package io.sluice.gateway.source.srt;

import io.netty.buffer.ByteBufAllocator;
import io.sluice.gateway.flow.Source;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source {@code srt-caller}: calls SourceListenerAddress:SourceListenerPort and pulls the stream, reconnecting with
 * back-off (0.5 s doubling to 8 s) whenever the connection fails or breaks. A refused passphrase is reported in
 * {@link #linkStats()} and logged once, without the secret. RTP numbering continues across reconnections.
 */
public final class SrtCallerSource extends SrtSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(SrtCallerSource.class);

    public SrtCallerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        this(endpoint, poller, clock, ByteBufAllocator.DEFAULT);
    }

    /** @param allocator where received packets are allocated (direct buffers with a memory address) */
    public SrtCallerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock, ByteBufAllocator allocator) {
        super(poller, clock, allocator, owner -> SrtLink.calling(SrtLink.Side.SOURCE, endpoint, poller, LOG,
                NO_CONNECTIONS, owner));
    }
}
