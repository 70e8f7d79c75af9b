package io.ringbook.store;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.Durability;
import io.ringbook.model.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner per data directory: a second store on the same directory is refused at open, in this process and from
 * another one, while the first keeps working; once the first closes, the directory opens again.
 */
class DataDirectoryLockTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path data;

    private StoreConfig config() {
        return StoreConfig.defaults(data).withEngine(EngineConfig.defaults().withLedgerConfig(LedgerConfig.of(100,
            1000)));
    }

    @Test
    void shouldRefuseASecondStoreOnTheSameDirectoryWhileTheFirstKeepsWorking() throws Exception {
        try (LedgerStore first = LedgerStore.open(config())) {
            first.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0))).join();

            final DataDirectoryInUseException refused = assertThrows(DataDirectoryInUseException.class,
                () -> LedgerStore.open(config()));
            assertEquals(data + " is in use by process " + PID + " (this process; lock file " + data.resolve("lock")
                + "); stop it first or use another data directory", refused.getMessage());
            assertEquals(PID, refused.holderPid());

            first.ringbook().createAccounts(List.of(Account.of(2, 1, 1, 0))).join();
            assertEquals(2, first.ringbook().lookupAccounts(1, 2).join().size(), "the first store still works");
            final String probe = probe();
            assertEquals(data + " is in use by process " + PID + " (lock file " + data.resolve("lock")
                + "); stop it first or use another data directory", probe,
                "another process is refused too: the refused open in this one did not drop the OS lock");
        }
        assertTrue(Files.readString(data.resolve("lock")).startsWith("pid=" + PID + "\n"), "the file stays");
        try (LedgerStore again = LedgerStore.open(config())) {
            assertEquals(2, again.ringbook().lookupAccounts(1, 2).join().size(), "reopened after close");
        }
    }

    @Test
    void shouldNotLockWithoutDurability() {
        final StoreConfig durable = config();
        final StoreConfig none = new StoreConfig(data, Durability.NONE, durable.engine(), 0, Duration.ZERO, 1);
        try (LedgerStore first = LedgerStore.open(none); LedgerStore second = LedgerStore.open(none)) {
            first.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0))).join();
            second.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0))).join();
            assertTrue(Files.notExists(data.resolve("lock")), "nothing on disk with durability none");
        }
    }

    @Test
    void shouldFindTheDataDirectoryASnapshotOutputBelongsTo(@TempDir final Path other) throws IOException {
        assertEquals(Optional.of(data), DataDirectoryLock.dataDirectoryOf(data.resolve("snapshots")));
        assertEquals(Optional.empty(), DataDirectoryLock.dataDirectoryOf(other));
        Files.createDirectories(other.resolve("journal"));
        assertEquals(Optional.of(other), DataDirectoryLock.dataDirectoryOf(other), "a data directory itself");
        assertEquals(Optional.of(Path.of("ringbook-data")),
            DataDirectoryLock.dataDirectoryOf(Path.of("ringbook-data", "snapshots")));
    }

    /** Runs {@link LockProbe} on the data directory in a child JVM; its one line of output. */
    private String probe() throws IOException, InterruptedException {
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), data.toString())
            .redirectErrorStream(true).start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "probe finished");
        assertEquals(1, child.exitValue(), "probe refused: " + output);
        return output;
    }
}
