package io.sluice.protocols.srt.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * Loads libsrt once per JVM and starts it ({@code srt_startup}) once; {@code srt_cleanup} runs in a shutdown hook.
 *
 * <p>The library is Debian's OpenSSL build, soname {@code libsrt.so.1.5} from package {@code libsrt1.5-openssl}
 * (the unversioned {@code libsrt.so} only exists with the -dev package). The system property
 * {@value #LIBRARY_PROPERTY} names another file or soname. A failure to load is remembered and reported again, with
 * the same message, on every later use, rather than as a bare {@code NoClassDefFoundError}.
 */
public final class SrtLibrary {
    /** System property naming the library file or soname to load instead of {@value #DEFAULT_LIBRARY}. */
    public static final String LIBRARY_PROPERTY = "sluice.srt.library";
    public static final String DEFAULT_LIBRARY = "libsrt.so.1.5";
    public static final String DEBIAN_PACKAGE = "libsrt1.5-openssl";

    private SrtLibrary() {}

    /** The symbols of the loaded library; throws {@link SrtUnavailableException} when it cannot be loaded. */
    static SymbolLookup lookup() {
        Loaded loaded = Loaded.INSTANCE;
        if (loaded.failure != null) {
            throw new SrtUnavailableException(loaded.failure.getMessage(), loaded.failure.getCause());
        }
        return loaded.lookup;
    }

    /**
     * Loads and starts libsrt if that has not happened yet; returns its version as {@code 0xMMmmpp}. Safe to call
     * from any thread, any number of times.
     *
     * @throws SrtUnavailableException naming the Debian package to install when libsrt is missing
     */
    public static int start() {
        lookup();
        return Started.VERSION;
    }

    /** The version of the loaded library as text, e.g. "1.5.1". */
    public static String versionText() {
        int v = start();
        return ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** The error a failed load of {@code name} gives; for tests of the message. Null when it loads. */
    static SrtUnavailableException tryLoad(String name) {
        return Loaded.load(name).failure;
    }

    /** Load state, computed once on first use. */
    private static final class Loaded {
        static final Loaded INSTANCE = load(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
        final SymbolLookup lookup;
        final SrtUnavailableException failure;

        private Loaded(SymbolLookup lookup, SrtUnavailableException failure) {
            this.lookup = lookup;
            this.failure = failure;
        }

        static Loaded load(String name) {
            try {
                // libraryLookup is a restricted method: the JVM needs --enable-native-access=ALL-UNNAMED.
                return new Loaded(SymbolLookup.libraryLookup(name, Arena.global()), null);
            } catch (IllegalArgumentException | IllegalCallerException e) {
                String why = e instanceof IllegalCallerException
                        ? "native access is not enabled for this module: start the JVM with --enable-native-access=ALL-UNNAMED"
                        : "install the Debian package " + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE
                          + "), or set -D" + LIBRARY_PROPERTY + "=/path/to/libsrt.so.1.5";
                return new Loaded(null, new SrtUnavailableException("cannot load libsrt (" + name + "): " + why, e));
            }
        }
    }

    /** srt_startup once, srt_cleanup at JVM exit. */
    private static final class Started {
        static final int VERSION = startup();

        private static int startup() {
            int rc = Srt.startup();
            if (rc < 0) {
                throw new SrtUnavailableException("srt_startup failed: " + Srt.lastErrorText(), null);
            }
            Srt.installLogHandler();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("srt-cleanup").unstarted(Srt::cleanup));
            return Srt.version();
        }
    }
}
