package io.sluice.bench.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls the load tool's receiver and sender make through FFM: UDP sockets with kernel receive timestamps
 * ({@code SO_TIMESTAMPNS}), {@code epoll}, {@code recvmmsg} and {@code clock_gettime(CLOCK_REALTIME)}. The kernel
 * stamps a datagram with {@code CLOCK_REALTIME} when it reaches the socket's queue, so the sender stamps that clock
 * too: the difference is the time from the sender's call to the datagram's arrival at the output port, without the
 * time the receiving thread took to be scheduled and read it (which is not the gateway's doing).
 *
 * <p>64-bit Linux only (x86-64 and aarch64 share these layouts, except {@code struct epoll_event}, which x86-64
 * packs into 12 bytes). Every call returns -1 on failure with errno captured into a caller-owned segment, so calls
 * on the per-packet path do not allocate.
 */
final class LinuxSockets {
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_TIMESTAMPNS = 35;
    /** The control message type that carries {@code SO_TIMESTAMPNS}'s {@code struct timespec}. */
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int MSG_DONTWAIT = 0x40;
    static final int EPOLLIN = 0x1;
    static final int EPOLL_CTL_ADD = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int CLOCK_REALTIME = 0;

    static final long SOCKADDR_IN_BYTES = 16;
    static final long IOVEC_BYTES = 16;
    static final long MMSGHDR_BYTES = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    static final long MSG_FLAGS = 48;
    static final long MMSG_LEN = 56;
    /** {@code struct cmsghdr}: {@code size_t len; int level; int type;} then the data. */
    static final long CMSG_HEADER_BYTES = 16;
    /** {@code struct epoll_event} is packed on x86-64: {@code u32 events; u64 data} in 12 bytes. */
    static final long EPOLL_EVENT_BYTES;
    static final long EPOLL_EVENT_DATA;

    private static final String REASON;
    private static final MethodHandle SOCKET;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle BIND;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle CLOSE;
    private static final MethodHandle EPOLL_CREATE1;
    private static final MethodHandle EPOLL_CTL;
    private static final MethodHandle EPOLL_WAIT;
    private static final MethodHandle RECVMMSG;
    private static final MethodHandle CLOCK_GETTIME;
    private static final VarHandle ERRNO;
    private static final long ERRNO_STATE_BYTES;

    static {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        EPOLL_EVENT_BYTES = x86 ? 12 : 16;
        EPOLL_EVENT_DATA = x86 ? 4 : 8;
        String reason = null;
        MethodHandle[] handles = new MethodHandle[10];
        VarHandle errno = null;
        long stateBytes = 0;
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            reason = "the load tool needs Linux";
        } else if (!(x86 || arch.equals("aarch64")) || ADDRESS.byteSize() != 8) {
            reason = "the load tool needs 64-bit x86 or ARM Linux (found " + arch + ")";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option capture = Linker.Option.captureCallState("errno");
                handles[0] = linker.downcallHandle(libc.findOrThrow("socket"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), capture);
                handles[1] = linker.downcallHandle(libc.findOrThrow("setsockopt"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), capture);
                handles[2] = linker.downcallHandle(libc.findOrThrow("bind"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), capture);
                handles[3] = linker.downcallHandle(libc.findOrThrow("getsockname"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), capture);
                handles[4] = linker.downcallHandle(libc.findOrThrow("close"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT), capture);
                handles[5] = linker.downcallHandle(libc.findOrThrow("epoll_create1"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT), capture);
                handles[6] = linker.downcallHandle(libc.findOrThrow("epoll_ctl"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), capture);
                handles[7] = linker.downcallHandle(libc.findOrThrow("epoll_wait"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), capture);
                handles[8] = linker.downcallHandle(libc.findOrThrow("recvmmsg"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), capture);
                handles[9] = linker.downcallHandle(libc.findOrThrow("clock_gettime"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
                MemoryLayout state = Linker.Option.captureStateLayout();
                errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                stateBytes = state.byteSize();
            } catch (RuntimeException | LinkageError e) {
                reason = "native calls unavailable (run with --enable-native-access=ALL-UNNAMED): " + e;
            }
        }
        REASON = reason;
        SOCKET = handles[0];
        SETSOCKOPT = handles[1];
        BIND = handles[2];
        GETSOCKNAME = handles[3];
        CLOSE = handles[4];
        EPOLL_CREATE1 = handles[5];
        EPOLL_CTL = handles[6];
        EPOLL_WAIT = handles[7];
        RECVMMSG = handles[8];
        CLOCK_GETTIME = handles[9];
        ERRNO = errno;
        ERRNO_STATE_BYTES = stateBytes;
    }

    private LinuxSockets() {
    }

    /** Throws with the reason when these calls cannot be made here. */
    static void requireAvailable() {
        if (REASON != null) {
            throw new IllegalStateException(REASON);
        }
    }

    /** A segment for the errno of calls made by one thread. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(ERRNO_STATE_BYTES, 8);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * A non-blocking IPv4 UDP socket bound to {@code address}:0 with a receive buffer of {@code receiveBufferBytes}
     * (forced past {@code rmem_max} when running as root) and kernel receive timestamps on; returns its fd.
     */
    static int timestampingUdpSocket(byte[] address, int receiveBufferBytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int fd = (int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            check(fd, state, "socket");
            try {
                MemorySegment value = arena.allocate(JAVA_INT);
                value.set(JAVA_INT, 0, receiveBufferBytes);
                int forced = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVBUFFORCE, value, 4);
                if (forced != 0) {
                    check((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVBUF, value, 4), state, "SO_RCVBUF");
                }
                value.set(JAVA_INT, 0, 1);
                check((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_TIMESTAMPNS, value, 4), state,
                        "SO_TIMESTAMPNS");
                MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_BYTES, 4);
                sockaddr.set(JAVA_SHORT, 0, (short) AF_INET);
                MemorySegment.copy(address, 0, sockaddr, JAVA_BYTE, 4, 4);
                check((int) BIND.invokeExact(state, fd, sockaddr, (int) SOCKADDR_IN_BYTES), state, "bind");
                return fd;
            } catch (RuntimeException e) {
                close(fd);
                throw e;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("socket setup downcall failed", e);
        }
    }

    /** The local port of a bound socket. */
    static int localPort(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_BYTES, 4);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) SOCKADDR_IN_BYTES);
            check((int) GETSOCKNAME.invokeExact(state, fd, sockaddr, length), state, "getsockname");
            return ((sockaddr.get(JAVA_BYTE, 2) & 0xFF) << 8)
                    | (sockaddr.get(JAVA_BYTE, 3) & 0xFF);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("getsockname downcall failed", e);
        }
    }

    /** An epoll instance watching {@code fds} for input; each event's data is the fd's index in {@code fds}. */
    static int epollFor(int[] fds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int epoll = (int) EPOLL_CREATE1.invokeExact(state, 0x80000 /* EPOLL_CLOEXEC */);
            check(epoll, state, "epoll_create1");
            MemorySegment event = arena.allocate(16, 8);
            for (int i = 0; i < fds.length; i++) {
                event.set(JAVA_INT_UNALIGNED, 0, EPOLLIN);
                event.set(JAVA_LONG_UNALIGNED, EPOLL_EVENT_DATA, i);
                int added = (int) EPOLL_CTL.invokeExact(state, epoll, EPOLL_CTL_ADD, fds[i], event);
                if (added != 0) {
                    int error = errno(state);
                    close(epoll);
                    throw new IllegalStateException("epoll_ctl failed: errno " + error);
                }
            }
            return epoll;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("epoll downcall failed", e);
        }
    }

    /** {@code epoll_wait}: ready events written to {@code events}, or -1 with errno in {@code state}. */
    static int epollWait(MemorySegment state, int epoll, MemorySegment events, int maxEvents, int timeoutMs) {
        try {
            return (int) EPOLL_WAIT.invokeExact(state, epoll, events, maxEvents, timeoutMs);
        } catch (Throwable e) {
            throw new IllegalStateException("epoll_wait downcall failed", e);
        }
    }

    /** {@code recvmmsg(fd, msgs, count, MSG_DONTWAIT, NULL)}: datagrams read, or -1 with errno in {@code state}. */
    static int recvmmsg(MemorySegment state, int fd, MemorySegment msgs, int count) {
        try {
            return (int) RECVMMSG.invokeExact(state, fd, msgs, count, MSG_DONTWAIT, MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException("recvmmsg downcall failed", e);
        }
    }

    /** {@code CLOCK_REALTIME} in nanoseconds since the epoch, read into a caller-owned 16-byte timespec. */
    static long realtimeNs(MemorySegment timespec) {
        try {
            int result = (int) CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, timespec);
            if (result != 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_REALTIME) failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("clock_gettime downcall failed", e);
        }
        return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int closed = (int) CLOSE.invokeExact(newErrnoState(arena), fd);
            assert closed == 0 || closed == -1;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("close downcall failed", e);
        }
    }

    private static void check(int result, MemorySegment state, String call) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed: errno " + errno(state));
        }
    }
}
