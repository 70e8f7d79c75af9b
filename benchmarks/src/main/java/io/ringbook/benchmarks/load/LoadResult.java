package io.ringbook.benchmarks.load;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ringbook.benchmarks.Workload;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What one load run measured, printed for people and written as JSON for the report. */
record LoadResult(long events, long rejected, long failed, long elapsedNs, Histogram latency, Throwable failure) {
    private static final double NS_PER_SECOND = 1e9;
    private static final double NS_PER_US = 1e3;
    /** The points of the latency curve in the JSON (percentiles). */
    private static final double[] CURVE = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99,
        99.25, 99.5, 99.75, 99.9, 99.95, 99.99, 99.999, 100};

    /**
     * The server a run started ({@code --start-server}).
     *
     * @param options        the server options it was started with
     * @param secondsToReady from starting its JVM to its "ready" line
     * @param residentBytes  its resident memory after the run ({@code VmRSS}), -1 if unknown
     * @param latencyMicros  its own create_transfers latency quantiles (frame decoded to reply encoded)
     */
    record Server(List<String> options, double secondsToReady, long residentBytes, Map<String, Double> latencyMicros) {
    }

    double eventsPerSecond() {
        return events / (elapsedNs / NS_PER_SECOND);
    }

    void print(final PrintStream out, final LoadGenerator settings, final Workload workload, final int requestSize) {
        out.printf("%n%s over %s, requests of %d: %,d events in %.2f s = %,.0f events/s; %,d not created "
                + "(%.2f%%), %,d requests failed%n", workload, settings.protocol, requestSize, events,
            elapsedNs / NS_PER_SECOND, eventsPerSecond(), rejected, 100.0 * rejected / Math.max(1, events), failed);
        out.printf("request latency (us): p50 %,.0f  p90 %,.0f  p99 %,.0f  p99.9 %,.0f  max %,.0f  (%,d requests%s)%n",
            micros(50), micros(90), micros(99), micros(99.9), latency.getMaxValue() / NS_PER_US,
            latency.getTotalCount(), settings.rate > 0
                ? String.format(", open loop at %.0f/s, measured from the due time", settings.rate) : ", closed loop");
        out.printf("client: %d connections, JDK %s, %d cores%n", settings.connections, Runtime.version(),
            Runtime.getRuntime().availableProcessors());
        if (failure != null) {
            out.println("first failure: " + failure);
        }
    }

    void writeJson(final Path file, final LoadGenerator settings, final Workload workload, final int requestSize,
                   final Server server) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("workload", workload.id());
            json.writeStringField("protocol", settings.protocol);
            json.writeNumberField("batch", requestSize);
            json.writeNumberField("connections", settings.connections);
            json.writeNumberField("in_flight", settings.inFlight);
            json.writeNumberField("offered_requests_per_second", settings.rate);
            json.writeNumberField("events", events);
            json.writeNumberField("not_created", rejected);
            json.writeNumberField("failed_requests", failed);
            json.writeNumberField("seconds", elapsedNs / NS_PER_SECOND);
            json.writeNumberField("events_per_second", eventsPerSecond());
            json.writeObjectFieldStart("latency_us");
            json.writeNumberField("p50", micros(50));
            json.writeNumberField("p90", micros(90));
            json.writeNumberField("p99", micros(99));
            json.writeNumberField("p99_9", micros(99.9));
            json.writeNumberField("max", latency.getMaxValue() / NS_PER_US);
            json.writeNumberField("requests", latency.getTotalCount());
            json.writeEndObject();
            json.writeArrayFieldStart("latency_curve_us");
            for (final double percentile : CURVE) {
                json.writeStartArray();
                json.writeNumber(percentile);
                json.writeNumber(percentile == 100 ? latency.getMaxValue() / NS_PER_US : micros(percentile));
                json.writeEndArray();
            }
            json.writeEndArray();
            if (server != null) {
                json.writeObjectFieldStart("server");
                json.writeArrayFieldStart("options");
                for (final String option : server.options()) {
                    json.writeString(option);
                }
                json.writeEndArray();
                json.writeNumberField("seconds_to_ready", server.secondsToReady());
                json.writeNumberField("resident_bytes", server.residentBytes());
                json.writeObjectFieldStart("latency_us");
                for (final Map.Entry<String, Double> quantile : server.latencyMicros().entrySet()) {
                    json.writeNumberField(quantile.getKey(), quantile.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeStringField("jdk", Runtime.version().toString());
            json.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
            json.writeEndObject();
        }
    }

    private double micros(final double percentile) {
        return latency.getValueAtPercentile(percentile) / NS_PER_US;
    }
}
