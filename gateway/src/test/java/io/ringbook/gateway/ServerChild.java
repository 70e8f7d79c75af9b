package io.ringbook.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server process ({@link ServerMain}) started from the test class path, for signal tests. */
final class ServerChild {
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final int binaryPort;

    private ServerChild(final Process process, final int binaryPort) {
        this.process = process;
        this.binaryPort = binaryPort;
    }

    /** Starts {@code ringbook} over {@code data} on the given ports and waits until the binary port accepts. */
    static ServerChild start(final Path data, final int binaryPort, final int httpPort, final Path stderr)
        throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command(data, binaryPort, httpPort))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
            .start();
        final ServerChild child = new ServerChild(process, binaryPort);
        child.awaitListening(stderr);
        return child;
    }

    /**
     * Runs {@code ringbook} over {@code data} expecting it to stop on its own (a refused start); its exit code, or
     * fails if it still runs after {@code timeoutMs}. Output and errors go to {@code output}.
     */
    static int runToExit(final Path data, final int binaryPort, final int httpPort, final Path output,
                         final long timeoutMs) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command(data, binaryPort, httpPort))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server still ran after " + timeoutMs + " ms; see " + output);
        }
        return process.exitValue();
    }

    private static List<String> command(final Path data, final int binaryPort, final int httpPort) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                || argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.addAll(List.of("--data-dir", data.toString(), "--port", Integer.toString(binaryPort),
            "--http-port", Integer.toString(httpPort), "--accounts-capacity", "1000",
            "--transfers-capacity", "1000000", "--snapshot-every-events", "20000"));
        return command;
    }

    /** Two free ports on loopback (free now; the child binds them a moment later). */
    static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private void awaitListening(final Path stderr) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + stderr);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", binaryPort), 1000);
                return;
            } catch (final IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not listen within " + START_TIMEOUT_MS + " ms; see " + stderr);
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code (the graceful stop). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs (test cleanup). */
    void destroy() {
        process.destroyForcibly();
    }
}
