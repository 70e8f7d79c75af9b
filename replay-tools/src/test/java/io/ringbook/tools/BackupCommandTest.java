package io.ringbook.tools;

import com.sun.net.httpserver.HttpServer;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Account;
import io.ringbook.model.Transfer;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.Recovery;
import io.ringbook.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backup} beside a live store under continuous load: the backup verifies, restores (a store opened on it) to
 * the source's state at the backup's last journal index with every transfer acknowledged before the backup started,
 * and takes new writes; an existing non-empty directory is refused; a corrupt newest snapshot is skipped.
 */
class BackupCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final LedgerConfig LEDGER = LedgerConfig.of(100, 1_000_000);
    private static final int BATCH = 20;
    private static final int LOOKUP = 64;
    private static final int HEADER = 4;
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final Pattern STATE = Pattern.compile("state      journal index (\\d+), .* state hash (\\w+)");
    private static final Pattern SNAPSHOT = Pattern.compile("journal index (\\d+), state hash");

    @Test
    void backupUnderLoadVerifiesAndRestoresTheSourceStateAtItsLastIndex(@TempDir final Path temp) throws Exception {
        final Path source = temp.resolve("data");
        final Path backup = temp.resolve("backup");
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final Cli.Result result;
        final long ackedBeforeBackup;
        try (LedgerStore store = LedgerStore.open(config(source))) {
            store.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            final Thread writer = new Thread(() -> write(store.ringbook(), acknowledged, stop), "writer");
            writer.start();
            awaitAcknowledged(acknowledged, 2_000);
            store.snapshot().join();
            awaitAcknowledged(acknowledged, acknowledged.get() + 2_000);
            ackedBeforeBackup = acknowledged.get();
            result = Cli.run("backup", "--data", source.toString(), "--to", backup.toString());
            final long ackedAfterBackup = acknowledged.get();
            stop.set(true);
            writer.join();
            assertTrue(ackedAfterBackup > ackedBeforeBackup, "writes continued during the backup");
        }
        assertEquals(ReplayTool.OK, result.exitCode(), result::toString);
        final Matcher state = STATE.matcher(result.out());
        assertTrue(state.find(), result.out());
        final long lastIndex = Long.parseLong(state.group(1));
        final Matcher snapshot = SNAPSHOT.matcher(result.out());
        assertTrue(snapshot.find(), result.out());
        assertTrue(lastIndex > Long.parseLong(snapshot.group(1)), "journal after the snapshot: " + result);

        final long sourceHash = Recovery.recover(source.resolve("journal"), source.resolve("snapshots"), null,
            lastIndex).ledger().stateHash();
        assertEquals(Checks.hex(sourceHash), state.group(2), "backup's hash = source's at the backup's last index");
        assertTrue(Cli.expect(ReplayTool.OK, "verify", "--data", backup.toString()).out().endsWith("OK\n"));
        assertEquals(List.of("backup"), names(temp, "backup"), "no temporary directory left behind");

        try (LedgerStore restored = LedgerStore.open(config(backup))) {
            final Ringbook ringbook = restored.ringbook();
            assertEquals(lastIndex, restored.recovery().orElseThrow().ledger().journalIndex());
            assertEquals(sourceHash, ringbook.stateHash().join(), "restored = source at the backup's last index");
            for (long first = 1; first <= ackedBeforeBackup; first += LOOKUP) {
                final long[] ids = new long[(int) Math.min(LOOKUP, ackedBeforeBackup - first + 1)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = first + i;
                }
                assertEquals(ids.length, ringbook.lookupTransfers(ids).join().size(), "acknowledged from " + first);
            }
            ringbook.createTransfers(transfers(10_000_000, BATCH)).join();
        }
        assertTrue(Cli.expect(ReplayTool.OK, "verify", "--data", backup.toString()).out().endsWith("OK\n"),
            "the restored server appended after the copied journal's end");
    }

    @Test
    void cutsAnExcerptInProgressAndWhatFollowsItOffTheCopysEnd(@TempDir final Path temp) throws IOException {
        final Path data = FIXTURE.copyTo(temp.resolve("data"));
        final Path cycle;
        try (Stream<Path> files = Files.list(data.resolve("journal"))) {
            cycle = files.filter(f -> f.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        final long end = endOfData(cycle);
        final int inProgressBytes = 200;
        try (FileChannel channel = FileChannel.open(cycle, StandardOpenOption.WRITE)) {
            final ByteBuffer torn = ByteBuffer.allocate(HEADER + inProgressBytes + HEADER + 16)
                .order(ByteOrder.LITTLE_ENDIAN);
            torn.putInt(0, NOT_COMPLETE | inProgressBytes).putInt(HEADER + inProgressBytes, 16);
            for (int i = 2 * HEADER + inProgressBytes; i < torn.capacity(); i++) {
                torn.put(i, (byte) 0x55);
            }
            channel.write(torn, end);
        }
        final Path backup = temp.resolve("backup");
        final String out = Cli.expect(ReplayTool.OK, "backup", "--data", data.toString(), "--to", backup.toString())
            .out();
        assertTrue(out.contains("an excerpt in progress cut off the copy's end"), out);
        assertEquals(end, endOfData(backup.resolve("journal").resolve(cycle.getFileName())), "zeros after the cut");
        try (LedgerStore restored = LedgerStore.open(config(backup, DataFixture.LEDGER))) {
            assertEquals(FIXTURE.hashes.get(FIXTURE.lastIndex), restored.ringbook().stateHash().join());
            restored.ringbook().createTransfers(transfers(1_000, BATCH)).join();
        }
        assertTrue(Cli.expect(ReplayTool.OK, "verify", "--data", backup.toString()).out().endsWith("OK\n"));
    }

    /** One past the last non-zero byte, 4-byte aligned: where the next excerpt header goes. */
    private static long endOfData(final Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        int last = bytes.length - 1;
        while (last >= 0 && bytes[last] == 0) {
            last--;
        }
        return (last + HEADER) & -HEADER;
    }

    @Test
    void refusesAnExistingNonEmptyDirectory(@TempDir final Path temp) throws IOException {
        final Path backup = Files.createDirectories(temp.resolve("backup"));
        Files.writeString(backup.resolve("keep.txt"), "mine");
        final Cli.Result result = Cli.expect(ReplayTool.USAGE, "backup", "--data", FIXTURE.data.toString(), "--to",
            backup.toString());
        assertTrue(result.err().contains("already exists and is not empty"), result.err());
        assertEquals(List.of("keep.txt"), names(backup, ""));
        assertEquals(List.of("backup"), names(temp, ""));
    }

    @Test
    void skipsACorruptNewestSnapshotForAnOlderOne(@TempDir final Path temp) throws IOException {
        final Path data = FIXTURE.copyTo(temp.resolve("data"));
        final Path newest = SnapshotFiles.files(data.resolve("snapshots")).get(0);
        Damage.flipByte(newest, Files.size(newest) / 2);
        final Path backup = temp.resolve("backup");
        final Cli.Result result = Cli.expect(ReplayTool.OK, "backup", "--data", data.toString(), "--to",
            backup.toString());
        assertTrue(result.err().contains("skipping snapshot " + newest), result.err());
        assertTrue(result.out().contains("journal index " + DataFixture.MIDDLE_SNAPSHOT_INDEX + ", state hash "
            + Checks.hex(FIXTURE.hashes.get(DataFixture.MIDDLE_SNAPSHOT_INDEX))), result.out());
        assertTrue(result.out().contains("state      journal index " + FIXTURE.lastIndex + ", "), result.out());
        assertTrue(result.out().contains("state hash " + Checks.hex(FIXTURE.hashes.get(FIXTURE.lastIndex))));
        assertEquals(1, SnapshotFiles.files(backup.resolve("snapshots")).size());
    }

    @Test
    void asksTheServerForASnapshotFirst(@TempDir final Path temp) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final List<String> methods = new ArrayList<>();
        server.createContext("/v1/admin/snapshot", exchange -> {
            methods.add(exchange.getRequestMethod());
            final byte[] body = "{\"journal_index\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(methods.size() == 1 ? 200 : 409, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            final String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/admin/snapshot";
            final Cli.Result ok = Cli.expect(ReplayTool.OK, "backup", "--data", FIXTURE.data.toString(), "--to",
                temp.resolve("first").toString(), "--snapshot-first", url);
            assertTrue(ok.err().contains("snapshot taken by the server: {\"journal_index\":7}"), ok.err());
            final Cli.Result refused = Cli.expect(ReplayTool.ERROR, "backup", "--data", FIXTURE.data.toString(),
                "--to", temp.resolve("second").toString(), "--snapshot-first", url);
            assertTrue(refused.err().contains("answered 409"), refused.err());
            assertFalse(Files.exists(temp.resolve("second")));
            assertEquals(List.of("POST", "POST"), methods);
        } finally {
            server.stop(0);
        }
    }

    private static StoreConfig config(final Path data) {
        return config(data, LEDGER);
    }

    /** The store's settings with the given capacities (a copy of the fixture opens with the fixture's own). */
    private static StoreConfig config(final Path data, final LedgerConfig ledger) {
        return StoreConfig.defaults(data).withEngine(EngineConfig.defaults().withRequestSizeMax(64)
            .withRingSize(1024).withLedgerConfig(ledger))
            .withSnapshotEveryEvents(0).withSnapshotEvery(Duration.ZERO);
    }

    /** Creates transfers with ids 1, 2, 3, ... in requests of {@link #BATCH} until stopped; counts acknowledged. */
    private static void write(final Ringbook ringbook, final AtomicLong acknowledged, final AtomicBoolean stop) {
        while (!stop.get()) {
            ringbook.createTransfers(transfers(acknowledged.get() + 1, BATCH)).join();
            acknowledged.addAndGet(BATCH);
        }
    }

    private static List<Transfer> transfers(final long firstId, final int count) {
        final List<Transfer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Transfer.builder().id(firstId + i).debitAccountId(1).creditAccountId(2).amount(1).ledger(1)
                .code(1).build());
        }
        return list;
    }

    private static void awaitAcknowledged(final AtomicLong acknowledged, final long count)
        throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acknowledged.get() < count) {
            assertTrue(System.nanoTime() < deadline, "the writer stalled at " + acknowledged.get());
            Thread.sleep(1);
        }
    }

    private static List<String> names(final Path directory, final String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }
}
