package io.ringbook.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbook.benchmarks.Directories;
import io.ringbook.benchmarks.LedgerFootprint;
import io.ringbook.benchmarks.Workload;
import io.ringbook.benchmarks.load.ServerProcess;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringbook-report}: measures what capacity planning needs and writes {@code benchmarks/REPORT.md} with PNG
 * plots.
 * Every load run is {@code ringbook-load --start-server} in its own JVM (so its own server JVM too, from the shipped
 * server jar, with a fresh data directory); the raw results go to {@code benchmarks/report/results.json} as they come,
 * so {@code --render-only} can redraw the report without measuring again.
 */
@Command(name = "ringbook-report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Runs the capacity-planning benchmarks and writes benchmarks/REPORT.md with PNG plots.")
public final class ReportMain implements Callable<Integer> {
    /** Batch sizes WORKLOADS.md asks for. */
    static final int[] BATCHES = {1, 10, 100, 1000, Limits.REQUEST_SIZE_MAX};
    /** Offered rates of the latency runs, as fractions of the measured batch-1 maximum. */
    static final double[] RATE_FRACTIONS = {0.1, 0.25, 0.5, 0.75};
    static final String[] DURABILITY = {"none", "process", "fsync"};
    private static final Pattern REPLAYED =
        Pattern.compile("\\+ (\\d+) requests / (\\d+) events replayed\\) in (\\d+) ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--profile", description = "quick (minutes; a look) or full (the numbers to publish, about an "
        + "hour on 2 cores for every workload). Default: ${DEFAULT-VALUE}")
    Profile profile = Profile.FULL;

    @Option(names = "--runs", description = "Runs per measurement (the report shows the median). Default: the "
        + "profile's (full 3, quick 1)")
    Integer runs;

    @Option(names = "--sections", split = ",", description = "Which to measure: ${COMPLETION-CANDIDATES}. "
        + "Default: all")
    List<Section> sections = Arrays.asList(Section.values());

    @Option(names = "--workloads", split = ",", description = "Workloads of the throughput section. Default: all")
    List<String> workloads = Arrays.stream(Workload.values()).map(Workload::id).toList();

    @Option(names = "--batches", split = ",", description = "Batch sizes of the throughput section. Default: "
        + "1,10,100,1000,8190")
    List<Integer> batches = Arrays.stream(BATCHES).boxed().toList();

    @Option(names = "--out", description = "Directory of REPORT.md and report/. Default: benchmarks/ of this checkout")
    Path out;

    @Option(names = "--render-only", description = "Redraw REPORT.md and the plots from report/results.json.")
    boolean renderOnly;

    @Option(names = "--keep", description = "Keep the results already in report/results.json: measured sections "
        + "replace their own, and throughput cells replace those of the same workload and batch only.")
    boolean keep;

    @Option(names = "--server-jvm-option", paramLabel = "OPTION", description = "JVM options of the servers "
        + "(repeatable). Default: -Xmx8g")
    List<String> serverJvmOptions = new ArrayList<>(List.of("-Xmx8g"));

    /** What the report measures. */
    enum Section { THROUGHPUT, LATENCY, DURABILITY, RESTART, MEMORY }

    private Path reportDir;
    private ObjectNode results;

