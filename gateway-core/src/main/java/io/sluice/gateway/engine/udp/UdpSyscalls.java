package io.sluice.gateway.engine.udp;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The two Linux calls the batched UDP send path makes, through FFM (java.lang.foreign, toolchain.md Q3): {@code sendmsg}
 * (with a {@code UDP_SEGMENT} control message: UDP GSO, one call for a run of equal-size datagrams) and
 * {@code sendmmsg}. Each comes twice: plain, for the first try, and capturing {@code errno} into a caller-owned
 * segment, for a retry after a failure. Only the capturing form tells why a call failed (the JVM may overwrite
 * {@code errno} between two calls), but FFM makes a 4-byte view of the capture segment on every such call, which is
 * an allocation whenever C2 does not inline the JDK's {@code checkCaptureSegment} and its {@code asSlice} (it did
 * not in some runs: about 40 B per call, docs/performance.md). So the hot path, a send that succeeds, never
 * captures; a failed send is repeated with capture (see {@link UdpBatchSender}).
 *
 * <p>Struct layouts are those of 64-bit Linux (x86-64 and aarch64 agree):
 * <pre>
 * struct iovec   { void *base; size_t len; }                                       16 bytes
 * struct msghdr  { void *name; socklen_t namelen; (4 pad) struct iovec *iov; size_t iovlen;
 *                  void *control; size_t controllen; int flags; (4 pad) }           56 bytes
 * struct mmsghdr { struct msghdr hdr; unsigned int len; (4 pad) }                   64 bytes
 * struct cmsghdr { size_t len; int level; int type; u16 gso_size; (6 pad) }        24 bytes = CMSG_SPACE(2)
 * </pre>
 * Not available elsewhere ({@link #available()} false, {@link #unavailableReason()} says why), nor when
 * {@code -Dsluice.udp.native=false}; the callers then write through Netty.
 */
public final class UdpSyscalls {
    static final long IOVEC_BYTES = 16;
    static final long MSGHDR_BYTES = 56;
    static final long MMSGHDR_BYTES = 64;
    static final long CMSG_BYTES = 24;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    /** CMSG_LEN(sizeof(uint16_t)): the header (16) plus the segment size. */
    static final long CMSG_LEN_GSO = 18;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int MSG_DONTWAIT = 0x40;

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EMSGSIZE = 90;
    static final int ENOPROTOOPT = 92;
    static final int EOPNOTSUPP = 95;
    static final int ENOBUFS = 105;

    private static final String REASON;
    private static final MethodHandle SENDMSG;
    private static final MethodHandle SENDMMSG;
    private static final MethodHandle SENDMSG_PLAIN;
    private static final MethodHandle SENDMMSG_PLAIN;
    private static final VarHandle ERRNO;
    private static final long ERRNO_STATE_BYTES;

    static {
        String reason = null;
        MethodHandle sendmsg = null;
        MethodHandle sendmmsg = null;
        MethodHandle sendmsgPlain = null;
        MethodHandle sendmmsgPlain = null;
        VarHandle errno = null;
        long stateBytes = 0;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!Boolean.parseBoolean(System.getProperty("sluice.udp.native", "true"))) {
            reason = "turned off with -Dsluice.udp.native=false";
        } else if (!os.startsWith("linux")) {
            reason = "needs Linux (found " + os + ")";
        } else if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64")) || ADDRESS.byteSize() != 8) {
            reason = "needs 64-bit x86 or ARM Linux (found " + arch + ")";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errnoCapture = Linker.Option.captureCallState("errno");
                sendmsg = linker.downcallHandle(libc.findOrThrow("sendmsg"),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), errnoCapture);
                sendmmsg = linker.downcallHandle(libc.findOrThrow("sendmmsg"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), errnoCapture);
                sendmsgPlain = linker.downcallHandle(libc.findOrThrow("sendmsg"),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
                sendmmsgPlain = linker.downcallHandle(libc.findOrThrow("sendmmsg"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
                MemoryLayout state = Linker.Option.captureStateLayout();
                errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                stateBytes = state.byteSize();
            } catch (RuntimeException | LinkageError e) {
                reason = "native calls unavailable: " + e;   // e.g. native access denied for this module
                sendmsg = null;
                sendmmsg = null;
                sendmsgPlain = null;
                sendmmsgPlain = null;
            }
        }
        REASON = reason;
        SENDMSG = sendmsg;
        SENDMMSG = sendmmsg;
        SENDMSG_PLAIN = sendmsgPlain;
        SENDMMSG_PLAIN = sendmmsgPlain;
        ERRNO = errno;
        ERRNO_STATE_BYTES = stateBytes;
    }

    private UdpSyscalls() {}

    /** True when the native send path can be used on this machine. */
    public static boolean available() {
        return REASON == null;
    }

    /** Why {@link #available()} is false, else null. */
    public static String unavailableReason() {
        return REASON;
    }

    /** Bytes of the segment {@code errno} is captured into. */
    static long errnoStateBytes() {
        return ERRNO_STATE_BYTES;
    }

    /** {@code sendmsg(fd, msghdr, MSG_DONTWAIT)}: bytes sent, or -1 (why is unknown: retry with {@link #sendmsg}). */
    static long sendmsg(int fd, MemorySegment msghdr) {
        try {
            return (long) SENDMSG_PLAIN.invokeExact(fd, msghdr, MSG_DONTWAIT);
        } catch (Throwable e) {
            throw new IllegalStateException("sendmsg downcall failed", e);
        }
    }

    /** {@code sendmmsg(fd, msgvec, count, MSG_DONTWAIT)}: datagrams sent, or -1 (why is unknown: retry with capture). */
    static int sendmmsg(int fd, MemorySegment msgvec, int count) {
        try {
            return (int) SENDMMSG_PLAIN.invokeExact(fd, msgvec, count, MSG_DONTWAIT);
        } catch (Throwable e) {
            throw new IllegalStateException("sendmmsg downcall failed", e);
        }
    }

    /** {@code sendmsg(fd, msghdr, MSG_DONTWAIT)}: bytes sent, or -1 with errno in {@code state}. */
    static long sendmsg(MemorySegment state, int fd, MemorySegment msghdr) {
        try {
            return (long) SENDMSG.invokeExact(state, fd, msghdr, MSG_DONTWAIT);
        } catch (Throwable e) {
            throw new IllegalStateException("sendmsg downcall failed", e);
        }
    }

    /** {@code sendmmsg(fd, msgvec, count, MSG_DONTWAIT)}: datagrams sent, or -1 with errno in {@code state}. */
    static int sendmmsg(MemorySegment state, int fd, MemorySegment msgvec, int count) {
        try {
            return (int) SENDMMSG.invokeExact(state, fd, msgvec, count, MSG_DONTWAIT);
        } catch (Throwable e) {
            throw new IllegalStateException("sendmmsg downcall failed", e);
        }
    }

    /** The errno the last call captured into {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
