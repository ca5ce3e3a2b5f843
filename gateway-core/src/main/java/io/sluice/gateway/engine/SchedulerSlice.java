package io.sluice.gateway.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Asks Linux's EEVDF scheduler (6.12 and later) for a short time slice for the calling thread:
 * {@code sched_setattr(0, {SCHED_OTHER, its own nice, sched_runtime = slice})}. A shorter slice gives the thread an
 * earlier virtual deadline whenever it wakes, so a flow's event loop that wakes for a packet preempts a busy thread of
 * equal priority at once instead of waiting out that thread's slice (1.4 ms by default on these 2-core machines). It
 * does not raise the thread's priority or its share of the CPU, and needs no privilege; older kernels accept the call
 * and ignore the value, non-Linux systems are skipped. The thread's nice value is kept, and a thread that runs under
 * another policy (the operator started the gateway with {@code chrt}) is left alone.
 *
 * <p>Why the flow loops want it: on a busy media host a packet that arrives while the loop's core runs another
 * program waited up to a whole slice before it was read, which showed as the gateway's p99 latency
 * (docs/performance.md). {@code -Dsluice.sched.sliceMicros=N} sets the slice (default {@value #DEFAULT_SLICE_MICROS};
 * 0 leaves the kernel's default).
 */
public final class SchedulerSlice {
    /** The kernel's smallest custom slice: 100 µs. */
    public static final long DEFAULT_SLICE_MICROS = 100;
    static final String PROPERTY = "sluice.sched.sliceMicros";
    /** {@code struct sched_attr} up to {@code sched_period} (SCHED_ATTR_SIZE_VER0). */
    private static final int SCHED_ATTR_BYTES = 48;
    private static final int SCHED_OTHER = 0;

    private static final MethodHandle SYSCALL;
    private static final VarHandle ERRNO;
    private static final long ERRNO_STATE_BYTES;
    private static final long SYS_SCHED_SETATTR;
    private static final long SYS_SCHED_GETATTR;
    private static final String UNAVAILABLE;

    static {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        long number = switch (arch) {
            case "amd64", "x86_64" -> 314;           // sched_setattr; sched_getattr is the next number on both
            case "aarch64" -> 274;
            default -> -1;
        };
        MethodHandle syscall = null;
        VarHandle errno = null;
        long stateBytes = 0;
        String unavailable = null;
        if (!os.startsWith("linux") || number < 0) {
            unavailable = "not 64-bit x86 or ARM Linux (" + os + ", " + arch + ")";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                // long syscall(long number, ...): every variadic argument is passed as a long, as the kernel reads it
                syscall = linker.downcallHandle(linker.defaultLookup().findOrThrow("syscall"),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                        Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
                MemoryLayout state = Linker.Option.captureStateLayout();
                errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                stateBytes = state.byteSize();
            } catch (RuntimeException | LinkageError e) {
                unavailable = "native calls unavailable: " + e.getMessage();
                syscall = null;
            }
        }
        SYSCALL = syscall;
        ERRNO = errno;
        ERRNO_STATE_BYTES = stateBytes;
        SYS_SCHED_SETATTR = number;
        SYS_SCHED_GETATTR = number + 1;
        UNAVAILABLE = unavailable;
    }

    private SchedulerSlice() {}

    /** The slice asked for by configuration, in microseconds (0: leave the kernel's default). */
    public static long configuredMicros() {
        String value = System.getProperty(PROPERTY, Long.toString(DEFAULT_SLICE_MICROS)).trim();
        try {
            long micros = Long.parseLong(value);
            if (micros == 0 || (micros >= 100 && micros <= 100_000)) {
                return micros;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                + ": expected 0 (kernel default) or a slice from 100 to 100000 microseconds");
    }

    /**
     * Asks for a {@code micros} slice for the calling thread; returns null when done (or {@code micros} is 0),
     * otherwise why not (the thread then keeps the kernel's default; nothing else changes).
     */
    public static String requestForCurrentThread(long micros) {
        if (micros == 0) {
            return null;
        }
        if (UNAVAILABLE != null) {
            return UNAVAILABLE;
        }
        try (Arena arena = Arena.ofConfined()) {
            // struct sched_attr { u32 size; u32 policy; u64 flags; s32 nice; u32 priority; u64 runtime; ... }
            MemorySegment attr = arena.allocate(SCHED_ATTR_BYTES, 8);
            MemorySegment state = arena.allocate(ERRNO_STATE_BYTES, 8);
            long read = (long) SYSCALL.invokeExact(state, SYS_SCHED_GETATTR, 0L, attr, (long) SCHED_ATTR_BYTES);
            if (read != 0) {
                return "sched_getattr refused: errno " + (int) ERRNO.get(state, 0L);
            }
            int policy = attr.get(JAVA_INT, 4);
            if (policy != SCHED_OTHER) {
                return "the thread runs under scheduling policy " + policy + " (not SCHED_OTHER): left as it is";
            }
            attr.set(JAVA_INT, 0, SCHED_ATTR_BYTES);                    // size
            attr.set(JAVA_LONG, 8, 0L);                                 // flags; nice (offset 16) stays as read
            attr.set(JAVA_LONG, 24, micros * 1_000L);                   // sched_runtime: the slice, ns
            long result = (long) SYSCALL.invokeExact(state, SYS_SCHED_SETATTR, 0L, attr, 0L);
            return result == 0 ? null : "sched_setattr refused: errno " + (int) ERRNO.get(state, 0L);
        } catch (Throwable e) {
            return "sched_setattr failed: " + e;
        }
    }
}
