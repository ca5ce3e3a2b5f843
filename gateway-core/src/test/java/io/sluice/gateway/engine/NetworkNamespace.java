package io.sluice.gateway.engine;

import io.sluice.testing.PeerProcess;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A throw-away Linux network namespace ({@code ip netns add}) where multicast works, for tests that must not change
 * the shared host: {@code lo} up with the MULTICAST flag and 224.0.0.0/4 routed to it, and a veth pair
 * {@value #MULTICAST_INTERFACE} (10.99.0.1, fd99::1) / mc1 (no IPv6, so IPv6 multicast leaves only by mc0), because IPv6 multicast is not delivered over {@code lo} and,
 * on {@code lo}, a socket's IP_MULTICAST_LOOP off does not stop local delivery (the loopback device hands every
 * packet back), while on a real interface both behave as on a host's network card. A thread
 * enters it with {@link #enter()} (setns(2) applies to the calling thread only), so sockets that thread then creates
 * live in the namespace, as do processes it starts; {@link Entered#close()} returns the thread. Needs root.
 */
final class NetworkNamespace implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int CLONE_NEWNET = 0x4000_0000;
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle SETNS;

    static {
        Linker linker = Linker.nativeLinker();
        OPEN = linker.downcallHandle(linker.defaultLookup().findOrThrow("open"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        CLOSE = linker.downcallHandle(linker.defaultLookup().findOrThrow("close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        SETNS = linker.downcallHandle(linker.defaultLookup().findOrThrow("setns"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** The veth interface with a multicast route for IPv6 (and for IPv4 when named). */
    static final String MULTICAST_INTERFACE = "mc0";
    static final String MULTICAST_INTERFACE_IPV4 = "10.99.0.1";

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Why this machine cannot run namespace tests, or null when it can. */
    static String unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            return "network namespaces need Linux";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "creating a network namespace (ip netns add) needs root; running as " + System.getProperty("user.name");
        }
        try {
            PeerProcess.requireTool("ip");
        } catch (IllegalStateException e) {
            return "the ip command (iproute2) is not installed";
        }
        return null;
    }

    /** Creates the namespace and sets up its multicast loopback. */
    static NetworkNamespace create(String name) {
        NetworkNamespace namespace = new NetworkNamespace(name);
        ip("netns", "add", name);
        try {
            namespace.exec("ip", "link", "set", "lo", "up");
            namespace.exec("ip", "link", "set", "lo", "multicast", "on");
            namespace.exec("ip", "route", "add", "224.0.0.0/4", "dev", "lo", "src", "127.0.0.1");
            namespace.exec("ip", "link", "add", MULTICAST_INTERFACE, "type", "veth", "peer", "name", "mc1");
            namespace.exec("ip", "link", "set", MULTICAST_INTERFACE, "up");
            // the peer only gives mc0 its carrier: without IPv6 it neither routes multicast nor takes it in
            namespace.exec("sysctl", "-q", "-w", "net.ipv6.conf.mc1.disable_ipv6=1");
            namespace.exec("ip", "link", "set", "mc1", "up");
            namespace.exec("ip", "addr", "add", MULTICAST_INTERFACE_IPV4 + "/24", "dev", MULTICAST_INTERFACE);
            namespace.exec("ip", "-6", "addr", "add", "fd99::1/64", "dev", MULTICAST_INTERFACE, "nodad");
        } catch (RuntimeException | AssertionError e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    String name() {
        return name;
    }

    /** {@code ip netns exec NAME command...} as a list, for {@link PeerProcess#start}. */
    java.util.List<String> command(String... command) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", name));
        all.addAll(java.util.List.of(command));
        return all;
    }

    private void exec(String... command) {
        PeerProcess.run(Duration.ofSeconds(10), command(command).toArray(String[]::new));
    }

    /** Moves the calling thread into the namespace until the returned handle is closed. */
    Entered enter() {
        int previous = open("/proc/thread-self/ns/net");
        int target = open("/var/run/netns/" + name);
        try {
            setns(target);
        } catch (RuntimeException e) {
            closeFd(previous);
            throw e;
        } finally {
            closeFd(target);
        }
        return new Entered(previous);
    }

    @Override
    public void close() {
        ip("netns", "delete", name);
    }

    /** The calling thread's way back to the namespace it came from. */
    static final class Entered implements AutoCloseable {
        private final int previous;

        private Entered(int previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            try {
                setns(previous);
            } finally {
                closeFd(previous);
            }
        }
    }

    private static void ip(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "ip";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        PeerProcess.run(Duration.ofSeconds(10), command);
    }

    private static int open(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment file = arena.allocateFrom(path);
            int fd = (int) OPEN.invokeExact(file, O_RDONLY);
            if (fd < 0) {
                throw new IllegalStateException("cannot open " + path);
            }
            return fd;
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static void setns(int fd) {
        try {
            if ((int) SETNS.invokeExact(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns(CLONE_NEWNET) failed");
            }
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
