package io.sluice.protocols.srt.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The libsrt 1.5 C API as typed static methods (downcalls through {@code java.lang.foreign}; no C code, no jextract).
 * Call {@link SrtLibrary#start()} first: it loads the library with a clear error when it is missing.
 *
 * <p>Return values follow the C API (-1 = {@code SRT_ERROR}); read {@link #lastError()} on the same platform thread
 * right after a failing call, because libsrt keeps the last error per OS thread. The {@code *OrThrow} helpers do that
 * and throw {@link SrtException}.
 *
 * <p>Hot path: {@link #recvmsg(int, long, int)} and {@link #sendmsg(int, long, int)} take raw addresses as
 * {@code long}. On the 64-bit SysV ABIs (x86-64, aarch64) a pointer argument travels in the same integer register
 * as an {@code int64_t}, so declaring it {@code JAVA_LONG} is exact, and it saves building a {@link MemorySegment}
 * per packet for a pooled ByteBuf's {@code memoryAddress()}: 0 B/op in {@code SrtBindingBenchmark}.
 * Blocking calls (accept, connect, recv on a blocking socket) must never run on a Netty event loop.
 */
public final class Srt {
    private Srt() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = SrtLibrary.lookup();
    /** Short calls that never block nor call back: no thread-state transition (toolchain.md Q3: 3.9 → 2.8 ns). */
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private static final MethodHandle STARTUP = handle("srt_startup", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle CLEANUP = handle("srt_cleanup", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETVERSION = handle("srt_getversion", FunctionDescriptor.of(JAVA_INT), CRITICAL);
    private static final MethodHandle CREATE_SOCKET = handle("srt_create_socket", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle BIND = handle("srt_bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = handle("srt_listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT = handle("srt_accept", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle LISTEN_CALLBACK =
            handle("srt_listen_callback", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONNECT = handle("srt_connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = handle("srt_close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKFLAG =
            handle("srt_setsockflag", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKFLAG =
            handle("srt_getsockflag", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKFLAG_RAW =
            handle("srt_getsockflag", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle RECVMSG2 =
            handle("srt_recvmsg2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));
    private static final MethodHandle SENDMSG2 =
            handle("srt_sendmsg2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));
    private static final MethodHandle EPOLL_CREATE = handle("srt_epoll_create", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle EPOLL_ADD =
            handle("srt_epoll_add_usock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_UPDATE =
            handle("srt_epoll_update_usock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_REMOVE =
            handle("srt_epoll_remove_usock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_UWAIT =
            handle("srt_epoll_uwait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));
    private static final MethodHandle EPOLL_SET = handle("srt_epoll_set", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_RELEASE = handle("srt_epoll_release", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle BSTATS = handle("srt_bstats", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETLASTERROR =
            handle("srt_getlasterror", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
    private static final MethodHandle GETLASTERROR_STR =
            handle("srt_getlasterror_str", FunctionDescriptor.of(ADDRESS), CRITICAL);
    private static final MethodHandle CLEARLASTERROR = handle("srt_clearlasterror", FunctionDescriptor.ofVoid(), CRITICAL);
    private static final MethodHandle GETSOCKSTATE = handle("srt_getsockstate", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETREJECTREASON =
            handle("srt_getrejectreason", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETREJECTREASON =
            handle("srt_setrejectreason", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle REJECTREASON_STR =
            handle("srt_rejectreason_str", FunctionDescriptor.of(ADDRESS, JAVA_INT), CRITICAL);
    private static final MethodHandle GETPEERNAME =
            handle("srt_getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME =
            handle("srt_getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETLOGLEVEL = handle("srt_setloglevel", FunctionDescriptor.ofVoid(JAVA_INT));
    private static final MethodHandle SETLOGHANDLER =
            handle("srt_setloghandler", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private static final MethodHandle SETLOGFLAGS = handle("srt_setlogflags", FunctionDescriptor.ofVoid(JAVA_INT));

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIB.find(name).orElseThrow(() -> new SrtUnavailableException(
                "libsrt has no symbol " + name + ": expected libsrt 1.5 (Debian package " + SrtLibrary.DEBIAN_PACKAGE + ")",
                null));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // ---- library ----

    static int startup() {
        try { return (int) STARTUP.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Sends libsrt's log lines to SLF4J (see {@link SrtLog}). */
    static void installLogHandler() {
        try { SrtLog.install(SETLOGHANDLER, SETLOGFLAGS); } catch (Throwable t) { throw rethrow(t); }
    }

    static void cleanup() {
        try { int ignored = (int) CLEANUP.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    /** {@code srt_getversion}: 0x010501 for 1.5.1. */
    public static int version() {
        try { return (int) GETVERSION.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Syslog level for libsrt's own stderr lines: 3 = errors only, 4 = warnings, 6 = info. */
    public static void setLogLevel(int level) {
        try { SETLOGLEVEL.invokeExact(level); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- errors ----

    /** The calling thread's last libsrt error code (0 = none). */
    public static int lastError() {
        try { return (int) GETLASTERROR.invokeExact(MemorySegment.NULL); } catch (Throwable t) { throw rethrow(t); }
    }

    /** The calling thread's last libsrt error as libsrt's text, e.g. "Connection setup failure: connection timed out". */
    public static String lastErrorText() {
        try {
            MemorySegment text = (MemorySegment) GETLASTERROR_STR.invokeExact();
            return cString(text, 1024);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void clearLastError() {
        try { CLEARLASTERROR.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Why the handshake on {@code socket} was refused ({@link SrtErrors#REJ_BADSECRET} ...). */
    public static int rejectReason(int socket) {
        try { return (int) GETREJECTREASON.invokeExact(socket); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Sets the code a refused caller sees; call from the listen callback before returning -1. */
    public static int setRejectReason(int socket, int reason) {
        try { return (int) SETREJECTREASON.invokeExact(socket, reason); } catch (Throwable t) { throw rethrow(t); }
    }

    /** libsrt's text for a reject reason, e.g. 10 → "Incorrect passphrase". */
    public static String rejectReasonText(int reason) {
        try {
            return cString((MemorySegment) REJECTREASON_STR.invokeExact(reason), 256);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** An exception for the failed call {@code what}, read from this thread's last error; {@code socket} may be -1. */
    public static SrtException failure(String what, int socket) {
        int code = lastError();
        String text = lastErrorText();
        int reject = -1;
        if (code == SrtErrors.ECONNREJ && socket >= 0) {
            reject = rejectReason(socket);
            text = text + " (reject reason " + reject + ": " + rejectReasonText(reject) + ")";
        }
        return new SrtException(what + " failed: [" + code + "] " + text, code, reject);
    }

    static String cString(MemorySegment pointer, int maxBytes) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        // A returned char* is a zero-length segment; reinterpret is restricted (native access needed).
        return pointer.reinterpret(maxBytes).getString(0, StandardCharsets.UTF_8);
    }

    // ---- sockets ----

    /** {@code srt_create_socket}, or throws. */
    public static int createSocket() {
        try {
            int socket = (int) CREATE_SOCKET.invokeExact();
            if (socket < 0) {
                throw failure("srt_create_socket", -1);
            }
            return socket;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(int socket) {
        try { return (int) CLOSE.invokeExact(socket); } catch (Throwable t) { throw rethrow(t); }
    }

    /** {@code srt_getsockstate}: {@link SrtErrors#STATE_CONNECTED} ... */
    public static int state(int socket) {
        try { return (int) GETSOCKSTATE.invokeExact(socket); } catch (Throwable t) { throw rethrow(t); }
    }

    public static void bind(int socket, InetSocketAddress local) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(SockAddr.STORAGE_BYTES);
            int length = SockAddr.write(local, name);
            if ((int) BIND.invokeExact(socket, name, length) < 0) {
                throw failure("srt_bind to " + local, socket);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void listen(int socket, int backlog) {
        try {
            if ((int) LISTEN.invokeExact(socket, backlog) < 0) {
                throw failure("srt_listen", socket);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code srt_accept}: the new socket, or -1 (read {@link #lastError()}: {@link SrtErrors#EASYNCRCV} when a
     * non-blocking listener has nothing pending). Blocks on a blocking listener.
     */
    public static int accept(int listener) {
        try { return (int) ACCEPT.invokeExact(listener, MemorySegment.NULL, MemorySegment.NULL); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /**
     * {@code srt_connect}: blocks on a blocking socket until connected or refused; returns at once on a non-blocking
     * one (then wait for epoll OUT/ERR). Returns -1 on failure; see {@link #failure(String, int)}.
     */
    public static int connect(int socket, InetSocketAddress remote) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(SockAddr.STORAGE_BYTES);
            int length = SockAddr.write(remote, name);
            return (int) CONNECT.invokeExact(socket, name, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Registers a listen callback (an upcall stub from {@link SrtListenCallback}); null stub removes it. */
    static int listenCallback(int listener, MemorySegment stub) {
        try { return (int) LISTEN_CALLBACK.invokeExact(listener, stub, MemorySegment.NULL); }
        catch (Throwable t) { throw rethrow(t); }
    }

    public static InetSocketAddress peerName(int socket) {
        return name(GETPEERNAME, socket, "srt_getpeername");
    }

    public static InetSocketAddress localName(int socket) {
        return name(GETSOCKNAME, socket, "srt_getsockname");
    }

    private static InetSocketAddress name(MethodHandle call, int socket, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(SockAddr.STORAGE_BYTES);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, SockAddr.STORAGE_BYTES);
            if ((int) call.invokeExact(socket, name, length) < 0) {
                throw failure(what, socket);
            }
            return SockAddr.read(name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- options ----

    public static void setInt(int socket, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            if ((int) SETSOCKFLAG.invokeExact(socket, option, v, 4) < 0) {
                throw failure("srt_setsockflag(option " + option + " = " + value + ")", socket);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setLong(int socket, int option, long value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_LONG);
            v.set(JAVA_LONG, 0, value);
            if ((int) SETSOCKFLAG.invokeExact(socket, option, v, 8) < 0) {
                throw failure("srt_setsockflag(option " + option + " = " + value + ")", socket);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets a byte-string option (stream id, passphrase) without the trailing NUL. The value never appears in an
     * exception message, because it may be a passphrase.
     */
    public static void setBytes(int socket, int option, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, value.length);
            int rc = (int) SETSOCKFLAG.invokeExact(socket, option, v, value.length);
            v.fill((byte) 0);                                    // do not leave a passphrase in freed native memory
            if (rc < 0) {
                throw failure("srt_setsockflag(option " + option + ", " + value.length + " bytes)", socket);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getInt(int socket, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_LONG);         // 8 bytes: "bool" options return 1, ints 4
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            if ((int) GETSOCKFLAG.invokeExact(socket, option, v, length) < 0) {
                throw failure("srt_getsockflag(option " + option + ")", socket);
            }
            return length.get(JAVA_INT, 0) == 1 ? v.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0) : v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static String getString(int socket, int option, int maxBytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(maxBytes + 1L);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, maxBytes + 1);
            if ((int) GETSOCKFLAG.invokeExact(socket, option, v, length) < 0) {
                throw failure("srt_getsockflag(option " + option + ")", socket);
            }
            int n = Math.min(length.get(JAVA_INT, 0), maxBytes);
            return new String(v.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- data: the hot path ----

    /**
     * {@code srt_recvmsg2(socket, address, capacity, NULL)}: copies one message into native memory at
     * {@code address}. Returns its length, or -1 ({@link SrtErrors#EASYNCRCV} when a non-blocking socket has
     * nothing). Allocates nothing.
     */
    public static int recvmsg(int socket, long address, int capacity) {
        try { return (int) RECVMSG2.invokeExact(socket, address, capacity, 0L); } catch (Throwable t) { throw rethrow(t); }
    }

    /**
     * {@code srt_sendmsg2(socket, address, length, NULL)}: queues one message. Returns the length, or -1
     * ({@link SrtErrors#EASYNCSND} when a non-blocking socket's send buffer is full). Allocates nothing.
     */
    public static int sendmsg(int socket, long address, int length) {
        try { return (int) SENDMSG2.invokeExact(socket, address, length, 0L); } catch (Throwable t) { throw rethrow(t); }
    }

    /**
     * {@code srt_getsockflag} into caller-provided native memory: {@code valueAddress} (at least 8 bytes) and
     * {@code lengthAddress} (an int set to the value's capacity before the call). Allocates nothing; for options
     * read per drain such as {@link SrtOption#EVENT}.
     */
    public static int getsockflag(int socket, int option, long valueAddress, long lengthAddress) {
        try { return (int) GETSOCKFLAG_RAW.invokeExact(socket, option, valueAddress, lengthAddress); }
        catch (Throwable t) { throw rethrow(t); }
    }

    // ---- epoll ----

    static int epollCreate() {
        try { return (int) EPOLL_CREATE.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static int epollSet(int eid, int flags) {
        try { return (int) EPOLL_SET.invokeExact(eid, flags); } catch (Throwable t) { throw rethrow(t); }
    }

    static int epollAdd(int eid, int socket, MemorySegment events) {
        try { return (int) EPOLL_ADD.invokeExact(eid, socket, events); } catch (Throwable t) { throw rethrow(t); }
    }

    static int epollUpdate(int eid, int socket, MemorySegment events) {
        try { return (int) EPOLL_UPDATE.invokeExact(eid, socket, events); } catch (Throwable t) { throw rethrow(t); }
    }

    static int epollRemove(int eid, int socket) {
        try { return (int) EPOLL_REMOVE.invokeExact(eid, socket); } catch (Throwable t) { throw rethrow(t); }
    }

    static int epollUwait(int eid, long eventsAddress, int capacity, long timeoutMs) {
        try { return (int) EPOLL_UWAIT.invokeExact(eid, eventsAddress, capacity, timeoutMs); }
        catch (Throwable t) { throw rethrow(t); }
    }

    static int epollRelease(int eid) {
        try { return (int) EPOLL_RELEASE.invokeExact(eid); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- statistics ----

    /** {@code srt_bstats} into {@code perf} (at least {@link SrtStats#BYTES} bytes); clear resets interval counters. */
    static int bstats(int socket, MemorySegment perf, boolean clear) {
        try { return (int) BSTATS.invokeExact(socket, perf, clear ? 1 : 0); } catch (Throwable t) { throw rethrow(t); }
    }
}
