package io.ringbook.benchmarks.load;

import io.ringbook.benchmarks.Directories;
import io.ringbook.benchmarks.Workload;
import io.ringbook.benchmarks.WorkloadStream;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.model.Account;
import io.ringbook.model.Limits;
import io.ringbook.model.Transfer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ringbook-load}: drives a running server with a standard workload (WORKLOADS.md) over the binary protocol
 * (through {@code RingbookClient}) or HTTP/JSON, and measures throughput and request latency with HdrHistogram.
 *
 * <p>Closed loop (default): each connection keeps {@code --in-flight} requests outstanding; this finds the maximum
 * throughput. Open loop ({@code --rate}): requests are due at fixed intervals and each one's latency is measured from
 * the time it was due, not from when it was actually sent, so a stall in the server (or in this generator) shows up
 * in the latency of every request that should have been sent during it (no coordinated omission).
 *
 * <p>Setup (accounts and their funding transfers) is sent first and not measured; the measured requests are all
 * built before the clock starts. Run it against a fresh data directory: ids are the workload's, so a second run
 * against the same state answers {@code exists}.
 */
@CommandLine.Command(name = "ringbook-load", mixinStandardHelpOptions = true, sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Drives a running Ringbook server with a standard workload and reports throughput and latency.")
public final class LoadGenerator implements Callable<Integer> {
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long LATENCY_MAX_NS = TimeUnit.MINUTES.toNanos(10);

    @Option(names = "--host", description = "Server host. Default: ${DEFAULT-VALUE}")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Binary protocol port. Default: ${DEFAULT-VALUE}")
    int port = 3000;

    @Option(names = "--http-port", description = "HTTP port (with --protocol http). Default: ${DEFAULT-VALUE}")
    int httpPort = 8080;

    @Option(names = "--protocol", description = "binary or http. Default: ${DEFAULT-VALUE}")
    String protocol = "binary";

    @Option(names = "--workload", description = "uniform-10k, uniform-1m, hot-10pct, zipf, two-phase, linked-4. "
        + "Default: ${DEFAULT-VALUE}")
    String workload = "uniform-10k";

    @Option(names = "--transfers", description = "Workload events to send. Default: ${DEFAULT-VALUE}")
    long transfers = Workload.EVENTS_DEFAULT;

    @Option(names = "--batch", description = "Events per request (1.." + Limits.REQUEST_SIZE_MAX
        + "). Default: ${DEFAULT-VALUE}")
    int batch = Limits.REQUEST_SIZE_MAX;

    @Option(names = "--connections", description = "Client connections. Default: ${DEFAULT-VALUE}")
    int connections = 2;

    @Option(names = "--in-flight", description = "Outstanding requests per connection (closed loop). "
        + "Default: ${DEFAULT-VALUE}")
    int inFlight = 2;

    @Option(names = "--rate", description = "Offered requests per second (open loop); 0 = closed loop. "
        + "Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--seed", description = "Workload seed. Default: ${DEFAULT-VALUE}")
    long seed = 1;

    @Option(names = "--skip-events", description = "Start the workload at this event (its ids continue from there), "
        + "for example to measure against a server an earlier run loaded with that many. Default: ${DEFAULT-VALUE}")
    long skipEvents;

    @Option(names = "--skip-setup", description = "Do not create the accounts and funding (already there).")
    boolean skipSetup;

    @Option(names = "--json", description = "Write the summary as JSON to this file.")
    Path jsonFile;

    @Option(names = "--histogram-log", description = "Write per-second latency histograms (HdrHistogram log) here.")
    Path histogramLog;

    @Option(names = "--quiet", description = "No per-second progress lines.")
    boolean quiet;

    @Option(names = "--warmup-seconds", description = "Open loop: the first rate × seconds requests warm the server "
        + "and client up (JIT) in a closed loop first and are not recorded. Default: ${DEFAULT-VALUE}")
    double warmupSeconds;

    @Option(names = "--reader", description = "A concurrent reader during the measured run: NONE, QUERY_TRANSFERS "
        + "(pages through every transfer with a filter that matches nothing) or ACCOUNT_TRANSFERS (the same through "
        + "the hot account of hot-10pct, else the first account). Binary protocol. Default: ${DEFAULT-VALUE}")
    QueryReader.Kind reader = QueryReader.Kind.NONE;

    @Option(names = "--start-server", description = "Start a server for this run (a child JVM from the server jar, "
        + "fresh data directory, capacities sized to the workload) and kill it afterwards; --host/--port are ignored.")
    boolean startServer;

    @Option(names = "--server-option", paramLabel = "OPTION", description = "With --start-server: one more server "
        + "option, e.g. --server-option=--durability=none (repeatable).")
    List<String> serverOptions = new ArrayList<>();

    @Option(names = "--server-jvm-option", paramLabel = "OPTION", description = "With --start-server: JVM options of "
        + "the server (repeatable). Default: -Xmx8g")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--server-jar", description = "With --start-server: the server jar. Default: "
        + "gateway/target/ringbook-server.jar of this checkout")
    Path serverJar;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final Workload shape = Workload.of(workload);
        final int requestSize = shape.batchSizeFor(batch);
        final WorkloadStream stream = shape.stream(seed, shape.accounts(), skipEvents + transfers);
        final PrintStream out = System.out;
        if (!startServer) {
            return run(shape, requestSize, stream, host, port, httpPort, null, List.of());
        }
        final Path dataDir = Files.createTempDirectory("ringbook-load-");
        final long capacity = stream.fundingCount() + stream.events();
        final List<String> options = new ArrayList<>(List.of("--accounts-capacity",
            Long.toString(stream.accountsToCreate() + 1), "--transfers-capacity", Long.toString(capacity + 1)));
        options.addAll(serverOptions);
        out.printf("starting a server: %s%n", String.join(" ", options));
        try (ServerProcess server = ServerProcess.start(serverJar == null ? ServerProcess.defaultJar() : serverJar,
            serverJvmOptions.isEmpty() ? List.of("-Xmx8g") : serverJvmOptions, dataDir.resolve("data"), options,
            dataDir.resolve("server.log"))) {
            out.printf("server ready in %.1f s on port %d%n", server.secondsToReady(), server.binaryPort());
            return run(shape, requestSize, stream, "127.0.0.1", server.binaryPort(), server.httpPort(), server,
                options);
        } finally {
            Directories.deleteTree(dataDir);
        }
    }

    private int run(final Workload shape, final int requestSize, final WorkloadStream stream, final String toHost,
                    final int toPort, final int toHttpPort, final ServerProcess server, final List<String> options)
        throws Exception {
        final PrintStream out = System.out;
        try (LoadTarget target = LoadTarget.open(this, toHost, toPort, toHttpPort, requestSize)) {
            if (!skipSetup) {
                out.printf("setup: %,d accounts and %,d funding transfers...%n", stream.accountsToCreate(),
                    stream.fundingCount());
                setup(target, stream);
            }
            out.printf("building %,d transfers of %s in requests of %d...%n", stream.events() - skipEvents, shape,
                requestSize);
            final List<List<Transfer>> requests = requests(stream, skipEvents, requestSize);
            out.printf("running: %s, %s, %d connections, %s%n", protocol, shape,
                connections, rate > 0 ? String.format("open loop at %.0f requests/s", rate)
                    : inFlight + " requests in flight per connection (closed loop)");
            final int warmup = (int) Math.min(requests.size(), Math.round(warmupSeconds * rate));
            if (warmup > 0) {
                out.printf("warm-up: the first %,d requests in a closed loop, not recorded%n", warmup);
                new LoadRun(target, requests.subList(0, warmup), out, true, null).closedLoop(inFlight);
            }
            final LoadRun run = new LoadRun(target, requests.subList(warmup, requests.size()), out, quiet,
                histogramLog);
            final LoadResult result;
            try (QueryReader queries = QueryReader.start(reader, readerAccountId(stream), toHost, toPort)) {
                result = rate > 0 ? run.openLoop(rate) : run.closedLoop(inFlight);
                if (queries != null) {
                    queries.print(out);
                }
            }
            final LoadResult.Server started = server == null ? null
                : new LoadResult.Server(options, server.secondsToReady(), server.residentBytes(),
                    server.serverLatencyMicros());
            result.print(out, this, shape, requestSize);
            if (jsonFile != null) {
                result.writeJson(jsonFile, this, shape, requestSize, started);
            }
            return result.failed() == 0 ? 0 : 1;
        }
    }

    /** The account the account-transfers reader pages through: hot-10pct's hot account, else the first one. */
    private static long readerAccountId(final WorkloadStream stream) {
        final Command slot = new Command();
        stream.writeAccount(slot, stream.hotAccount());
        return slot.id;
    }

    /** Creates the accounts and funds them, in full requests; "exists" is fine (a rerun). */
    private static void setup(final LoadTarget target, final WorkloadStream stream) {
        final Command slot = new Command();
        final List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < stream.accountsToCreate(); i++) {
            slot.reset();
            stream.writeAccount(slot, i);
            accounts.add(CommandCodec.readAccount(slot));
        }
        for (final List<Account> request : fullRequests(accounts)) {
            target.createAccounts(request).join();
        }
        final List<Transfer> funding = new ArrayList<>();
        for (int i = 0; i < stream.fundingCount(); i++) {
            slot.reset();
            stream.fillFunding(slot, i);
            funding.add(CommandCodec.readTransfer(slot));
        }
        for (final List<Transfer> request : fullRequests(funding)) {
            target.createTransfers(request).join();
        }
    }

    private static <T> List<List<T>> fullRequests(final List<T> records) {
        final List<List<T>> requests = new ArrayList<>();
        for (int from = 0; from < records.size(); from += Limits.REQUEST_SIZE_MAX) {
            requests.add(records.subList(from, Math.min(records.size(), from + Limits.REQUEST_SIZE_MAX)));
        }
        return requests;
    }

    private static List<List<Transfer>> requests(final WorkloadStream stream, final long skip, final int requestSize) {
        final Command slot = new Command();
        final List<List<Transfer>> requests = new ArrayList<>();
        for (long from = skip; from < stream.events(); from += requestSize) {
            final int size = (int) Math.min(requestSize, stream.events() - from);
            final List<Transfer> request = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                slot.reset();
                stream.fill(slot, from + i);
                request.add(CommandCodec.readTransfer(slot));
            }
            requests.add(request);
        }
        return requests;
    }

    /** One measured run: sends the prepared requests and records latency per request. */
    static final class LoadRun {
        private final LoadTarget target;
        private final List<List<Transfer>> requests;
        private final PrintStream out;
        private final boolean quiet;
        private final Path histogramLog;
        private final Recorder recorder = new Recorder(LATENCY_MAX_NS, 3);
        private final Histogram total = new Histogram(LATENCY_MAX_NS, 3);
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final CountDownLatch done;

        LoadRun(final LoadTarget target, final List<List<Transfer>> requests, final PrintStream out,
                final boolean quiet, final Path histogramLog) {
            this.target = target;
            this.requests = requests;
            this.out = out;
            this.quiet = quiet;
            this.histogramLog = histogramLog;
            this.done = new CountDownLatch(requests.size());
        }

        LoadResult closedLoop(final int perConnection) throws IOException, InterruptedException {
            final AtomicInteger next = new AtomicInteger();
            final long start = System.nanoTime();
            for (int c = 0; c < target.connections(); c++) {
                for (int i = 0; i < perConnection; i++) {
                    sendNext(c, next);
                }
            }
            return awaitAndSummarize(start);
        }

        private void sendNext(final int connection, final AtomicInteger next) {
            final int index = next.getAndIncrement();
            if (index >= requests.size()) {
                return;
            }
            final long sentAt = System.nanoTime();
            send(connection, index, sentAt).whenComplete((ignored, failure) -> sendNext(connection, next));
        }

        LoadResult openLoop(final double requestsPerSecond) throws IOException, InterruptedException {
            final double intervalNs = NS_PER_SECOND / requestsPerSecond;
            final long start = System.nanoTime();
            final Thread pacer = new Thread(() -> {
                for (int i = 0; i < requests.size(); i++) {
                    final long due = start + (long) (i * intervalNs);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(Math.min(wait, 20_000));
                    }
                    send(i % target.connections(), i, due);
                }
            }, "ringbook-load-pacer");
            pacer.setDaemon(true);
            pacer.start();
            return awaitAndSummarize(start);
        }

        /** Sends request {@code index}; its latency counts from {@code dueNs}. */
        private CompletableFuture<Void> send(final int connection, final int index, final long dueNs) {
            final List<Transfer> request = requests.get(index);
            return target.createTransfers(connection, request).handle((created, failure) -> {
                if (failure == null) {
                    recorder.recordValue(Math.min(LATENCY_MAX_NS, System.nanoTime() - dueNs));
                    events.addAndGet(request.size());
                    rejected.addAndGet(request.size() - created);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                }
                done.countDown();
                return null;
            });
        }

        private LoadResult awaitAndSummarize(final long start) throws IOException, InterruptedException {
            final HistogramLogWriter log = histogramLog == null ? null
                : new HistogramLogWriter(Files.newOutputStream(histogramLog));
            if (log != null) {
                log.outputLogFormatVersion();
                log.outputStartTime(System.currentTimeMillis());
                log.outputLegend();
            }
            long lastEvents = 0;
            Histogram interval = null;
            while (!done.await(1, TimeUnit.SECONDS)) {
                interval = recorder.getIntervalHistogram(interval);
                total.add(interval);
                if (log != null) {
                    log.outputIntervalHistogram(interval);
                }
                final long now = events.get();
                if (!quiet) {
                    out.printf("  %,12d events  %,10d events/s  p99 %,8d us%n", now, now - lastEvents,
                        interval.getValueAtPercentile(99) / 1000);
                }
                lastEvents = now;
            }
            final long elapsedNs = System.nanoTime() - start;
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            if (log != null) {
                log.outputIntervalHistogram(interval);
                log.close();
            }
            return new LoadResult(events.get(), rejected.get(), failed.get(), elapsedNs, total, firstFailure.get());
        }
    }
}
