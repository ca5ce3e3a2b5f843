package io.sluice.protocols.srt.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes libsrt's own log lines (warnings and errors) to SLF4J logger {@code io.sluice.protocols.srt.libsrt} instead
 * of stderr, through {@code srt_setloghandler} (an FFM upcall), and tells {@link RejectionObserver}s about handshakes
 * libsrt refused after the listen callback had accepted them: that is how a listener learns that a caller's
 * passphrase was wrong (libsrt checks it after the callback, and reports it only in its log:
 * {@code "@<socket>:newConnection: connection rejected due to: INTERNAL REJECTION - ERROR:BADSECRET"}).
 */
public final class SrtLog {
    private static final Logger LIBSRT = LoggerFactory.getLogger("io.sluice.protocols.srt.libsrt");
    private static final String REJECTED = ":newConnection: connection rejected due to: ";
    /** Logged at error level by every non-blocking srt_accept that finds nothing: expected, not an error. */
    private static final String NO_PENDING = "no pending connection available";
    private static final int LOG_WARNING = 4;
    private static final int FLAGS = 1 | 2 | 8;                 // no time, no thread name, no end of line

    /** At most this many libsrt lines per window: some repeat per packet (e.g. "invalid RTT estimate 0" on loopback). */
    private static final int MAX_LINES_PER_WINDOW = 50;
    private static final long WINDOW_NS = 10_000_000_000L;

    private static final CopyOnWriteArrayList<RejectionObserver> OBSERVERS = new CopyOnWriteArrayList<>();
    private static long windowStartNs = System.nanoTime();
    private static int linesInWindow;
    private static long suppressed;

    /** Told about each handshake libsrt refused for a socket a listen callback had let through. */
    @FunctionalInterface
    public interface RejectionObserver {
        /** @param reason libsrt's reason, e.g. "INTERNAL REJECTION - ERROR:BADSECRET" */
        void onRejected(int socket, String reason);
    }

    private SrtLog() {}

    public static void addObserver(RejectionObserver observer) {
        OBSERVERS.add(observer);
    }

    public static void removeObserver(RejectionObserver observer) {
        OBSERVERS.remove(observer);
    }

    /** Installs the handler; called once by {@link SrtLibrary} after srt_startup. */
    static void install(MethodHandle setLogHandler, MethodHandle setLogFlags) throws Throwable {
        MethodHandle target = MethodHandles.lookup().findStatic(SrtLog.class, "onLog", MethodType.methodType(void.class,
                MemorySegment.class, int.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class));
        MemorySegment stub = Linker.nativeLinker().upcallStub(target,
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        setLogFlags.invokeExact(FLAGS);
        setLogHandler.invokeExact(MemorySegment.NULL, stub);
        Srt.setLogLevel(LOG_WARNING);
    }

    private static void onLog(MemorySegment opaque, int level, MemorySegment file, int line, MemorySegment area,
                              MemorySegment message) {
        try {
            String text = Srt.cString(message, 4096).strip();
            if (text.contains(NO_PENDING)) {
                return;
            }
            int rejected = text.indexOf(REJECTED);
            if (rejected > 0) {
                notifyRejection(text, rejected);
            }
            if (!admit()) {
                return;
            }
            if (level <= 3) {
                LIBSRT.error(text);
            } else if (level == LOG_WARNING) {
                LIBSRT.warn(text);
            } else {
                LIBSRT.debug(text);
            }
        } catch (Throwable t) {
            // An exception escaping an upcall terminates the JVM; a lost log line is the lesser harm.
        }
    }

    /** The window's budget of lines; says how many were suppressed when a new window opens. */
    private static synchronized boolean admit() {
        long nowNs = System.nanoTime();
        if (nowNs - windowStartNs >= WINDOW_NS) {
            if (suppressed > 0) {
                LIBSRT.warn("{} more libsrt log lines suppressed in the last {} s", suppressed, WINDOW_NS / 1_000_000_000L);
            }
            windowStartNs = nowNs;
            linesInWindow = 0;
            suppressed = 0;
        }
        if (linesInWindow < MAX_LINES_PER_WINDOW) {
            linesInWindow++;
            return true;
        }
        suppressed++;
        return false;
    }

    private static void notifyRejection(String text, int rejected) {
        int at = text.lastIndexOf('@', rejected);
        if (at < 0) {
            return;
        }
        try {
            int socket = Integer.parseInt(text.substring(at + 1, rejected));
            String reason = text.substring(rejected + REJECTED.length());
            for (RejectionObserver observer : OBSERVERS) {
                observer.onRejected(socket, reason);
            }
        } catch (NumberFormatException ignored) {
            // another message shape: nothing to attribute
        }
    }
}
