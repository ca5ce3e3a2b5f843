package io.sluice.bench.load;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Runs constant-rate steps through one started gateway: resets the receiver, sends for the step time, waits until
 * the outputs drain (no new packet for 300 ms, at most 3 s), then reads the receiver and the gateway's CPU time.
 * Steps never overlap: each counts only its own sequence numbers.
 */
public final class StepRunner implements AutoCloseable {
    private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long MAX_DRAIN_NS = TimeUnit.SECONDS.toNanos(3);
    private final PacedSender sender;
    private final FanOutReceiver receiver;
    private final GatewayProcess gateway;
    private final int outputs;

    /** Takes ownership of {@code receiver} and {@code gateway}: {@link #close()} stops both. */
    public StepRunner(String host, int ingestPort, FanOutReceiver receiver, GatewayProcess gateway, int outputs) {
        this.sender = new PacedSender(new InetSocketAddress(host, ingestPort));
        this.receiver = receiver;
        this.gateway = gateway;
        this.outputs = outputs;
    }

    /**
     * Sends 200 packets/s until a packet arrives on every output (the gateway has bound its sockets and opened its
     * flow), or fails with the gateway's log after {@code timeoutMs}.
     */
    public void awaitReady(long timeoutMs) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        receiver.reset(sender.nextSequence());
        while (receiver.snapshot().fewestOnOneOutput() == 0) {
            gateway.requireAlive();
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IllegalStateException("the gateway delivered nothing on some of its " + outputs
                        + " outputs within " + timeoutMs + " ms; its log:\n" + gateway.logTail(4000));
            }
            sender.send(200, TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** One step at {@code mbps} for {@code durationMs}. */
    public StepResult run(double mbps, long durationMs) {
        gateway.requireAlive();
        long first = sender.nextSequence();
        receiver.reset(first);
        long selfPid = ProcessHandle.current().pid();
        double cpuBefore = gateway.cpuSeconds();
        double selfBefore = ProcessCpu.seconds(selfPid);
        double busyBefore = SystemCpu.busySeconds();
        long startNs = System.nanoTime();
        long sent = sender.send(LoadPacket.packetsPerSecond(mbps), TimeUnit.MILLISECONDS.toNanos(durationMs));
        long sendNs = System.nanoTime() - startNs;
        ReceiverStats.Snapshot snapshot = drain(sent * outputs);
        double cpu = gateway.cpuSeconds() - cpuBefore;
        double windowSeconds = (System.nanoTime() - startNs) / 1e9;
        double others = SystemCpu.busySeconds() - busyBefore - cpu - (ProcessCpu.seconds(selfPid) - selfBefore);
        gateway.requireAlive();
        double seconds = sendNs / 1e9;
        var latency = snapshot.latencyNs();
        boolean any = latency.getTotalCount() > 0;
        return new StepResult(mbps, LoadPacket.mbps(sent / seconds), outputs, sent, snapshot.received(),
                snapshot.outOfOrder(), snapshot.received() / seconds,
                any ? latency.getValueAtPercentile(50) : -1, any ? latency.getValueAtPercentile(99) : -1,
                any ? latency.getMaxValue() : -1, any ? snapshot.readLatencyNs().getValueAtPercentile(99) : -1,
                windowSeconds, cpu, Math.max(0, others));
    }

    private ReceiverStats.Snapshot drain(long expected) {
        long startNs = System.nanoTime();
        long lastChangeNs = startNs;
        ReceiverStats.Snapshot snapshot = receiver.snapshot();
        while (snapshot.received() < expected) {
            long nowNs = System.nanoTime();
            if (nowNs - lastChangeNs >= QUIET_NS || nowNs - startNs >= MAX_DRAIN_NS) {
                break;
            }
            sleepMs(50);
            ReceiverStats.Snapshot next = receiver.snapshot();
            if (next.received() != snapshot.received()) {
                lastChangeNs = System.nanoTime();
            }
            snapshot = next;
        }
        return snapshot;
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try (gateway; receiver) {
            sender.close();
        }
    }
}
