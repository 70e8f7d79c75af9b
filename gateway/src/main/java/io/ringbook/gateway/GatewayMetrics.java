package io.ringbook.gateway;

import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What the gateway counts for {@code GET /metrics}: requests by protocol, operation and outcome; request latency
 * (from the request's arrival at the gateway to its reply being handed to the connection) as HdrHistogram quantiles
 * per protocol and operation since start; create results by operation and result code; and the ring occupancy and
 * journal lag read from the engine at scrape time. Recording is wait-free and allocation-free from any thread.
 */
public final class GatewayMetrics {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};
    private static final long LATENCY_MAX_NS = 60_000_000_000L;
    private static final int LATENCY_DIGITS = 2;
    private static final int RESULT_CODES = 256;
    private static final double NS_PER_SECOND = 1e9;

    private final RingbookEngine engine;
    private final LongSupplier snapshotsWritten;
    private final LongAdder[][][] requests =
        new LongAdder[Protocol.values().length][Operation.values().length][Outcome.values().length];
    private final Recorder[][] latencies = new Recorder[Protocol.values().length][Operation.values().length];
    private final Histogram[][] latencySinceStart = new Histogram[Protocol.values().length][Operation.values().length];
    private final AtomicLongArray accountResults = new AtomicLongArray(RESULT_CODES);
    private final AtomicLongArray transferResults = new AtomicLongArray(RESULT_CODES);
    private final Histogram[][] intervals = new Histogram[Protocol.values().length][Operation.values().length];

    /**
     * @param engine           read at scrape time for ring occupancy and journal lag
     * @param snapshotsWritten snapshots written since start, read at scrape time
     */
    public GatewayMetrics(final RingbookEngine engine, final LongSupplier snapshotsWritten) {
        this.engine = engine;
        this.snapshotsWritten = snapshotsWritten;
        for (final Protocol protocol : Protocol.values()) {
            for (final Operation operation : Operation.values()) {
                for (final Outcome outcome : Outcome.values()) {
                    requests[protocol.ordinal()][operation.ordinal()][outcome.ordinal()] = new LongAdder();
                }
                latencies[protocol.ordinal()][operation.ordinal()] = new Recorder(LATENCY_MAX_NS, LATENCY_DIGITS);
                latencySinceStart[protocol.ordinal()][operation.ordinal()] =
                    new Histogram(LATENCY_MAX_NS, LATENCY_DIGITS);
            }
        }
    }

    /** Counts one request and, for answered ones, records its latency in nanoseconds (clamped to 1 ns .. 60 s). */
    public void request(final Protocol protocol, final Operation operation, final Outcome outcome,
                        final long latencyNs) {
        requests[protocol.ordinal()][operation.ordinal()][outcome.ordinal()].increment();
        if (outcome == Outcome.OK) {
            latencies[protocol.ordinal()][operation.ordinal()]
                .recordValue(Math.max(1, Math.min(LATENCY_MAX_NS, latencyNs)));
        }
    }

    /**
     * Counts {@code count} create results with result code {@code status}. Callers add runs of equal codes at once
     * (a request where everything was created is one call).
     */
    public void results(final Operation operation, final int status, final long count) {
        if (status < 0 || status >= RESULT_CODES) {
            throw new IllegalArgumentException("result code out of range: " + status);
        }
        if (operation == Operation.CREATE_ACCOUNTS) {
            accountResults.addAndGet(status, count);
        } else if (operation == Operation.CREATE_TRANSFERS) {
            transferResults.addAndGet(status, count);
        } else {
            throw new IllegalArgumentException("only create operations have results: " + operation);
        }
    }

    /** The Prometheus text exposition (format 0.0.4) of every metric. */
    public synchronized String render() {
        final StringBuilder out = new StringBuilder(16 * 1024);
        out.append("# HELP ringbook_requests_total Requests by protocol, operation and outcome.\n")
            .append("# TYPE ringbook_requests_total counter\n");
        forEachSeries((protocol, operation) -> {
            for (final Outcome outcome : Outcome.values()) {
                final long value = requests[protocol.ordinal()][operation.ordinal()][outcome.ordinal()].sum();
                if (value > 0) {
                    out.append("ringbook_requests_total{protocol=\"").append(protocol.label())
                        .append("\",operation=\"").append(label(operation)).append("\",outcome=\"")
                        .append(outcome.label()).append("\"} ").append(value).append('\n');
                }
            }
        });
        renderLatencies(out);
        out.append("# HELP ringbook_create_results_total Create results by operation and result code.\n")
            .append("# TYPE ringbook_create_results_total counter\n");
        renderResults(out, Operation.CREATE_ACCOUNTS, accountResults);
        renderResults(out, Operation.CREATE_TRANSFERS, transferResults);
        gauge(out, "ringbook_ring_occupancy", "Ring slots claimed and not yet answered.", engine.ringOccupancy());
        gauge(out, "ringbook_journal_lag", "Ring slots published and not yet journaled.",
            Math.max(0, engine.journalLag()));
        gauge(out, "ringbook_engine_halted", "1 once the engine halted after an internal error.",
            engine.isHalted() ? 1 : 0);
        out.append("# HELP ringbook_snapshots_total Snapshots written since start.\n")
            .append("# TYPE ringbook_snapshots_total counter\n")
            .append("ringbook_snapshots_total ").append(snapshotsWritten.getAsLong()).append('\n');
        return out.toString();
    }

    private void renderLatencies(final StringBuilder out) {
        out.append("# HELP ringbook_request_latency_seconds Request latency in the gateway since start.\n")
            .append("# TYPE ringbook_request_latency_seconds summary\n");
        forEachSeries((protocol, operation) -> {
            final Histogram total = latencySinceStart[protocol.ordinal()][operation.ordinal()];
            // A recorder only recycles the interval histograms it handed out itself.
            final Histogram interval = latencies[protocol.ordinal()][operation.ordinal()]
                .getIntervalHistogram(intervals[protocol.ordinal()][operation.ordinal()]);
            intervals[protocol.ordinal()][operation.ordinal()] = interval;
            total.add(interval);
            if (total.getTotalCount() == 0) {
                return;
            }
            final String labels = "protocol=\"" + protocol.label() + "\",operation=\"" + label(operation) + "\"";
            for (final double quantile : QUANTILES) {
                out.append("ringbook_request_latency_seconds{").append(labels).append(",quantile=\"")
                    .append(quantile).append("\"} ")
                    .append(seconds(total.getValueAtPercentile(quantile * 100))).append('\n');
            }
            out.append("ringbook_request_latency_seconds_sum{").append(labels).append("} ")
                .append(seconds((long) (total.getMean() * total.getTotalCount()))).append('\n')
                .append("ringbook_request_latency_seconds_count{").append(labels).append("} ")
                .append(total.getTotalCount()).append('\n');
        });
    }

    private static void renderResults(final StringBuilder out, final Operation operation,
                                      final AtomicLongArray counts) {
        for (int code = 0; code < counts.length(); code++) {
            final long value = counts.get(code);
            if (value > 0) {
                out.append("ringbook_create_results_total{operation=\"").append(label(operation))
                    .append("\",result=\"").append(resultName(operation, code)).append("\"} ").append(value)
                    .append('\n');
            }
        }
    }

    private static String resultName(final Operation operation, final int code) {
        if (operation == Operation.CREATE_ACCOUNTS) {
            final CreateAccountResult result = CreateAccountResult.ofCode(code);
            return result == null ? Integer.toString(code) : result.wireName();
        }
        final CreateTransferResult result = CreateTransferResult.ofCode(code);
        return result == null ? Integer.toString(code) : result.wireName();
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
            .append("# TYPE ").append(name).append(" gauge\n")
            .append(name).append(' ').append(value).append('\n');
    }

    private static void forEachSeries(final SeriesVisitor visitor) {
        for (final Protocol protocol : Protocol.values()) {
            for (final Operation operation : Operation.values()) {
                visitor.visit(protocol, operation);
            }
        }
    }

    private static String label(final Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    private static String seconds(final long nanos) {
        return Double.toString(nanos / NS_PER_SECOND);
    }

    /** Which front door a request came through. */
    public enum Protocol {
        BINARY, HTTP;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a request ended, as far as the gateway is concerned (per-event results are counted separately). */
    public enum Outcome {
        /** Answered by the engine. */
        OK,
        /** Rejected because the ring was full (retryable). */
        BUSY,
        /** Rejected before reaching the ring: malformed, out of range, too large. */
        INVALID,
        /** The engine halted or the server is shutting down. */
        UNAVAILABLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @FunctionalInterface
    private interface SeriesVisitor {
        void visit(Protocol protocol, Operation operation);
    }
}
