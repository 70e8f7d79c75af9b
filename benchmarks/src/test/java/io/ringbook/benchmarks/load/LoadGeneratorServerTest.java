package io.ringbook.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-command run: the generator starts the shipped server jar itself, loads it and reports. */
class LoadGeneratorServerTest {
    @Test
    void startsItsOwnServerAndEveryTransferIsAnswered(@TempDir final Path dir) throws Exception {
        final Path json = dir.resolve("result.json");
        final int exit = new CommandLine(new LoadGenerator()).execute("--start-server", "--workload", "uniform-10k",
            "--transfers", "20000", "--batch", "100", "--connections", "2", "--quiet", "--json", json.toString(),
            "--server-jvm-option=-Xmx512m");
        assertEquals(0, exit);
        final JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertEquals(20_000, result.get("events").asLong());
        assertEquals(0, result.get("failed_requests").asLong());
        assertEquals(200, result.get("latency_us").get("requests").asLong());
        final long notCreated = result.get("not_created").asLong();
        assertTrue(notCreated < 20_000 / 2, "not created: " + notCreated);
        assertTrue(result.get("server").get("resident_bytes").asLong() > 0);
        assertTrue(result.get("server").get("latency_us").get("q0_99").asDouble() > 0);
        assertEquals(100, result.get("batch").asInt());
    }
}
