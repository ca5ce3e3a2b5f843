package io.sluice.bench.load;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Receives the gateway's N outputs on N loopback ports with one thread: {@code epoll} over every socket and
 * {@code recvmmsg} batches of up to {@value #DATAGRAMS_PER_READ}, through FFM ({@link LinuxSockets}), so the receiver
 * costs one core at most, like the gateway's own loop.
 *
 * <p>Every datagram carries two latencies ({@link ReceiverStats}):
 * <ul>
 *   <li><b>arrival</b>: the kernel's receive timestamp ({@code SO_TIMESTAMPNS}, taken when the datagram reaches the
 *       output socket's queue) minus the sender's stamp. This is the latency the gateway adds (plus the sender's
 *       own system call), and what the report calls latency;</li>
 *   <li><b>read</b>: the time this thread read the datagram minus the sender's stamp, which also holds the
 *       receiver's own scheduling delay. On 2 cores shared by sender, gateway and a receiver reading ~95 k
 *       datagrams/s, that delay is of the same size as the gateway's, so it is reported apart, not mixed in.</li>
 * </ul>
 * Statistics are guarded by the {@link ReceiverStats} monitor: the receiving thread holds it for one batch at a
 * time, {@link #reset} and {@link #snapshot} take it from other threads.
 */
public final class FanOutReceiver implements AutoCloseable {
    private static final int DATAGRAMS_PER_READ = 32;
    private static final int MAX_EVENTS = 64;
    /** Room per datagram: loopback's 64 kB MTU never reaches here, the load packets are 1328 bytes. */
    private static final long SLOT_BYTES = 2048;
    /** Room for the timestamp control message: CMSG_SPACE(sizeof(struct timespec)) = 32, doubled for safety. */
    private static final long CONTROL_BYTES = 64;
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final int POLL_TIMEOUT_MS = 50;

    private final int[] fds;
    private final int[] ports;
    private final int epoll;
    private final ReceiverStats stats;
    private final Thread thread;
    private volatile boolean running = true;

    /** Binds {@code outputs} UDP sockets on free ports of {@code bindAddress} (IPv4) and starts reading them. */
    public FanOutReceiver(String bindAddress, int outputs) {
        LinuxSockets.requireAvailable();
        byte[] address = ipv4(bindAddress);
        stats = new ReceiverStats(outputs);
        fds = new int[outputs];
        ports = new int[outputs];
        int opened = 0;
        int epollFd = -1;
        try {
            for (; opened < outputs; opened++) {
                fds[opened] = LinuxSockets.timestampingUdpSocket(address, RECEIVE_BUFFER_BYTES);
                ports[opened] = LinuxSockets.localPort(fds[opened]);
            }
            epollFd = LinuxSockets.epollFor(fds);
        } catch (RuntimeException e) {
            for (int i = 0; i < opened; i++) {
                LinuxSockets.close(fds[i]);
            }
            throw e;
        }
        epoll = epollFd;
        thread = Thread.ofPlatform().name("sluice-load-receiver").daemon().start(this::receiveLoop);
    }

    private static byte[] ipv4(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!(address instanceof Inet4Address)) {
                throw new IllegalArgumentException("--host " + host + ": the load receiver binds IPv4 addresses only");
            }
            return address.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + ": unknown host", e);
        }
    }

    /** The local ports, in output order. */
    public int[] ports() {
        return ports.clone();
    }

    /** Forgets everything received so far and from now on counts only packets with a sequence ≥ {@code firstSequence}. */
    public void reset(long firstSequence) {
        synchronized (stats) {
            stats.reset(firstSequence);
        }
    }

    /** A consistent copy of the statistics. */
    public ReceiverStats.Snapshot snapshot() {
        synchronized (stats) {
            return stats.snapshot();
        }
    }

    private void receiveLoop() {
        try (Arena arena = Arena.ofConfined()) {
            Batch batch = new Batch(arena);
            MemorySegment events = arena.allocate(MAX_EVENTS * LinuxSockets.EPOLL_EVENT_BYTES, 8);
            while (running) {
                int ready = LinuxSockets.epollWait(batch.errno, epoll, events, MAX_EVENTS, POLL_TIMEOUT_MS);
                if (ready < 0) {
                    if (LinuxSockets.errno(batch.errno) != LinuxSockets.EINTR) {
                        synchronized (stats) {
                            stats.error(0);
                        }
                    }
                    continue;
                }
                for (int i = 0; i < ready; i++) {
                    long data = events.get(JAVA_LONG_UNALIGNED,
                            i * LinuxSockets.EPOLL_EVENT_BYTES + LinuxSockets.EPOLL_EVENT_DATA);
                    drain((int) data, batch);
                }
            }
        }
    }

    /** Reads output {@code port}'s socket until it is empty. */
    private void drain(int port, Batch batch) {
        while (true) {
            batch.prepare();
            int got = LinuxSockets.recvmmsg(batch.errno, fds[port], batch.messages, DATAGRAMS_PER_READ);
            if (got < 0) {
                int errno = LinuxSockets.errno(batch.errno);
                if (errno == LinuxSockets.EINTR) {
                    continue;
                }
                if (errno != LinuxSockets.EAGAIN) {
                    synchronized (stats) {
                        stats.error(port);
                    }
                }
                return;
            }
            long readNs = LinuxSockets.realtimeNs(batch.timespec);
            synchronized (stats) {
                for (int k = 0; k < got; k++) {
                    record(port, batch, k, readNs);
                }
            }
            if (got < DATAGRAMS_PER_READ) {
                return;
            }
        }
    }

    private void record(int port, Batch batch, int k, long readNs) {
        long message = k * LinuxSockets.MMSGHDR_BYTES;
        int length = batch.messages.get(JAVA_INT, message + LinuxSockets.MMSG_LEN);
        long fields = LoadPacket.fieldsOffset(batch.datagrams, k * SLOT_BYTES, length);
        if (fields < 0) {
            stats.foreign(port);
            return;
        }
        long sendNs = LoadPacket.sendNs(batch.datagrams, fields);
        long arrivalNs = kernelTimestamp(batch, k, readNs);
        stats.record(port, LoadPacket.sequence(batch.datagrams, fields), arrivalNs - sendNs, readNs - sendNs);
    }

    /** The SCM_TIMESTAMPNS of datagram {@code k}, or {@code fallbackNs} when the kernel attached none. */
    private static long kernelTimestamp(Batch batch, int k, long fallbackNs) {
        long controlLength = batch.messages.get(JAVA_LONG, k * LinuxSockets.MMSGHDR_BYTES + LinuxSockets.MSG_CONTROLLEN);
        long base = k * CONTROL_BYTES;
        long offset = 0;
        while (offset + LinuxSockets.CMSG_HEADER_BYTES + 16 <= controlLength) {
            long cmsgLength = batch.controls.get(JAVA_LONG, base + offset);
            int level = batch.controls.get(JAVA_INT, base + offset + 8);
            int type = batch.controls.get(JAVA_INT, base + offset + 12);
            if (level == LinuxSockets.SOL_SOCKET && type == LinuxSockets.SCM_TIMESTAMPNS) {
                long seconds = batch.controls.get(JAVA_LONG, base + offset + 16);
                long nanos = batch.controls.get(JAVA_LONG, base + offset + 24);
                return seconds * 1_000_000_000L + nanos;
            }
            if (cmsgLength < LinuxSockets.CMSG_HEADER_BYTES) {
                break;
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        return fallbackNs;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            return; // still inside a call on these fds: leave them open rather than close them under it
        }
        LinuxSockets.close(epoll);
        for (int fd : fds) {
            LinuxSockets.close(fd);
        }
    }

    /**
     * The receiving thread's native memory: {@value #DATAGRAMS_PER_READ} datagram slots, each with its iovec,
     * control buffer and mmsghdr, set up once; only the lengths the kernel overwrites are reset per call.
     */
    private static final class Batch {
        final MemorySegment errno;
        final MemorySegment timespec;
        final MemorySegment datagrams;
        final MemorySegment controls;
        final MemorySegment messages;

        Batch(Arena arena) {
            errno = LinuxSockets.newErrnoState(arena);
            timespec = arena.allocate(16, 8);
            datagrams = arena.allocate(DATAGRAMS_PER_READ * SLOT_BYTES, 8);
            controls = arena.allocate(DATAGRAMS_PER_READ * CONTROL_BYTES, 8);
            messages = arena.allocate(DATAGRAMS_PER_READ * LinuxSockets.MMSGHDR_BYTES, 8);
            MemorySegment iovecs = arena.allocate(DATAGRAMS_PER_READ * LinuxSockets.IOVEC_BYTES, 8);
            for (int k = 0; k < DATAGRAMS_PER_READ; k++) {
                long iovec = k * LinuxSockets.IOVEC_BYTES;
                iovecs.set(ADDRESS, iovec, datagrams.asSlice(k * SLOT_BYTES, SLOT_BYTES));
                iovecs.set(JAVA_LONG, iovec + 8, SLOT_BYTES);
                long message = k * LinuxSockets.MMSGHDR_BYTES;
                messages.set(ADDRESS, message + LinuxSockets.MSG_NAME, MemorySegment.NULL);
                messages.set(JAVA_INT, message + LinuxSockets.MSG_NAMELEN, 0);
                messages.set(ADDRESS, message + LinuxSockets.MSG_IOV, iovecs.asSlice(iovec, LinuxSockets.IOVEC_BYTES));
                messages.set(JAVA_LONG, message + LinuxSockets.MSG_IOVLEN, 1);
                messages.set(ADDRESS, message + LinuxSockets.MSG_CONTROL, controls.asSlice(k * CONTROL_BYTES, CONTROL_BYTES));
            }
        }

        /** Resets what recvmmsg overwrites: each control length and flags. */
        void prepare() {
            for (int k = 0; k < DATAGRAMS_PER_READ; k++) {
                long message = k * LinuxSockets.MMSGHDR_BYTES;
                messages.set(JAVA_LONG, message + LinuxSockets.MSG_CONTROLLEN, CONTROL_BYTES);
                messages.set(JAVA_INT, message + LinuxSockets.MSG_FLAGS, 0);
            }
        }
    }
}
