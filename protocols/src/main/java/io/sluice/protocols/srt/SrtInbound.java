package io.sluice.protocols.srt;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.time.NanoClock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drains one connected SRT socket on its flow's event loop: the {@link SrtPoller} thread reports readiness, this
 * object (its own reusable task) runs on the loop and reads with non-blocking {@code srt_recvmsg2} until
 * {@code SRT_EASYNCRCV}, handing each message as an RTP packet to the {@link SrtPacketHandler}. At most
 * {@value #MAX_BATCH} messages per run, then it re-queues itself so other flows on the loop get their turn.
 */
public final class SrtInbound implements SrtConnection, SrtReadiness, Runnable {
    static final int MAX_BATCH = 64;

    private final int socket;
    private final SrtPoller poller;
    private final EventExecutor loop;
    private final NanoClock clock;
    private final SrtMessageReader reader;
    private final SrtPacketHandler handler;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private boolean closed;
    private long messages;

    public SrtInbound(int socket, SrtPoller poller, EventExecutor loop, NanoClock clock, ByteBufAllocator allocator,
                      long ssrc, int firstSequence, SrtPacketHandler handler) {
        this.socket = socket;
        this.poller = poller;
        this.loop = loop;
        this.clock = clock;
        this.reader = new SrtMessageReader(allocator, ssrc, firstSequence);
        this.handler = handler;
    }

    /** Starts watching the socket; the first drain runs at once in case data arrived before registration. */
    public SrtInbound start() {
        poller.register(socket, SrtErrors.EPOLL_IN | SrtErrors.EPOLL_ERR, this);
        onReady(socket, SrtErrors.EPOLL_IN);
        return this;
    }

    @Override
    public int socket() {
        return socket;
    }

    /** Messages delivered so far (loop only). */
    public long messages() {
        return messages;
    }

    /** Messages dropped because they were not MPEG-TS (loop only). */
    public long malformed() {
        return reader.malformed();
    }

    /** The next RTP sequence number, so a replacement connection can continue the numbering. */
    public int nextSequence() {
        return reader.nextSequence();
    }

    @Override
    public void onReady(int readySocket, int flags) {
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        if (closed) {
            return;
        }
        int delivered = 0;
        while (delivered < MAX_BATCH) {
            long nowNs = clock.nanoTime();
            int result = reader.read(socket, nowNs);
            if (result > 0) {
                delivered++;
                messages++;
                handler.onPacket(reader.takePacket(), nowNs);
            } else if (result == SrtMessageReader.AGAIN) {
                break;
            } else if (result == SrtMessageReader.BROKEN) {
                if (delivered > 0) {
                    handler.onBatchComplete();
                }
                int error = reader.lastError();
                String reason = "[" + error + "] " + (error == SrtErrors.ECONNLOST ? "connection lost" : Srt.lastErrorText());
                close();
                handler.onBroken(socket, reason);
                return;
            }
        }
        if (delivered > 0) {
            handler.onBatchComplete();
        }
        if (delivered == MAX_BATCH) {
            onReady(socket, SrtErrors.EPOLL_IN);
        }
    }

    /** Stops reading, releases buffers and closes the socket (on the poller's control thread). Loop only. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.close();
            poller.closeLater(socket);
        }
    }
}
