package io.sluice.gateway.source.srt;

import io.netty.buffer.ByteBufAllocator;
import io.sluice.gateway.flow.Source;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source {@code srt-listener}: listens on IngestPort for one SRT caller at a time. WhitelistCidr is checked in
 * libsrt's listen callback, so a denied caller is refused at handshake (counted in droppedByAllowList). While a
 * caller is connected another is refused (reject code 1402, overload); once it is gone (peer idle timeout, 5 s by
 * default) a new caller replaces it and the RTP sequence numbering continues. Each SRT message (n x 188 bytes)
 * becomes one RTP packet for the flow, in a pooled buffer libsrt wrote directly.
 */
public final class SrtListenerSource extends SrtSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(SrtListenerSource.class);

    public SrtListenerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock) {
        this(endpoint, poller, clock, ByteBufAllocator.DEFAULT);
    }

    /** @param allocator where received packets are allocated (direct buffers with a memory address) */
    public SrtListenerSource(SrtEndpoint endpoint, SrtPoller poller, NanoClock clock, ByteBufAllocator allocator) {
        super(poller, clock, allocator, owner -> SrtLink.listening(SrtLink.Side.SOURCE, endpoint, 1, poller, LOG,
                NO_CONNECTIONS, owner));
    }
}
