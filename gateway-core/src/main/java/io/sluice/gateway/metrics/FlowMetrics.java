package io.sluice.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.gateway.flow.IngestStats;
import io.sluice.gateway.flow.LinkStats;
import io.sluice.protocols.mpegts.TsHealth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import static io.sluice.gateway.metrics.MetricNames.*;

/**
 * The Prometheus view of every flow, with MediaConnect's metric names ({@link MetricNames}). Each scrape takes one
 * {@link FlowHealth} copy per flow from the {@link FlowHealthProvider}, stores it in a cell, and the registered gauges
 * and function counters read that copy: the packet path never touches the metrics, and the flow's loop is asked once
 * per scrape. Meters of flows, sources and outputs that disappear are removed. Thread-safe (scrapes serialise).
 *
 * <p>A measurement that is unknown or does not apply (a round-trip time of NaN, a buffer of -1, merge figures of a
 * flow that does not merge) is left out of the exposition rather than shown as 0 or NaN: its series appears while
 * the figure is known and disappears when it is not, as CloudWatch publishes no data point. Counters that do not
 * apply to a protocol (ARQ on RTP) are 0, as {@link LinkStats} reports them.
 */
public final class FlowMetrics {
    private final FlowHealthProvider provider;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Cell<FlowHealth>> flowCells = new HashMap<>();
    private final Map<String, Cell<SourceView>> sourceCells = new HashMap<>();
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
            for (int i = 0; i < flow.sources().size(); i++) {
                FlowHealth.Source source = flow.sources().get(i);
                String key = flow.name() + '\u0000' + source.name();
                seenSources.add(key);
                sourceCells.computeIfAbsent(key, k -> registerSource(Tags.of(FLOW, flow.name(), SOURCE, source.name())))
                        .update(new SourceView(source, flow.ingest().mode(), flow.leg(i)));
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
        Cell<FlowHealth> cell = new Cell<>(tags);
        cell.gauge(FLOW_ACTIVE, f -> FlowHealth.ACTIVE.equals(f.status()) ? 1 : 0);
        cell.gauge(CONNECTED_OUTPUTS, f -> f.outputs().stream().filter(FlowHealth.Output::connected).count());
        cell.gauge(BIT_RATE, f -> active(f, s -> s.counters().bitrateBps()));
        cell.counter(TOTAL_PACKETS, f -> active(f, s -> s.counters().packets()));
        cell.counter(DROPPED_PACKETS, f -> active(f, s -> s.counters().lost()));
        cell.counter(RECOVERED_PACKETS, f -> active(f, s -> s.counters().recovered()));
        cell.counter(NOT_RECOVERED_PACKETS, f -> active(f, FlowMetrics::notRecovered));
        cell.gauge(CONNECTED, f -> active(f, s -> s.connected() ? 1 : 0));
        cell.counter(DISCONNECTIONS, f -> active(f, FlowHealth.Source::disconnections));
        cell.lossPercent(PACKET_LOSS_PERCENT);
        cell.counter(ARQ_REQUESTS, f -> active(f, s -> s.link().arqRequests()));
        cell.counter(ARQ_RECOVERED, f -> active(f, s -> s.link().arqRecovered()));
        cell.counter(FEC_PACKETS, f -> active(f, s -> s.link().fecPackets()));
        cell.counter(FEC_RECOVERED, f -> active(f, s -> s.link().fecRecovered()));
        cell.counter(OVERFLOW_PACKETS, f -> active(f, s -> s.link().overflowPackets()));
        cell.measurement(ROUND_TRIP_TIME, f -> f.activeSource() == null ? Double.NaN
                : f.activeSource().link().roundTripTimeMs());
        cell.optionalGauge(MERGE_ACTIVE, FlowMetrics::merging, f -> f.ingest().mergeActive() ? 1 : 0);
        cell.measurement(MERGE_LATENCY, f -> merging(f) ? f.ingest().mergeLatencyMs() : Double.NaN);
        cell.optionalCounter(FAILOVER_SWITCHES, f -> f.ingest().mode() == IngestStats.Mode.FAILOVER,
                f -> f.ingest().failoverSwitches());
        cell.optionalCounter(MERGE_OUTPUT_PACKETS, FlowMetrics::merging, f -> f.ingest().mergeOutputPackets());
        cell.optionalCounter(MERGE_LOST_PACKETS, FlowMetrics::merging, f -> f.ingest().mergeLostPackets());
        cell.optionalCounter(MERGE_RESYNCS, FlowMetrics::merging, f -> f.ingest().mergeResyncs());
        tr101290(cell, "", f -> f.activeSource() == null ? null : f.activeSource().ts());
        return cell;
    }

