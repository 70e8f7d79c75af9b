package io.ringbook.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/** Medians and ranges over the runs of one measurement. */
final class Stats {
    private Stats() {
    }

    /** The numbers at {@code path} (dot-separated fields) of each run. */
    static double[] values(final JsonNode runs, final String path) {
        final double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = runs.get(i);
            for (final String field : path.split("\\.")) {
                node = node.path(field);
            }
            values[i] = node.asDouble(Double.NaN);
        }
        return values;
    }

    /** The median (mean of the middle two for an even count); NaN for none. */
    static double median(final double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(final double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(final double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
