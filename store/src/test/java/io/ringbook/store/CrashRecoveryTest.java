package io.ringbook.store;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Limits;
import io.ringbook.model.Transfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 under load, for real: a child JVM ({@link CrashChild}) runs the durable engine and reports every
 * acknowledged transfer; the test kills it with SIGKILL at a random moment, recovers the data directory and checks
 * that every acknowledged transfer is there, the invariants hold (checked by recovery) and the state equals a replay
 * of the journal from scratch. The next cycle's child recovers the same directory (torn tail and all) and goes on.
 * Cycles: {@code -Dringbook.crash.cycles} (default 3), seed {@code -Dringbook.crash.seed}.
 */
class CrashRecoveryTest {
    private static final int CYCLES = Integer.getInteger("ringbook.crash.cycles", 3);
    private static final long SEED = Long.getLong("ringbook.crash.seed", System.nanoTime());
    private static final long IDS_PER_CYCLE = 1_000_000_000L;

    @TempDir
    Path data;

    @TempDir
    Path empty;

    @Test
    void shouldKeepEveryAcknowledgedTransferAcrossKillMinusNine() throws Exception {
        final Random random = new Random(SEED);
        final List<Long> acked = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            final int wantAcks = 2_000 + random.nextInt(60_000);
            final List<Long> acks = runAndKill(cycle * IDS_PER_CYCLE, random.nextLong(), wantAcks,
                "seed " + SEED + " cycle " + cycle);
            acked.addAll(acks);

            final Recovery.Result recovered = Recovery.recover(data.resolve("journal"), data.resolve("snapshots"),
                CrashChild.LEDGER, Long.MAX_VALUE);
            final DirectLedger ledger = new DirectLedger(recovered.ledger());
            assertAllPresent(ledger, acked, "seed " + SEED + " cycle " + cycle);
            final long fromScratch = Recovery.recover(data.resolve("journal"), empty, CrashChild.LEDGER,
                Long.MAX_VALUE).ledger().stateHash();
            assertEquals(fromScratch, ledger.stateHash(), "snapshot + tail = journal from scratch; seed " + SEED);
        }
    }

    /** Starts a child, waits for {@code wantAcks} acknowledgements (or its death), kills it; returns its acks. */
    private List<Long> runAndKill(final long firstId, final long seed, final int wantAcks, final String what)
        throws IOException, InterruptedException {
        final Process child = new ProcessBuilder(command(firstId, seed))
            .redirectError(data.resolveSibling(data.getFileName() + "-child.err").toFile())
            .start();
        final List<Long> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (acks.size() < wantAcks && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                }
            }
            // SIGKILL; acknowledgements still in the pipe are not counted (the kill closes it), which only makes
            // the check weaker by those few.
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child died");
        }
        assertTrue(acks.size() >= wantAcks, what + ": the child stopped early, see its stderr next to " + data);
        return acks;
    }

    private static void assertAllPresent(final DirectLedger ledger, final List<Long> acked, final String what) {
        for (int from = 0; from < acked.size(); from += Limits.REQUEST_SIZE_MAX) {
            final long[] ids = acked.subList(from, Math.min(acked.size(), from + Limits.REQUEST_SIZE_MAX))
                .stream().mapToLong(Long::longValue).toArray();
            final List<Transfer> found = ledger.lookupTransfers(ids);
            if (found.size() != ids.length) {
                final List<Long> foundIds = found.stream().map(Transfer::id).collect(Collectors.toList());
                final long missing = Arrays.stream(ids).filter(id -> !foundIds.contains(id)).findFirst().orElse(-1);
                throw new AssertionError(what + ": acknowledged transfer " + missing + " lost ("
                    + (ids.length - found.size()) + " of this chunk)");
            }
        }
    }

    private List<String> command(final long firstId, final long seed) {
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
        command.add(CrashChild.class.getName());
        command.add(data.toString());
        command.add(Long.toString(firstId));
        command.add(Long.toString(seed));
        return command;
    }
}