    private Cell<SourceView> registerSource(Tags tags) {
        Cell<SourceView> cell = new Cell<>(tags);
        cell.gauge(SOURCE_BIT_RATE, v -> v.source.counters().bitrateBps());
        cell.counter(SOURCE_TOTAL_PACKETS, v -> v.source.counters().packets());
        cell.counter(SOURCE_DROPPED_PACKETS, v -> v.source.counters().lost());
        cell.counter(SOURCE_RECOVERED_PACKETS, v -> v.source.counters().recovered());
        cell.counter(SOURCE_NOT_RECOVERED_PACKETS, v -> notRecovered(v.source));
        cell.counter(SOURCE_DUPLICATE_PACKETS, v -> v.source.counters().duplicates());
        cell.counter(SOURCE_REORDERED_PACKETS, v -> v.source.counters().reordered());
        cell.counter(SOURCE_ALLOW_LIST_DROPS, v -> v.source.counters().droppedByAllowList());
        cell.counter(SOURCE_MALFORMED_PACKETS, v -> v.source.counters().malformed());
        cell.gauge(SOURCE_CONNECTED, v -> v.source.connected() ? 1 : 0);
        cell.gauge(SOURCE_SELECTED, v -> v.source.selected() ? 1 : 0);
        cell.counter(SOURCE_DISCONNECTIONS, v -> v.source.disconnections());
        cell.lossPercent(SOURCE_PACKET_LOSS_PERCENT);
        cell.counter(SOURCE_ARQ_REQUESTS, v -> v.link().arqRequests());
        cell.counter(SOURCE_ARQ_RECOVERED, v -> v.link().arqRecovered());
        cell.counter(SOURCE_FEC_PACKETS, v -> v.link().fecPackets());
        cell.counter(SOURCE_FEC_RECOVERED, v -> v.link().fecRecovered());
        cell.counter(SOURCE_OVERFLOW_PACKETS, v -> v.link().overflowPackets());
        cell.counter(CONNECTION_ATTEMPTS, v -> v.link().connectionAttempts());
        cell.counter(SOURCE_DECRYPTION_FAILURES, v -> v.link().decryptionFailures());
        cell.gauge(SOURCE_LINK_PROBLEM, v -> v.link().problem() == null ? 0 : 1);
        cell.measurement(SOURCE_ROUND_TRIP_TIME, v -> v.link().roundTripTimeMs());
        cell.measurement(SOURCE_LINK_BANDWIDTH, v -> v.link().bandwidthMbps() * 1e6);
        cell.measurement(SOURCE_BUFFER_MS, v -> v.link().bufferMs() < 0 ? Double.NaN : v.link().bufferMs());
        // MediaConnect: "1 = this source is in use, by merge or as active failover source": two-source flows only.
        cell.optionalGauge(SOURCE_MERGE_ACTIVE, v -> v.leg != null, v -> v.leg.inUse() ? 1 : 0);
        cell.measurement(SOURCE_MERGE_LATENCY, v -> v.merging() ? v.leg.trailMs() : Double.NaN);
        cell.optionalCounter(SOURCE_STANDBY_DROPPED, v -> v.leg != null && v.mode == IngestStats.Mode.FAILOVER,
                v -> v.leg.standbyDropped());
        cell.optionalCounter(SOURCE_MERGE_FIRST, SourceView::merging, v -> v.leg.forwarded());
        cell.optionalCounter(SOURCE_MERGE_FILLED, SourceView::merging, v -> v.leg.filled());
        cell.optionalCounter(SOURCE_MERGE_LATE, SourceView::merging, v -> v.leg.late());
        tr101290(cell, "Source", v -> v.source.ts());
        return cell;
    }

