package io.sluice.gateway.flow;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseNotifier;
import io.sluice.config.FlowConfig;
import io.sluice.config.OutputConfig;
import io.sluice.gateway.engine.FlowParts;
import io.sluice.protocols.mpegts.TransportInfo;
import io.sluice.protocols.mpegts.TsMonitor;
import io.sluice.protocols.time.NanoClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running flow: its sources deliver into an {@link IngestStage}, which feeds the {@link FanOut} to at most
 * {@value #MAX_OUTPUTS} outputs, all on one event loop taken from the gateway's shared group.
 *
 * <p>Threading: every method may be called from any thread. Commands ({@link #start()}, {@link #stop()},
 * {@link #addOutput}, {@link #removeOutput}, {@link #updateOutput}) run on the flow's loop and return futures;
 * {@link #snapshot()} is read on the loop and handed back. Flow state is plain fields owned by the loop; only
 * {@link #status()}, {@link #errorReason()} and {@link #config()} are published (volatile) copies for other threads.
 *
 * <p>Lifecycle: STANDBY → STARTING → ACTIVE → STOPPING → STANDBY, or ERROR with a reason when a source cannot
 * open. Start and stop are idempotent (starting an ACTIVE flow, stopping a STANDBY one, succeed at once); a stop
 * during a start waits for the start, and vice versa. Stopping closes every socket and releases every buffer.
 * An output that cannot open is ERROR on its own (with a reason); the flow and the other outputs run on.
 */
public final class Flow {
    /** MediaConnect's limit, which Sluice keeps. */
    public static final int MAX_OUTPUTS = 50;

    private final String name;
    private final EventLoop loop;
    private final NanoClock clock;
    private final FlowParts parts;
    private final Source[] sources;
    private final String[] sourceProtocols;
    private final EndpointState[] sourceStates;
    private final String[] sourceErrors;
    private final TsMonitor[] monitors;          // TR 101 290 per source, for the flow's lifetime (docs/metrics.md)
    private final FanOut fanOut = new FanOut();
    private final IngestStage ingest;
    private final Map<String, OutputSlot> outputs = new LinkedHashMap<>();

    private volatile FlowConfig config;
    private volatile FlowStatus status = FlowStatus.STANDBY;
    private volatile String errorReason;
    private Promise<Void> transition;

    /**
     * Builds the flow's sources and outputs (no sockets yet). Throws IllegalArgumentException when the config
     * names something this gateway cannot build.
     */
    public Flow(FlowConfig config, EventLoop loop, NanoClock clock, FlowParts parts) {
        this.name = config.name();
        this.loop = loop;
        this.clock = clock;
        this.parts = parts;
        this.config = config;
        if (config.sources().isEmpty()) {
            throw new IllegalArgumentException("flow " + name + " has no source");
        }
        if (config.outputs().size() > MAX_OUTPUTS) {
            throw new IllegalArgumentException("flow " + name + " has " + config.outputs().size()
                    + " outputs (expected at most " + MAX_OUTPUTS + ")");
        }
        int sourceCount = config.sources().size();
        this.sources = new Source[sourceCount];
        this.sourceProtocols = new String[sourceCount];
        this.sourceStates = new EndpointState[sourceCount];
        this.sourceErrors = new String[sourceCount];
        this.monitors = new TsMonitor[sourceCount];
        for (int i = 0; i < sourceCount; i++) {
            sources[i] = parts.source(config.sources().get(i));
            sourceProtocols[i] = config.sources().get(i).protocol() == null ? "entitlement"
                    : config.sources().get(i).protocol().wireValue();
            sourceStates[i] = EndpointState.STANDBY;
            monitors[i] = new TsMonitor();
        }
        this.ingest = parts.ingest(config, fanOut);
        for (OutputConfig output : config.outputs()) {
            if (outputs.putIfAbsent(output.name(), new OutputSlot(output, parts.output(output))) != null) {
                throw new IllegalArgumentException("flow " + name + " has two outputs named " + output.name());
            }
        }
        publishOutputs();
    }

    public String name() {
        return name;
    }

    /** The configuration as it stands (outputs added, removed and updated included). */
    public FlowConfig config() {
        return config;
    }

    public FlowStatus status() {
        return status;
    }

    /** Why the flow is in ERROR, else null. */
    public String errorReason() {
        return errorReason;
    }

    /** The loop that owns this flow. */
    public EventLoop loop() {
        return loop;
    }

    /** Starts the flow; the future fails with a {@link StartFailure} naming the reason when a source cannot open. */
    public Future<Void> start() {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> onStart(done));
        return done;
    }

    /** Stops the flow: closes every socket and releases every buffer. Never fails. */
    public Future<Void> stop() {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> onStop(done));
        return done;
    }

    /**
     * Adds an output (opened at once when the flow runs). Fails when the flow already has {@value #MAX_OUTPUTS}
     * outputs, the name is taken, or the output cannot be built; when it cannot open, it stays listed in ERROR
     * and the future fails with the reason. The other outputs are not disturbed.
     */
    public Future<Void> addOutput(OutputConfig definition) {
        Promise<Void> done = loop.newPromise();
        Output output;
        try {
            output = parts.output(definition);       // on the caller's thread: may resolve a host name
        } catch (RuntimeException e) {
            return done.setFailure(e);
        }
        loop.execute(() -> onAddOutput(definition, output, done));
        return done;
    }

    /**
     * Adds an output built by the caller rather than the protocol factories (an entitlement's in-process output);
     * otherwise as {@link #addOutput(OutputConfig)}.
     */
    public Future<Void> addOutput(OutputConfig definition, Output prebuilt) {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> onAddOutput(definition, prebuilt, done));
        return done;
    }

    /** Removes an output by name, closing its socket and releasing what it queued. */
    public Future<Void> removeOutput(String outputName) {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> onRemoveOutput(outputName, done));
        return done;
    }

    /** Replaces the output with the same name by one built from {@code definition}; the others are not disturbed. */
    public Future<Void> updateOutput(OutputConfig definition) {
        Promise<Void> done = loop.newPromise();
        Output output;
        try {
            output = parts.output(definition);
        } catch (RuntimeException e) {
            return done.setFailure(e);
        }
        loop.execute(() -> onUpdateOutput(definition, output, done));
        return done;
    }

    /**
     * What each source's MPEG-TS carries (PAT/PMT/SDT), in the order of the flow's sources, taken on the loop; for
     * DescribeFlowSourceMetadata.
     */
    public Future<List<TransportInfo>> describeSources() {
        return loop.submit(() -> {
            List<TransportInfo> infos = new ArrayList<>(monitors.length);
            for (TsMonitor monitor : monitors) {
                infos.add(monitor.describe());
            }
            return infos;
        });
    }

    /** A consistent copy of states and counters, taken on the loop. */
    public Future<FlowSnapshot> snapshot() {
        return loop.submit(this::takeSnapshot);
    }

    private void onStart(Promise<Void> done) {
        switch (status) {
            case ACTIVE -> done.setSuccess(null);
            case STARTING -> transition.addListener(new PromiseNotifier<>(done));
            case STOPPING -> transition.addListener(f -> onStart(done));
            case STANDBY, ERROR -> beginStart(done);
        }
    }

    private void beginStart(Promise<Void> done) {
        status = FlowStatus.STARTING;
        errorReason = null;
        transition = done;
        ingest.open(loop);
        List<Future<Void>> opening = new ArrayList<>();
        for (OutputSlot slot : outputs.values()) {
            opening.add(openOutput(slot));
        }
        whenAllDone(opening, () -> openSources(done));
    }

    private void openSources(Promise<Void> done) {
        List<Future<Void>> opening = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            int index = i;
            sourceStates[i] = EndpointState.STARTING;
            sourceErrors[i] = null;
            Future<Void> opened = sources[i].open(loop, new TsMonitoringSink(ingest.input(i), monitors[i]));
            opened.addListener(f -> {
                sourceStates[index] = f.isSuccess() ? EndpointState.ACTIVE : EndpointState.ERROR;
                sourceErrors[index] = f.isSuccess() ? null : f.cause().getMessage();
            });
            opening.add(opened);
        }
        whenAllDone(opening, () -> {
            String failure = null;
            Throwable cause = null;
            for (int i = 0; i < opening.size(); i++) {
                if (!opening.get(i).isSuccess()) {
                    failure = opening.get(i).cause().getMessage();
                    cause = opening.get(i).cause();
                    break;
                }
            }
            if (failure == null) {
                status = FlowStatus.ACTIVE;
                done.setSuccess(null);
                return;
            }
            String reason = failure;
            Throwable firstCause = cause;
            whenAllDone(closeEverything(false), () -> {
                status = FlowStatus.ERROR;
                errorReason = reason;
                done.setFailure(firstCause instanceof StartFailure ? firstCause : new StartFailure(reason, firstCause));
            });
        });
    }

    private void onStop(Promise<Void> done) {
        switch (status) {
            case STANDBY -> done.setSuccess(null);
            case ERROR -> {
                status = FlowStatus.STANDBY;
                errorReason = null;
                done.setSuccess(null);
            }
            case STOPPING -> transition.addListener(new PromiseNotifier<>(done));
            case STARTING -> transition.addListener(f -> onStop(done));
            case ACTIVE -> {
                status = FlowStatus.STOPPING;
                transition = done;
                whenAllDone(closeEverything(true), () -> {
                    status = FlowStatus.STANDBY;
                    done.setSuccess(null);
                });
            }
        }
    }

    /** Sources first (nothing more arrives), then the ingest's buffers, then the outputs. */
    private List<Future<Void>> closeEverything(boolean resetSourceStates) {
        List<Future<Void>> closing = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            closing.add(sources[i].close());
            if (resetSourceStates || sourceStates[i] != EndpointState.ERROR) {
                sourceStates[i] = EndpointState.STANDBY;
                sourceErrors[i] = null;
            }
        }
        ingest.close();
        fanOut.discardBatch();
        for (OutputSlot slot : outputs.values()) {
            closing.add(slot.output.close());
            slot.state = EndpointState.STANDBY;
            slot.error = null;
        }
        return closing;
    }

    private Future<Void> openOutput(OutputSlot slot) {
        slot.state = EndpointState.STARTING;
        slot.error = null;
        Future<Void> opened = slot.output.open(loop);
        opened.addListener(f -> {
            if (outputs.get(slot.definition.name()) != slot || slot.state != EndpointState.STARTING) {
                return;   // removed, replaced or stopped meanwhile
            }
            slot.state = f.isSuccess() ? EndpointState.ACTIVE : EndpointState.ERROR;
            slot.error = f.isSuccess() ? null : f.cause().getMessage();
        });
        return opened;
    }

    private boolean running() {
        return status == FlowStatus.STARTING || status == FlowStatus.ACTIVE;
    }

    private void onAddOutput(OutputConfig definition, Output output, Promise<Void> done) {
        if (outputs.size() >= MAX_OUTPUTS) {
            done.setFailure(new IllegalStateException("flow " + name + " already has " + MAX_OUTPUTS
                    + " outputs, the most a flow can have: remove one first"));
            return;
        }
        if (outputs.containsKey(definition.name())) {
            done.setFailure(new IllegalArgumentException("flow " + name + " already has an output named "
                    + definition.name() + " (use updateOutput to change it)"));
            return;
        }
        OutputSlot slot = new OutputSlot(definition, output);
        outputs.put(definition.name(), slot);
        publishOutputs();
        if (running()) {
            openOutput(slot).addListener(new PromiseNotifier<>(done));
        } else {
            done.setSuccess(null);
        }
    }

    private void onRemoveOutput(String outputName, Promise<Void> done) {
        OutputSlot slot = outputs.remove(outputName);
        if (slot == null) {
            done.setFailure(new IllegalArgumentException("flow " + name + " has no output named " + outputName));
            return;
        }
        publishOutputs();
        slot.output.close().addListener(new PromiseNotifier<>(done));
    }

    private void onUpdateOutput(OutputConfig definition, Output output, Promise<Void> done) {
        OutputSlot old = outputs.get(definition.name());
        if (old == null) {
            done.setFailure(new IllegalArgumentException("flow " + name + " has no output named " + definition.name()));
            return;
        }
        OutputSlot slot = new OutputSlot(definition, output);
        outputs.put(definition.name(), slot);    // same key: keeps its position
        publishOutputs();
        old.output.close();
        if (running()) {
            openOutput(slot).addListener(new PromiseNotifier<>(done));
        } else {
            done.setSuccess(null);
        }
    }

    /** Copy-on-write: the fan-out gets a new array; the one it may be iterating is never changed. */
    private void publishOutputs() {
        Output[] array = new Output[outputs.size()];
        List<OutputConfig> definitions = new ArrayList<>(outputs.size());
        int i = 0;
        for (OutputSlot slot : outputs.values()) {
            array[i++] = slot.output;
            definitions.add(slot.definition);
        }
        fanOut.outputs(array);
        FlowConfig c = config;
        config = new FlowConfig(c.name(), c.availabilityZone(), c.sources(), c.sourceFailoverConfig(), definitions,
                c.entitlements(), c.mediaStreams(), c.vpcInterfaces(), c.maintenance(), c.flowSize(), c.flowTags(),
                c.sourceMember());
    }

    private FlowSnapshot takeSnapshot() {
        long nowNs = clock.nanoTime();
        IngestStats ingestStats = ingest.stats(nowNs);
        List<FlowSnapshot.SourceSnapshot> sourceSnapshots = new ArrayList<>(sources.length);
        for (int i = 0; i < sources.length; i++) {
            // the stage's figures and SourceSelected from the same instant
            boolean selected = ingestStats.leg(i) != null ? ingestStats.leg(i).inUse() : ingest.selected(i);
            sourceSnapshots.add(new FlowSnapshot.SourceSnapshot(sources[i].name(), sourceProtocols[i], sourceStates[i],
                    sourceErrors[i], sources[i].counters().snapshot(nowNs), monitors[i].health(), selected,
                    linkStats(sources[i]::linkStats)));
        }
        List<FlowSnapshot.OutputSnapshot> outputSnapshots = new ArrayList<>(outputs.size());
        for (OutputSlot slot : outputs.values()) {
            String protocol = slot.definition.protocol() == null ? "entitlement" : slot.definition.protocol().wireValue();
            outputSnapshots.add(new FlowSnapshot.OutputSnapshot(slot.definition.name(), protocol,
                    slot.state, slot.error, slot.output.counters().snapshot(nowNs), linkStats(slot.output::linkStats)));
        }
        return new FlowSnapshot(name, status, errorReason, nowNs, sourceSnapshots, outputSnapshots, ingestStats);
    }

    /** A protocol's own figures must never break a snapshot: a failing hook reports nothing (and says why). */
    private static LinkStats linkStats(java.util.function.Supplier<LinkStats> hook) {
        try {
            LinkStats stats = hook.get();
            return stats == null ? LinkStats.NONE : stats;
        } catch (RuntimeException e) {
            return LinkStats.builder().problem("statistics unavailable: " + e.getMessage()).build();
        }
    }

    private static void whenAllDone(List<? extends Future<?>> futures, Runnable then) {
        if (futures.isEmpty()) {
            then.run();
            return;
        }
        int[] remaining = {futures.size()};
        for (Future<?> future : futures) {
            future.addListener(f -> {
                if (--remaining[0] == 0) {
                    then.run();
                }
            });
        }
    }

    /** One output with its config and its state in this flow; loop-only. */
    private static final class OutputSlot {
        final OutputConfig definition;
        final Output output;
        EndpointState state = EndpointState.STANDBY;
        String error;

        OutputSlot(OutputConfig definition, Output output) {
            this.definition = definition;
            this.output = output;
        }
    }

    @Override
    public String toString() {
        return "Flow[" + name + ", " + status + "]";
    }
}
