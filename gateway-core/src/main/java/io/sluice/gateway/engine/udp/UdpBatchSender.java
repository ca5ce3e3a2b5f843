package io.sluice.gateway.engine.udp;

import io.sluice.gateway.flow.OutputCounters;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One output's native send path: sends a whole {@link DatagramTable} on the output's connected, non-blocking UDP
 * socket, with one {@code sendmsg} per GSO run (UDP_SEGMENT: the kernel builds the datagrams, about a quarter of the
 * CPU of one send per datagram, docs/performance.md) or, where GSO is refused, one {@code sendmmsg} for the batch.
 * Nothing is queued in user space, so one output never holds memory or time for the others:
 * <ul>
 *   <li>socket buffer full ({@code EAGAIN}, {@code ENOBUFS}): the rest of the run is dropped and counted;</li>
 *   <li>any other failure ({@code ECONNREFUSED} after an ICMP port unreachable, no route, ...): counted in
 *       {@code sendErrors}; the kernel clears a pending socket error when it reports it, so the run is tried
 *       once more;</li>
 *   <li>GSO refused ({@code EIO} without checksum offload, {@code EINVAL}/{@code EMSGSIZE} when a segment does not
 *       fit the path MTU, {@code ENOPROTOOPT} on an old kernel): this output falls back to sendmmsg for good.</li>
 * </ul>
 * Each send is first tried without capturing {@code errno} (allocation-free whatever the JIT does, see
 * {@link UdpSyscalls}); only a failed one is repeated with {@code errno} captured, to learn why. A failure whose
 * repeat succeeds was a pending socket error (ICMP port unreachable: reported once, then cleared) and is counted in
 * {@code sendErrors}; a momentarily full buffer that drained in between is counted the same way, rarely.
 * Single-threaded (the flow's loop); allocation-free while sends succeed.
 */
public final class UdpBatchSender {
    private final int fd;
    private final MemorySegment errnoState;
    private final OutputCounters counters;
    private boolean gso;

    /**
     * @param fd  a connected, non-blocking UDP socket that stays open while this sender is used
     * @param gso try UDP GSO first ({@code -Dsluice.udp.gso=false} turns it off everywhere)
     */
    public UdpBatchSender(int fd, boolean gso, OutputCounters counters) {
        if (!UdpSyscalls.available()) {
            throw new IllegalStateException("native UDP send path unavailable: " + UdpSyscalls.unavailableReason());
        }
        this.fd = fd;
        this.gso = gso && Boolean.parseBoolean(System.getProperty("sluice.udp.gso", "true"));
        this.counters = counters;
        this.errnoState = Arena.ofAuto().allocate(UdpSyscalls.errnoStateBytes(), 8);
    }

    /** True while UDP GSO is in use (false once the kernel refused it on this socket). */
    public boolean gso() {
        return gso;
    }

    /** Sends every datagram of {@code view} ({@link DatagramTable#WHOLE} or {@link DatagramTable#PAYLOAD}). */
    public void send(DatagramTable table, int view, long nowNs) {
        table.seal();
        if (!gso) {
            sendEach(table, view, 0, table.size(), nowNs);
            return;
        }
        for (int run = 0, runs = table.runs(view); run < runs; run++) {
            sendRun(table, view, run, nowNs);
        }
    }

    private void sendRun(DatagramTable table, int view, int run, long nowNs) {
        int count = table.runCount(view, run);
        if (UdpSyscalls.sendmsg(fd, table.runHeader(view, run)) >= 0) {
            counters.onSent(count, table.runBytes(view, run), nowNs);
            return;
        }
        for (int attempt = 0; ; attempt++) {                     // failed: again, now learning why
            long sent = UdpSyscalls.sendmsg(errnoState, fd, table.runHeader(view, run));
            if (sent >= 0) {
                if (attempt == 0) {
                    counters.sendErrors++;                       // the first try met a pending socket error
                }
                counters.onSent(count, table.runBytes(view, run), nowNs);
                return;
            }
            int errno = UdpSyscalls.errno(errnoState);
            switch (errno) {
                case UdpSyscalls.EINTR -> { }
                case UdpSyscalls.EAGAIN, UdpSyscalls.ENOBUFS -> {
                    counters.dropped += count;
                    return;
                }
                case UdpSyscalls.EIO, UdpSyscalls.EINVAL, UdpSyscalls.EMSGSIZE, UdpSyscalls.ENOPROTOOPT,
                     UdpSyscalls.EOPNOTSUPP -> {
                    if (count == 1) {                            // not a GSO send: a real error
                        counters.sendErrors++;
                        return;
                    }
                    gso = false;
                    int first = table.runStart(view, run);
                    sendEach(table, view, first, first + count, nowNs);
                    return;
                }
                default -> {
                    counters.sendErrors++;
                    if (attempt > 0) {
                        return;
                    }
                }
            }
        }
    }

    /** sendmmsg of datagrams {@code from} (inclusive) to {@code to}, resuming after partial sends. */
    private void sendEach(DatagramTable table, int view, int from, int to, long nowNs) {
        int next = from;
        boolean failed = false;                                  // the last try failed: capture errno in the next
        while (next < to) {
            int sent = failed ? UdpSyscalls.sendmmsg(errnoState, fd, table.messagesFrom(view, next), to - next)
                    : UdpSyscalls.sendmmsg(fd, table.messagesFrom(view, next), to - next);
            if (sent > 0 && failed) {
                counters.sendErrors++;                           // the plain try met a pending socket error
            }
            if (sent > 0) {
                failed = false;
                long bytes = 0;
                for (int i = next; i < next + sent; i++) {
                    bytes += table.length(view, i);
                }
                counters.onSent(sent, bytes, nowNs);
                next += sent;
                continue;
            }
            if (!failed) {
                failed = true;                                   // errno unknown: try again, capturing it
                continue;
            }
            failed = false;
            int errno = UdpSyscalls.errno(errnoState);
            if (errno == UdpSyscalls.EINTR) {
                continue;
            }
            if (errno == UdpSyscalls.EAGAIN || errno == UdpSyscalls.ENOBUFS) {
                counters.dropped += to - next;
                return;
            }
            counters.sendErrors++;                               // that datagram failed; go on with the next
            next++;
        }
    }
}
