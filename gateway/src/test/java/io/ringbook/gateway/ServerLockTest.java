package io.ringbook.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner per data directory, with real server processes: a second server on the same directory exits at once
 * with one line naming the first one's pid; after SIGKILL of the first, the lock file left behind does not block a
 * restart.
 */
class ServerLockTest {
    private static final long REFUSAL_TIMEOUT_MS = 20_000;

    @TempDir
    Path data;

    @Test
    void shouldRefuseASecondServerOnTheSameDirectoryAndRestartAfterKillMinusNine() throws Exception {
        final int[] ports = ServerChild.freePorts();
        final int[] otherPorts = ServerChild.freePorts();
        final Path log = data.resolveSibling(data.getFileName() + "-server.log");
        final Path refusal = data.resolveSibling(data.getFileName() + "-second.log");
        final ServerChild first = ServerChild.start(data, ports[0], ports[1], log);
        ServerChild restarted = null;
        try {
            final int exit = ServerChild.runToExit(data, otherPorts[0], otherPorts[1], refusal, REFUSAL_TIMEOUT_MS);
            assertNotEquals(0, exit, "the second server's exit code; see " + refusal);
            final List<String> lines = Files.readAllLines(refusal);
            assertEquals("ringbook: " + data + " is in use by process " + first.pid() + " (lock file "
                + data.resolve("lock") + "); stop it first or use another --data-dir", lines.get(lines.size() - 1));
            assertFalse(lines.stream().anyMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                "no stack trace: " + lines);

            first.kill();
            assertTrue(Files.exists(data.resolve("lock")), "SIGKILL leaves the lock file behind");
            restarted = ServerChild.start(data, ports[0], ports[1], log);
            final int stop = restarted.terminate();
            assertTrue(stop == 0 || stop == 143, "the restarted server stops gracefully: " + stop + "; see " + log);
        } finally {
            first.destroy();
            if (restarted != null) {
                restarted.destroy();
            }
        }
    }
}
