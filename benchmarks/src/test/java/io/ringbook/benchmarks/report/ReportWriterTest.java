package io.ringbook.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void medianOfOddAndEvenCountsAndNothing() {
        assertEquals(2.0, Stats.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
    }

    @Test
    void reportStatesMediansAgainstTheTargetsAndDrawsEveryPlot(@TempDir final Path dir) throws IOException {
        final ObjectNode results = JSON.createObjectNode();
        results.putObject("machine").put("cpu", "Test CPU").put("cores", 2).put("jdk", "JDK 17");
        results.put("profile", "quick").put("runs", 3);
        final ArrayNode throughput = results.putArray("throughput");
        throughput.add(cell("uniform-10k", 8190, 0.5e6, 1.2e6, 0.9e6));
        throughput.add(cell("hot-10pct", 8190, 0.85e6, 0.80e6, 0.81e6));
        throughput.add(cell("uniform-10k", 1, 20e3, 30e3, 25e3));
        final ObjectNode latency = results.putObject("latency").put("max_rate", 25e3);
        final ObjectNode half = latency.putArray("rates").addObject().put("fraction", 0.5).put("rate", 12_500)
            .put("seconds", 15);
        final ArrayNode runs = half.putArray("runs");
        for (final double p99 : new double[] {400, 900, 600}) {
            final ObjectNode run = runs.addObject();
            run.putObject("latency_us").put("p50", 100).put("p90", 200).put("p99", p99).put("p99_9", 2000)
                .put("max", 3000);
            run.putArray("latency_curve_us").add(JSON.createArrayNode().add(50).add(100))
                .add(JSON.createArrayNode().add(99).add(p99)).add(JSON.createArrayNode().add(100).add(3000));
        }
        results.putArray("durability").add(cell("uniform-10k", 8190, 1e6, 1e6, 1e6).put("durability", "none"));
        results.putArray("memory").addObject().put("accounts", 1000).put("transfers", 10_000)
            .put("account_bytes", 129_000).put("transfer_bytes", 1_280_000).put("heap_bytes", 2_000_000);
        final ObjectNode restart = results.putArray("restart").addObject().put("accounts", 1_000_001)
            .put("transfers", 11_000_000).put("snapshot_bytes", 1 << 30);
        restart.putArray("after_crash").addObject().put("seconds_to_ready", 6.0).put("replayed_events", 4_000_000);
        restart.putArray("after_stop").addObject().put("seconds_to_ready", 3.0).put("resident_bytes", 1L << 31);

        final Path report = new ReportWriter(results, dir, Files.createDirectories(dir.resolve("report"))).write();

        final String text = Files.readString(report);
        assertTrue(text.contains("| binary, batch 8190, `uniform-10k`, `process`: ≥ 1 M transfers/s | 0.90 M/s | "
            + "**missed** by 10% |"), text);
        assertTrue(text.contains("0.81 M/s = 90% of uniform | met |"), text);
        assertTrue(text.contains("p99 600 µs | **missed** by 20% |"), text);
        assertTrue(text.contains("6.0 s after a crash (snapshot + tail), 3.0 s after a stop | **missed** by 20% |"),
            text);
        assertTrue(text.contains("| `uniform-10k` | 0.025 (0.020–0.030) | — | — | — | 0.900 (0.500–1.200) |"), text);
        assertTrue(text.contains("Median of 3 run(s)."), text);
        for (final String png : new String[] {"throughput", "latency", "durability", "memory", "restart"}) {
            assertNotNull(ImageIO.read(dir.resolve("report/" + png + ".png").toFile()), png);
            assertTrue(text.contains("(report/" + png + ".png)"), png);
        }
    }

    private static ObjectNode cell(final String workload, final int batch, final double... rates) {
        final ObjectNode cell = JSON.createObjectNode().put("workload", workload).put("batch", batch)
            .put("transfers", 10_000_000);
        final ArrayNode runs = cell.putArray("runs");
        for (final double rate : rates) {
            final ObjectNode run = runs.addObject().put("events_per_second", rate).put("events", 1000)
                .put("not_created", 10);
            run.putObject("latency_us").put("p50", 30_000).put("p99", 90_000);
        }
        return cell;
    }
}