    private Cell<FlowHealth.Output> registerOutput(Tags tags) {
        Cell<FlowHealth.Output> cell = new Cell<>(tags);
        cell.gauge(OUTPUT_BITRATE, o -> o.counters().bitrateBps());
        cell.counter(OUTPUT_TOTAL_PACKETS, o -> o.counters().packets());
        cell.counter(OUTPUT_DROPPED_PACKETS, o -> o.counters().dropped());
        cell.counter(OUTPUT_SEND_ERRORS, o -> o.counters().sendErrors());
        cell.gauge(OUTPUT_CONNECTED, o -> o.connected() ? 1 : 0);
        cell.counter(OUTPUT_DISCONNECTIONS, FlowHealth.Output::disconnections);
        cell.counter(OUTPUT_ARQ_REQUESTS, o -> o.link().arqRequests());
        cell.counter(OUTPUT_RETRANSMITTED_PACKETS, o -> o.link().retransmitted());
        cell.counter(OUTPUT_FEC_PACKETS, o -> o.link().fecPackets());
        cell.counter(OUTPUT_OVERFLOW_PACKETS, o -> o.link().overflowPackets());
        cell.counter(OUTPUT_CONNECTION_ATTEMPTS, o -> o.link().connectionAttempts());
        cell.gauge(OUTPUT_LINK_PROBLEM, o -> o.link().problem() == null ? 0 : 1);
        cell.measurement(OUTPUT_ROUND_TRIP_TIME, o -> o.link().roundTripTimeMs());
        cell.measurement(OUTPUT_LINK_BANDWIDTH, o -> o.link().bandwidthMbps() * 1e6);
        cell.measurement(OUTPUT_BUFFER_MS, o -> o.link().bufferMs() < 0 ? Double.NaN : o.link().bufferMs());
        return cell;
    }

    /** The TR 101 290 counters MediaConnect publishes, read from the {@link TsHealth} of the cell's snapshot. */
    private static <T> void tr101290(Cell<T> cell, String prefix, Function<T, TsHealth> ts) {
        cell.counter(prefix + TS_SYNC_LOSS, v -> orZero(ts.apply(v), TsHealth::syncLosses));
        cell.counter(prefix + TS_BYTE_ERROR, v -> orZero(ts.apply(v), TsHealth::syncByteErrors));
        cell.counter(prefix + PAT_ERROR, v -> orZero(ts.apply(v), TsHealth::patErrors));
        cell.counter(prefix + PMT_ERROR, v -> orZero(ts.apply(v), TsHealth::pmtErrors));
        cell.counter(prefix + PID_ERROR, v -> orZero(ts.apply(v), TsHealth::pidErrors));
        cell.counter(prefix + CONTINUITY_COUNTER, v -> orZero(ts.apply(v), TsHealth::continuityErrors));
        cell.counter(prefix + TRANSPORT_ERROR, v -> orZero(ts.apply(v), TsHealth::transportErrors));
        cell.counter(prefix + CRC_ERROR, v -> orZero(ts.apply(v), TsHealth::crcErrors));
        cell.counter(prefix + PCR_ERROR, v -> orZero(ts.apply(v), TsHealth::pcrErrors));
        cell.counter(prefix + CAT_ERROR, v -> orZero(ts.apply(v), TsHealth::catErrors));
    }

