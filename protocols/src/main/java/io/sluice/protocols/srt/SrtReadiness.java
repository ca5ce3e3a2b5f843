package io.sluice.protocols.srt;

/**
 * Told by the {@link SrtPoller} that a socket it watches became ready. Runs on the poller thread: it must not block
 * and must not do the I/O itself; it schedules the owner's reusable drain task on the flow's event loop.
 */
@FunctionalInterface
public interface SrtReadiness {
    /** {@code flags} is a mask of {@code SrtErrors.EPOLL_IN / EPOLL_OUT / EPOLL_ERR}. */
    void onReady(int socket, int flags);
}
