package io.sluice.gateway.engine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.Future;
import io.sluice.config.FlowConfig;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.entitlement.EntitlementHub;
import io.sluice.gateway.flow.Flow;
import io.sluice.protocols.time.NanoClock;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine: owns the event-loop group that every flow shares (one thread per core by default; epoll, else NIO),
 * the clock, the default bind address and the secret resolver, and the flows by name.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.builder().build()) {
 *     Flow flow = gateway.create(definition);
 *     flow.start().sync();
 *     FlowSnapshot now = flow.snapshot().get();
 * }
 * }</pre>
 * A flow takes one loop of the group ({@code group.next()}) for its lifetime: its sources and outputs run there.
 * Thread-safe: create, list and close from any thread.
 */
public final class Gateway implements AutoCloseable {
    static {
        NettyTuning.apply();
    }

    private final EventLoopGroup group;
    private final EngineContext context;
    private final FlowParts parts;
    private final ConcurrentMap<String, Flow> flows = new ConcurrentHashMap<>();

    private Gateway(Builder builder) {
        this.context = new EngineContext(builder.clock, builder.transport, builder.bindAddress, builder.allocator,
                builder.secrets, builder.entitlements);
        this.parts = new FlowParts(context);
        this.group = new MultiThreadIoEventLoopGroup(builder.threads, new FlowThreadFactory(builder.sliceMicros),
                builder.transport.ioHandlerFactory());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a flow in STANDBY on the next loop of the group; call {@link Flow#start()} to run it.
     *
     * @throws IllegalArgumentException when a flow with that name exists, or the config names something this
     *         gateway cannot build (the message says what)
     */
    public Flow create(FlowConfig definition) {
        if (flows.containsKey(definition.name())) {
            throw new IllegalArgumentException("a flow named " + definition.name() + " already exists");
        }
        EventLoop loop = group.next();
        Flow flow = new Flow(definition, loop, context.clock(), parts);
        if (flows.putIfAbsent(definition.name(), flow) != null) {
            throw new IllegalArgumentException("a flow named " + definition.name() + " already exists");
        }
        return flow;
    }

    /** Every flow, in no particular order. */
    public List<Flow> flows() {
        return new ArrayList<>(flows.values());
    }

    public Optional<Flow> flow(String name) {
        return Optional.ofNullable(flows.get(name));
    }

    /** Stops the flow and forgets it. */
    public Future<Void> remove(String name) {
        Flow flow = flows.remove(name);
        if (flow == null) {
            throw new IllegalArgumentException("no flow named " + name);
        }
        return flow.stop();
    }

    public NanoClock clock() {
        return context.clock();
    }

    public Transport transport() {
        return context.transport();
    }

    public SecretResolver secrets() {
        return context.secrets();
    }

    public EngineContext context() {
        return context;
    }

    /** Stops every flow (waiting up to 5 s), then shuts the loops down. */
    @Override
    public void close() {
        List<Future<Void>> stopping = new ArrayList<>();
        for (Flow flow : flows.values()) {
            stopping.add(flow.stop());
        }
        for (Future<Void> stop : stopping) {
            stop.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        flows.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private NanoClock clock = NanoClock.SYSTEM;
        private Transport transport = Transport.best();
        private InetAddress bindAddress;
        private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        private SecretResolver secrets = SecretResolver.directory(SecretResolver.DEFAULT_DIRECTORY);
        private EntitlementHub entitlements = new EntitlementHub();
        private long sliceMicros = SchedulerSlice.configuredMicros();

        /** Event-loop threads shared by all flows (default: the number of cores). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads + " (expected 1 or more)");
            }
            this.threads = threads;
            return this;
        }

        public Builder clock(NanoClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** The address sources bind to unless their config says otherwise (default: all interfaces). */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder allocator(ByteBufAllocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /** Resolves SecretArn references (default: files under ./secrets). */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = secrets;
            return this;
        }

        /** The in-process entitlements shared by this gateway's flows (default: a new, empty hub). */
        public Builder entitlements(EntitlementHub entitlements) {
            this.entitlements = entitlements;
            return this;
        }

        /**
         * The scheduler slice the event-loop threads ask for, in µs (default {@value SchedulerSlice#DEFAULT_SLICE_MICROS}
         * or {@code -Dsluice.sched.sliceMicros}; 0 keeps the kernel's default), see {@link SchedulerSlice}.
         */
        public Builder schedulerSliceMicros(long micros) {
            if (micros != 0 && (micros < 100 || micros > 100_000)) {
                throw new IllegalArgumentException("scheduler slice " + micros + " µs (expected 0, or 100 to 100000)");
            }
            this.sliceMicros = micros;
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