    private static boolean merging(FlowHealth flow) {
        return flow.ingest().mode() == IngestStats.Mode.MERGE;
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
            entry.getValue().removeAll();
            return true;
        });
    }

    /** One source with what the flow's ingest stage says about it (null leg for one-source flows). */
    private record SourceView(FlowHealth.Source source, IngestStats.Mode mode, IngestStats.Leg leg) {
        LinkStats link() {
            return source.link();
        }

        boolean merging() {
            return leg != null && mode == IngestStats.Mode.MERGE;
        }
    }

    /**
     * The latest copy of one flow, source or output, and the meters that read it. Most meters are registered once;
     * optional ones are registered while their figure applies (checked at each update) and removed when it stops.
     */
    private final class Cell<T> {
        private final Tags tags;
        private final List<Meter> meters = new ArrayList<>();
        private final List<OptionalMeter> optionals = new ArrayList<>();
        volatile T latest;
        volatile double intervalLossPercent;
        private long lastPackets;
        private long lastLost;

        Cell(Tags tags) {
            this.tags = tags;
        }

        void gauge(String name, ToDoubleFunction<T> value) {
            meters.add(Gauge.builder(name, this, c -> c.latest == null ? Double.NaN : value.applyAsDouble(c.latest))
                    .tags(tags).register(registry));
        }

        void counter(String name, ToLongFunction<T> value) {
            meters.add(FunctionCounter.builder(name, this, c -> c.latest == null ? 0 : value.applyAsLong(c.latest))
                    .tags(tags).register(registry));
        }

        /** PacketLossPercent as MediaConnect publishes it: lost / expected over the interval since the last scrape. */
        void lossPercent(String name) {
            meters.add(Gauge.builder(name, this, c -> c.intervalLossPercent).tags(tags).register(registry));
        }

        /** A gauge published only while {@code applies} holds for the latest copy. */
        void optionalGauge(String name, Predicate<T> applies, ToDoubleFunction<T> value) {
            optionals.add(new OptionalMeter(applies, () -> Gauge.builder(name, this,
                    c -> c.latest == null ? Double.NaN : value.applyAsDouble(c.latest)).tags(tags).register(registry)));
        }

        /** A counter published only while {@code applies} holds for the latest copy. */
        void optionalCounter(String name, Predicate<T> applies, ToLongFunction<T> value) {
            optionals.add(new OptionalMeter(applies, () -> FunctionCounter.builder(name, this,
                    c -> c.latest == null ? 0 : value.applyAsLong(c.latest)).tags(tags).register(registry)));
        }

        /** A measurement: published while it is a finite number, absent while unknown (NaN). */
        void measurement(String name, ToDoubleFunction<T> value) {
            optionalGauge(name, v -> Double.isFinite(value.applyAsDouble(v)), value);
        }

        void update(T value) {
            latest = value;
            for (OptionalMeter optional : optionals) {
                optional.sync(value);
            }
            FlowHealth.Source source = value instanceof SourceView v ? v.source()
                    : value instanceof FlowHealth f ? f.activeSource() : null;
            if (source != null) {
                long packets = source.counters().packets() - lastPackets;
                long lost = source.counters().lost() - lastLost;
                intervalLossPercent = packets < 0 || lost <= 0 ? 0 : 100.0 * lost / (packets + lost);
                lastPackets = source.counters().packets();
                lastLost = source.counters().lost();
            }
        }

        void removeAll() {
            meters.forEach(registry::remove);
            for (OptionalMeter optional : optionals) {
                optional.remove();
            }
        }

        /** One optional meter: registered while {@code applies}. */
        private final class OptionalMeter {
            private final Predicate<T> applies;
            private final Supplier<Meter> register;
            private Meter meter;

            OptionalMeter(Predicate<T> applies, Supplier<Meter> register) {
                this.applies = applies;
                this.register = register;
            }

            void sync(T value) {
                boolean wanted = applies.test(value);
                if (wanted && meter == null) {
                    meter = register.get();
                } else if (!wanted && meter != null) {
                    remove();
                }
            }

            void remove() {
                if (meter != null) {
                    registry.remove(meter);
                    meter = null;
                }
            }
        }
    }
}
