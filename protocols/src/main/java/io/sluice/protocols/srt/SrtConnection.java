package io.sluice.protocols.srt;

/**
 * One connected SRT socket owned by a flow, whichever way the data goes ({@link SrtInbound} drains it,
 * {@link SrtOutbound} sends to it). What an endpoint needs to keep, count and close its connections without
 * caring about the direction.
 */
public interface SrtConnection {

    /** The libsrt socket id, for {@code srt_bstats} and for matching readiness and broken reports. */
    int socket();

    /** Messages this side dropped because its own bounded queue (libsrt's send buffer) was full; loop only. */
    default long dropped() {
        return 0;
    }

    /** Stops watching and closes the socket (on the poller's control thread). Idempotent; loop only. */
    void close();
}