    public static void main(final String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new ReportMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            out = ServerProcess.checkout().resolve("benchmarks");
        }
        reportDir = out.resolve("report");
        Files.createDirectories(reportDir.resolve("logs"));
        final Path file = reportDir.resolve("results.json");
        results = Files.exists(file) && (renderOnly || keep) ? (ObjectNode) JSON.readTree(file.toFile())
            : JSON.createObjectNode();
        if (!renderOnly) {
            results.set("machine", Machine.describe());
            results.put("profile", profile.name().toLowerCase(Locale.ROOT));
            results.put("runs", runs());
            for (final Section section : sections) {
                measure(section);
            }
        }
        final Path report = new ReportWriter(results, out, reportDir).write();
        System.out.println("report: " + report);
        return 0;
    }

    private int runs() {
        return runs != null ? runs : profile.runs();
    }

    private void measure(final Section section) throws IOException, InterruptedException {
        switch (section) {
            case THROUGHPUT:
                throughput();
                break;
            case LATENCY:
                latency();
                break;
            case DURABILITY:
                durability();
                break;
            case RESTART:
                restart();
                break;
            case MEMORY:
                memory();
                break;
            default:
                throw new IllegalStateException("unknown section " + section);
        }
    }

    /** Closed loop over the binary protocol, every workload at every batch size, {@code process} durability. */
    private void throughput() throws IOException, InterruptedException {
        final ArrayNode cells = results.has("throughput") ? (ArrayNode) results.get("throughput")
            : results.putArray("throughput");
        for (final String workload : workloads) {
            for (final int batch : batches) {
                final ObjectNode cell = closedLoop(Workload.of(workload), batch, "process");
                for (int i = cells.size() - 1; i >= 0; i--) {
                    if (cells.get(i).get("workload").equals(cell.get("workload"))
                        && cells.get(i).get("batch").equals(cell.get("batch"))) {
                        cells.remove(i);
                    }
                }
                cells.add(cell);
                save();
            }
        }
    }

    private ObjectNode closedLoop(final Workload workload, final int batch, final String durability)
        throws IOException, InterruptedException {
        final ObjectNode cell = JSON.createObjectNode();
        cell.put("workload", workload.id());
        cell.put("batch", workload.batchSizeFor(batch));
        cell.put("durability", durability);
        cell.put("transfers", profile.transfers(batch));
        final boolean small = batch < 1000;
        cell.put("connections", small ? 4 : 2);
        cell.put("in_flight", small ? 16 : 2);
        final ArrayNode list = cell.putArray("runs");
        for (int run = 0; run < runs(); run++) {
            list.add(load(workload.id() + "-" + batch + "-" + durability + "-" + run,
                List.of("--workload", workload.id(), "--batch", Integer.toString(batch),
                "--transfers", Long.toString(profile.transfers(batch)),
                "--connections", cell.get("connections").asText(),
                "--in-flight", cell.get("in_flight").asText(), "--server-option=--durability=" + durability)));
        }
        return cell;
    }

    /**
     * Open loop at fractions of the batch-1 maximum (the median {@code uniform-10k} batch-1 closed-loop throughput,
     * measured here if the throughput section did not run): latency from the intended send time.
     */
    private void latency() throws IOException, InterruptedException {
        final JsonNode measured = find(results.path("throughput"), "uniform-10k", 1);
        final ObjectNode max = measured != null ? (ObjectNode) measured : closedLoop(Workload.UNIFORM_10K, 1,
            "process");
        final double maxRate = Stats.median(Stats.values(max.get("runs"), "events_per_second"));
        final ObjectNode section = results.putObject("latency");
        section.put("max_rate", maxRate);
        final ArrayNode cells = section.putArray("rates");
        final int warmup = 10;
        for (final double fraction : RATE_FRACTIONS) {
            final long rate = Math.max(100, Math.round(maxRate * fraction / 100) * 100);
            final ObjectNode cell = cells.addObject();
            cell.put("fraction", fraction);
            cell.put("rate", rate);
            cell.put("seconds", profile.latencySeconds());
            final ArrayNode list = cell.putArray("runs");
            for (int run = 0; run < runs(); run++) {
                list.add(load("latency-" + rate + "-" + run, List.of("--workload", "uniform-10k", "--batch", "1",
                    "--connections", "2",
                    "--rate", Long.toString(rate), "--warmup-seconds", Integer.toString(warmup),
                    "--transfers", Long.toString(rate * (profile.latencySeconds() + warmup)))));
            }
            save();
        }
    }

    /** {@code uniform-10k} in requests of 8190 with each durability mode. */
    private void durability() throws IOException, InterruptedException {
        final ArrayNode cells = results.putArray("durability");
        for (final String mode : DURABILITY) {
            cells.add(closedLoop(Workload.UNIFORM_10K, Limits.REQUEST_SIZE_MAX, mode));
            save();
        }
    }

    /**
     * For each state size: load {@code uniform-1m} into a server, then time restarts after a crash (SIGKILL: newest
     * snapshot + journal tail) and after a graceful stop (SIGTERM: final snapshot, no tail).
     */
    private void restart() throws IOException, InterruptedException {
        final ArrayNode cells = results.putArray("restart");
        for (final long transfers : profile.restartTransfers()) {
            final Path dir = Files.createTempDirectory("ringbook-report-");
            try {
                cells.add(restartCell(dir.resolve("data"), transfers));
            } finally {
                Directories.deleteTree(dir);
            }
            save();
        }
    }

    private ObjectNode restartCell(final Path data, final long transfers) throws IOException, InterruptedException {
        final Workload workload = Workload.UNIFORM_1M;
        final List<String> options = List.of("--accounts-capacity", Integer.toString(workload.accounts() + 1),
            "--transfers-capacity", Long.toString(transfers + workload.accounts() + 1));
        final ObjectNode cell = JSON.createObjectNode();
        cell.put("accounts", workload.accounts() + 1);
        cell.put("transfers", transfers + workload.accounts());
        final Path log = reportDir.resolve("logs/restart-" + transfers + ".log");
        try (ServerProcess server = start(data, options, log)) {
            cell.put("empty_start_seconds", server.secondsToReady());
            final List<String> args = new ArrayList<>(List.of("--workload", workload.id(),
                "--batch", String.valueOf(Limits.REQUEST_SIZE_MAX), "--transfers", Long.toString(transfers),
                "--port", Integer.toString(server.binaryPort()), "--quiet"));
            runLoadGenerator(args, reportDir.resolve("logs/restart-load-" + transfers + ".log"));
        }
        final ArrayNode crash = cell.putArray("after_crash");
        for (int run = 0; run < runs(); run++) {
            try (ServerProcess server = start(data, options, log)) {
                crash.add(restartRun(server));
            }
        }
        try (ServerProcess server = start(data, options, log)) {
            server.stop();
        }
        final ArrayNode stop = cell.putArray("after_stop");
        for (int run = 0; run < runs(); run++) {
            try (ServerProcess server = start(data, options, log)) {
                stop.add(restartRun(server));
                server.stop();
            }
        }
        cell.put("snapshot_bytes", snapshotBytes(data.resolve("snapshots")));
        return cell;
    }

    private ObjectNode restartRun(final ServerProcess server) {
        final ObjectNode run = JSON.createObjectNode();
        run.put("seconds_to_ready", server.secondsToReady());
        run.put("resident_bytes", server.residentBytes());
        run.put("recovery", server.recovery());
        final Matcher matcher = REPLAYED.matcher(server.recovery());
        if (matcher.find()) {
            run.put("replayed_events", Long.parseLong(matcher.group(2)));
            run.put("recovery_seconds", Long.parseLong(matcher.group(3)) / 1000.0);
        }
        System.out.printf(Locale.ROOT, "  restart: ready in %.2f s (%s)%n", server.secondsToReady(), server.recovery());
        return run;
    }

    private static long snapshotBytes(final Path snapshots) throws IOException {
        long newest = 0;
        try (var files = Files.list(snapshots)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                newest = Math.max(newest, Files.size(file));
            }
        }
        return newest;
    }

    private ServerProcess start(final Path data, final List<String> options, final Path log) {
        return ServerProcess.start(ServerProcess.defaultJar(), serverJvmOptions, data, options, log);
    }

    /**
     * The ledger's bytes per account and per transfer when full at several capacities, its whole size when full, and
     * the heap an empty ledger with those capacities took (the tables grow with the rows stored).
     */
    private void memory() {
        final ArrayNode cells = results.putArray("memory");
        final int[][] capacities = {{10_000, 1_000_000}, {100_000, 10_000_000}, {1_000_000, 10_000_000},
            {1_000_000, 20_000_000}};
        for (final int[] capacity : capacities) {
            final long before = LedgerFootprint.usedHeap();
            final Ledger ledger = new Ledger(LedgerConfig.of(capacity[0], capacity[1]));
            final long heap = LedgerFootprint.usedHeap() - before;
            final ObjectNode cell = cells.addObject();
            cell.put("accounts", capacity[0]);
            cell.put("transfers", capacity[1]);
            final long full = Ledger.bytesAtCapacity(ledger.config());
            cell.put("account_bytes", LedgerFootprint.accountBytesAtCapacity(capacity[0]));
            cell.put("transfer_bytes", LedgerFootprint.transferBytesAtCapacity(capacity[1]));
            cell.put("heap_bytes", full);
            cell.put("empty_heap_bytes", heap);
            System.out.printf(Locale.ROOT, "memory: %,d accounts + %,d transfers: %,d bytes when full, %,d bytes on "
                + "the heap when empty%n", capacity[0], capacity[1], full, heap);
        }
    }

    /** One {@code ringbook-load --start-server} run in its own JVM; answers its JSON summary. */
    private JsonNode load(final String name, final List<String> args) throws IOException, InterruptedException {
        final Path json = reportDir.resolve("logs/" + name + ".json");
        final List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--start-server", "--quiet", "--json", json.toString()));
        for (final String option : serverJvmOptions) {
            all.add("--server-jvm-option=" + option);
        }
        Files.deleteIfExists(json);
        runLoadGenerator(all, reportDir.resolve("logs/" + name + ".log"));
        final JsonNode result = JSON.readTree(json.toFile());
        System.out.printf(Locale.ROOT, "  %s: %,.0f events/s, p99 %,.0f us%n", name,
            result.get("events_per_second").asDouble(), result.get("latency_us").get("p99").asDouble());
        return result;
    }

    private static void runLoadGenerator(final List<String> args, final Path log)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"), "-Xmx6g", "-cp",
            System.getProperty("java.class.path"), "io.ringbook.benchmarks.load.LoadGenerator"));
        command.addAll(args);
        System.out.println("ringbook-load " + String.join(" ", args));
        final int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start()
            .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("ringbook-load exited with " + exit + "; see " + log);
        }
    }

    private void save() throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(reportDir.resolve("results.json").toFile(), results);
    }

    /** The cell of {@code workload} at {@code batch} in a list of cells, or null. */
    static JsonNode find(final JsonNode cells, final String workload, final int batch) {
        for (final JsonNode cell : cells) {
            if (cell.get("workload").asText().equals(workload) && cell.get("batch").asInt() == batch) {
                return cell;
            }
        }
        return null;
    }
}
