package io.sluice.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.protocols.mpegts.TsHealth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import static io.sluice.gateway.metrics.MetricNames.*;

/**
 * The Prometheus view of every flow, with MediaConnect's metric names ({@link MetricNames}). Each scrape takes one
 * {@link FlowHealth} copy per flow from the {@link FlowHealthProvider}, stores it in a cell, and the registered gauges
 * and function counters read that copy: the packet path never touches the metrics, and the flow's loop is asked once
 * per scrape. Meters of flows, sources and outputs that disappear are removed. Thread-safe (scrapes serialise).
 */
public final class FlowMetrics {
    private final FlowHealthProvider provider;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Cell<FlowHealth>> flowCells = new HashMap<>();
    private final Map<String, Cell<FlowHealth.Source>> sourceCells = new HashMap<>();
    private final Map<String, Cell<FlowHealth.Output>> outputCells = new HashMap<>();
    private List<FlowHealth> lastFlows = List.of();

    public FlowMetrics(FlowHealthProvider provider) {
        this.provider = provider;
    }

    /** Refreshes every figure from the flows and returns the Prometheus text exposition (format 0.0.4). */
    public synchronized String scrape() {
        refresh();
        return registry.scrape();
    }

    /** The flows as of the last {@link #scrape()} or {@link #refresh()}. */
    public synchronized List<FlowHealth> lastFlows() {
        return lastFlows;
    }

    /** Takes a fresh copy of every flow and updates the meters; returns the copies. */
    public synchronized List<FlowHealth> refresh() {
        List<FlowHealth> flows = provider.flows();
        Set<String> seenFlows = new HashSet<>();
        Set<String> seenSources = new HashSet<>();
        Set<String> seenOutputs = new HashSet<>();
        for (FlowHealth flow : flows) {
            seenFlows.add(flow.name());
            flowCells.computeIfAbsent(flow.name(), name -> registerFlow(Tags.of(FLOW, name))).update(flow);
            for (FlowHealth.Source source : flow.sources()) {
                String key = flow.name() + '\u0000' + source.name();
                seenSources.add(key);
                sourceCells.computeIfAbsent(key, k -> registerSource(Tags.of(FLOW, flow.name(), SOURCE, source.name())))
                        .update(source);
            }
            for (FlowHealth.Output output : flow.outputs()) {
                String key = flow.name() + '\u0000' + output.name();
                seenOutputs.add(key);
                outputCells.computeIfAbsent(key, k -> registerOutput(Tags.of(FLOW, flow.name(), OUTPUT, output.name())))
                        .update(output);
            }
        }
        removeUnseen(flowCells, seenFlows);
        removeUnseen(sourceCells, seenSources);
        removeUnseen(outputCells, seenOutputs);
        lastFlows = List.copyOf(flows);
        return lastFlows;
    }

    private Cell<FlowHealth> registerFlow(Tags tags) {
        Cell<FlowHealth> cell = new Cell<>();
        gauge(cell, FLOW_ACTIVE, tags, f -> FlowHealth.ACTIVE.equals(f.status()) ? 1 : 0);
        gauge(cell, CONNECTED_OUTPUTS, tags, f -> f.outputs().stream().filter(FlowHealth.Output::connected).count());
        gauge(cell, BIT_RATE, tags, f -> active(f, s -> s.counters().bitrateBps()));
        counter(cell, TOTAL_PACKETS, tags, f -> active(f, s -> s.counters().packets()));
        counter(cell, DROPPED_PACKETS, tags, f -> active(f, s -> s.counters().lost()));
        counter(cell, RECOVERED_PACKETS, tags, f -> active(f, s -> s.counters().recovered()));
        counter(cell, NOT_RECOVERED_PACKETS, tags, f -> active(f, s -> notRecovered(s)));
        gauge(cell, CONNECTED, tags, f -> active(f, s -> s.connected() ? 1 : 0));
        counter(cell, DISCONNECTIONS, tags, f -> active(f, FlowHealth.Source::disconnections));
        Gauge.builder(PACKET_LOSS_PERCENT, cell, c -> c.intervalLossPercent).tags(tags).register(registry);
        cell.meters.add(registry.find(PACKET_LOSS_PERCENT).tags(tags).gauge());
        tr101290(cell, "", tags, f -> f.activeSource() == null ? null : f.activeSource().ts());
        return cell;
    }

