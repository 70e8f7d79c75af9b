package io.ringbook.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a writing JVM with SIGKILL and checks that nothing it acknowledged is lost and the journal continues. */
class JournalCrashTest {
    private static final String COMMITTED = "committed ";
    private static final int KILL_ROUNDS = 4;

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryAcknowledgedIndexWhenTheWriterIsKilledAtRandomMoments() throws Exception {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            final long acknowledged = runAndKill(seed + round, 3 + random.nextInt(40), random.nextInt(5));
            assertTrue(acknowledged > 0, "the child acknowledged nothing (seed " + seed + ")");
            continueAndVerify(acknowledged, seed).close();
        }
    }

    /** Starts a looping writer, kills it after {@code killAfter} commits and a pause; returns the last one. */
    private long runAndKill(final long seed, final long killAfter, final int pauseMs) throws Exception {
        final Process child = start("loop", seed);
        long acknowledged = 0;
        try (BufferedReader out = reader(child)) {
            String line;
            long lines = 0;
            while (lines < killAfter && (line = out.readLine()) != null) {
                if (line.startsWith(COMMITTED)) {
                    acknowledged = Long.parseLong(line.substring(COMMITTED.length()));
                    lines++;
                }
            }
            Thread.sleep(pauseMs);
            child.toHandle().destroyForcibly();
            while ((line = out.readLine()) != null) {
                if (line.startsWith(COMMITTED)) {
                    acknowledged = Long.parseLong(line.substring(COMMITTED.length()));
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        return acknowledged;
    }

    @Test
    void shouldRecoverFromAWriterKilledInTheMiddleOfAnExcerpt() throws Exception {
        final long seed = 42;
        final Process child = start("mid-excerpt", seed);
        long acknowledged = 0;
        try (BufferedReader out = reader(child)) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("mid-excerpt")) {
                if (line.startsWith(COMMITTED)) {
                    acknowledged = Long.parseLong(line.substring(COMMITTED.length()));
                }
            }
            child.toHandle().destroyForcibly();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        assertEquals(10, acknowledged);
        try (JournalReader reader = JournalReader.open(directory)) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> true);
            assertEquals(10, result.lastIndex());
            assertEquals(1, result.discardedTail(), "the request appended without commit");
        }
        final JournalWriter reopened = continueAndVerify(acknowledged, seed);
        assertEquals(1, reopened.tornAtOpen());
    }

    /** Opens a writer after the crash, adds a batch, and checks the whole journal from the start. */
    private JournalWriter continueAndVerify(final long acknowledged, final long seed) {
        final long openStartNs = System.nanoTime();
        final JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS);
        final long committedBefore = writer.lastIndex();
        assertTrue(committedBefore >= acknowledged, "acknowledged " + acknowledged + " but the journal has only "
            + committedBefore + " (seed " + seed + ")");
        final RequestGenerator more = new RequestGenerator(seed + 1, 10);
        for (int i = 0; i < 3; i++) {
            RequestGenerator.append(writer, more.next());
        }
        writer.commit();
        writer.close();
        System.out.println("reopen after kill -9 + first commit took "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openStartNs) + " ms");
        final List<Long> seen = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory)) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> seen.add(index));
            assertEquals(committedBefore + 3, result.lastIndex());
            assertEquals(result.lastIndex(), result.committedIndex());
        }
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i), "indexes must be dense from 1");
        }
        return writer;
    }

    private Process start(final String mode, final long seed) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") || argument.startsWith("--enable")
                || argument.startsWith("--sun-misc")) {
                command.add(argument);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingWriter.class.getName());
        command.add(mode);
        command.add(directory.toString());
        command.add(Long.toString(seed));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(final Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }
}
