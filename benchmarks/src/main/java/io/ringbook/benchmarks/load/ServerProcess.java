package io.ringbook.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ringbook server in a child JVM, started from the same server jar {@code ./ringbook} runs ({@code java -jar
 * ringbook-server.jar}), so a benchmark measures the shipped server in its own process, heap and JIT, not a copy
 * inside the load generator. Ports are chosen by the server (0) and read from its "ready" line; its output goes to a
 * log file. {@link #close()} kills it (SIGKILL), which is what a crash looks like; {@link #stop()} is the graceful
 * SIGTERM path.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY =
        Pattern.compile("ready: binary protocol on [^:]+:(\\d+), HTTP on http://[^:]+:(\\d+)/");
    private static final Pattern SERVER_LATENCY = Pattern.compile("ringbook_request_latency_seconds\\{protocol="
        + "\"binary\",operation=\"create_transfers\",quantile=\"([0-9.]+)\"} (\\S+)");
    private static final Pattern RECOVERED = Pattern.compile("recovered journal index .*");
    private static final long START_TIMEOUT_SECONDS = 600;
    private static final long STOP_TIMEOUT_SECONDS = 300;

    private final Process process;
    private final long startNanos;
    private final CompletableFuture<int[]> ready = new CompletableFuture<>();
    private volatile String recovery = "";
    private volatile long readyNanos;

    private ServerProcess(final Process process, final long startNanos, final Path log) {
        this.process = process;
        this.startNanos = startNanos;
        final Thread pump = new Thread(() -> pump(log), "ringbook-server-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The server jar next to this build: {@code gateway/target/ringbook-server.jar} of the same checkout. */
    public static Path defaultJar() {
        return checkout().resolve("gateway/target/ringbook-server.jar");
    }

    /** The checkout this code was built in: three levels above {@code benchmarks/target/benchmarks.jar}. */
    public static Path checkout() {
        try {
            final Path benchmarksJar = Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
            return benchmarksJar.toAbsolutePath().getParent().getParent().getParent();
        } catch (final java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> --port 0 --http-port 0 --data-dir <dataDir> <serverOptions>} with the
     * JDK running this program and waits until the server says it is ready.
     *
     * @param log where the server's output goes (overwritten)
     */
    public static ServerProcess start(final Path jar, final List<String> jvmOptions, final Path dataDir,
                                      final List<String> serverOptions, final Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + ": build it with mvn -B -q -DskipTests package"
                + " -pl gateway -am (./ringbook does it on its first run)");
        }
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0", "--http-port", "0",
            "--data-dir", dataDir.toString()));
        command.addAll(serverOptions);
        final long start = System.nanoTime();
        final ServerProcess server;
        try {
            server = new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), start, log);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        server.awaitReady(command, log);
        return server;
    }

    private void awaitReady(final List<String> command, final Path log) {
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start (" + String.join(" ", command) + "); see " + log, e);
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server started", e);
        }
    }

    private void pump(final Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                final Matcher recovered = RECOVERED.matcher(line);
                if (recovered.find()) {
                    recovery = recovered.group();
                }
                final Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    readyNanos = System.nanoTime();
                    ready.complete(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))});
                }
            }
        } catch (final IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
    }

    public int binaryPort() {
        return ready.join()[0];
    }

    public int httpPort() {
        return ready.join()[1];
    }

    /** From starting the JVM to the "ready" line: JVM start, ledger allocation, recovery, binding. */
    public double secondsToReady() {
        return (readyNanos - startNanos) / 1e9;
    }

    /** The server's own recovery line ("recovered journal index ... in N ms: ..."), or empty if it logged none. */
    public String recovery() {
        return recovery;
    }

    /** Resident memory of the server process now ({@code VmRSS} of /proc), or -1 where /proc has no such line. */
    public long residentBytes() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The server's own request latency quantiles for binary create_transfers (from frame decoded to reply encoded),
     * read from its {@code /metrics}: quantile ("q0_5", "q0_99", ...) to microseconds. Set-up requests are included.
     */
    public Map<String, Double> serverLatencyMicros() {
        final Map<String, Double> quantiles = new LinkedHashMap<>();
        try {
            final HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofLines());
            response.body().map(SERVER_LATENCY::matcher).filter(Matcher::matches).forEach(m ->
                quantiles.put("q" + m.group(1).replace('.', '_'), Double.parseDouble(m.group(2)) * 1e6));
        } catch (final IOException e) {
            return quantiles;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return quantiles;
    }

    /** SIGTERM and wait: the server refuses new requests, snapshots and closes the journal (its graceful stop). */
    public void stop() {
        process.destroy();
        await();
    }

    /** SIGKILL and wait: a crash; what was acknowledged is in the journal. */
    @Override
    public void close() {
        process.destroyForcibly();
        await();
    }

    private void await() {
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