    private Cell<FlowHealth.Source> registerSource(Tags tags) {
        Cell<FlowHealth.Source> cell = new Cell<>();
        gauge(cell, SOURCE_BIT_RATE, tags, s -> s.counters().bitrateBps());
        counter(cell, SOURCE_TOTAL_PACKETS, tags, s -> s.counters().packets());
        counter(cell, SOURCE_DROPPED_PACKETS, tags, s -> s.counters().lost());
        counter(cell, SOURCE_RECOVERED_PACKETS, tags, s -> s.counters().recovered());
        counter(cell, SOURCE_NOT_RECOVERED_PACKETS, tags, FlowMetrics::notRecovered);
        counter(cell, SOURCE_DUPLICATE_PACKETS, tags, s -> s.counters().duplicates());
        counter(cell, SOURCE_REORDERED_PACKETS, tags, s -> s.counters().reordered());
        counter(cell, SOURCE_ALLOW_LIST_DROPS, tags, s -> s.counters().droppedByAllowList());
        counter(cell, SOURCE_MALFORMED_PACKETS, tags, s -> s.counters().malformed());
        gauge(cell, SOURCE_CONNECTED, tags, s -> s.connected() ? 1 : 0);
        gauge(cell, SOURCE_SELECTED, tags, s -> s.selected() ? 1 : 0);
        counter(cell, SOURCE_DISCONNECTIONS, tags, FlowHealth.Source::disconnections);
        Gauge.builder(SOURCE_PACKET_LOSS_PERCENT, cell, c -> c.intervalLossPercent).tags(tags).register(registry);
        cell.meters.add(registry.find(SOURCE_PACKET_LOSS_PERCENT).tags(tags).gauge());
        tr101290(cell, "Source", tags, FlowHealth.Source::ts);
        return cell;
    }

    private Cell<FlowHealth.Output> registerOutput(Tags tags) {
        Cell<FlowHealth.Output> cell = new Cell<>();
        gauge(cell, OUTPUT_BITRATE, tags, o -> o.counters().bitrateBps());
        counter(cell, OUTPUT_TOTAL_PACKETS, tags, o -> o.counters().packets());
        counter(cell, OUTPUT_DROPPED_PACKETS, tags, o -> o.counters().dropped());
        counter(cell, OUTPUT_SEND_ERRORS, tags, o -> o.counters().sendErrors());
        gauge(cell, OUTPUT_CONNECTED, tags, o -> o.connected() ? 1 : 0);
        counter(cell, OUTPUT_DISCONNECTIONS, tags, FlowHealth.Output::disconnections);
        return cell;
    }

    /** The TR 101 290 counters MediaConnect publishes, read from the {@link TsHealth} of the cell's snapshot. */
    private <T> void tr101290(Cell<T> cell, String prefix, Tags tags, Function<T, TsHealth> ts) {
        counter(cell, prefix + TS_SYNC_LOSS, tags, v -> orZero(ts.apply(v), TsHealth::syncLosses));
        counter(cell, prefix + TS_BYTE_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::syncByteErrors));
        counter(cell, prefix + PAT_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::patErrors));
        counter(cell, prefix + PMT_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::pmtErrors));
        counter(cell, prefix + PID_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::pidErrors));
        counter(cell, prefix + CONTINUITY_COUNTER, tags, v -> orZero(ts.apply(v), TsHealth::continuityErrors));
        counter(cell, prefix + TRANSPORT_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::transportErrors));
        counter(cell, prefix + CRC_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::crcErrors));
        counter(cell, prefix + PCR_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::pcrErrors));
        counter(cell, prefix + CAT_ERROR, tags, v -> orZero(ts.apply(v), TsHealth::catErrors));
    }

    private <T> void gauge(Cell<T> cell, String name, Tags tags, ToDoubleFunction<T> value) {
        cell.meters.add(Gauge.builder(name, cell, c -> c.latest == null ? Double.NaN : value.applyAsDouble(c.latest))
                .tags(tags).register(registry));
    }

    private <T> void counter(Cell<T> cell, String name, Tags tags, ToLongFunction<T> value) {
        cell.meters.add(FunctionCounter.builder(name, cell, c -> c.latest == null ? 0 : value.applyAsLong(c.latest))
                .tags(tags).register(registry));
    }

    private static long active(FlowHealth flow, ToLongFunction<FlowHealth.Source> value) {
        FlowHealth.Source source = flow.activeSource();
        return source == null ? 0 : value.applyAsLong(source);
    }

    private static long notRecovered(FlowHealth.Source source) {
        return Math.max(0, source.counters().lost() - source.counters().recovered());
    }

    private static long orZero(TsHealth health, ToLongFunction<TsHealth> value) {
        return health == null ? 0 : value.applyAsLong(health);
    }

    private <T> void removeUnseen(Map<String, Cell<T>> cells, Set<String> seen) {
        cells.entrySet().removeIf(entry -> {
            if (seen.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().meters.forEach(registry::remove);
            return true;
        });
    }

    /** The latest copy of one flow, source or output, and the meters that read it. */
    private static final class Cell<T> {
        final List<Meter> meters = new ArrayList<>();
        volatile T latest;
        volatile double intervalLossPercent;
        private long lastPackets;
        private long lastLost;

        void update(T value) {
            latest = value;
            FlowHealth.Source source = value instanceof FlowHealth.Source s ? s
                    : value instanceof FlowHealth f ? f.activeSource() : null;
            if (source != null) {
                // PacketLossPercent as MediaConnect publishes it: lost / expected over the interval since the last scrape.
                long packets = source.counters().packets() - lastPackets;
                long lost = source.counters().lost() - lastLost;
                intervalLossPercent = packets < 0 || lost <= 0 ? 0 : 100.0 * lost / (packets + lost);
                lastPackets = source.counters().packets();
                lastLost = source.counters().lost();
            }
        }
    }
}
