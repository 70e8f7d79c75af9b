package io.ringbook.tools;

import io.ringbook.model.Account;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final String DATA = FIXTURE.data.toString();
    private static final Pattern STATE = Pattern.compile("state at journal index (\\d+): .* state hash ([0-9a-f]{16})");

    @Test
    void everyIndexGivesTheStateRecordedThere() {
        for (long index = 0; index <= FIXTURE.lastIndex; index++) {
            final Cli.Result result = Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--index",
                Long.toString(index), "--what", "accounts");
            assertState(result, index);
            assertEquals(balances(FIXTURE.accounts.get(index)), balances(result.out()), "accounts at " + index);
        }
    }

    @Test
    void timestampInsideARequestExcludesThatRequest() {
        final List<Long> ticks = FIXTURE.timestamps.get(3L);
        assertEquals(3, ticks.size());
        final Cli.Result straddled = Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp",
            Long.toString(ticks.get(1)), "--what", "totals");
        assertState(straddled, 2);
        assertTrue(straddled.err().contains("request 3 straddles the timestamp (its events run from " + ticks.get(0)
            + " to " + ticks.get(2) + ")"), straddled.err());
        assertState(Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp", Long.toString(ticks.get(2)),
            "--what", "totals"), 3);
    }

    @Test
    void timestampAfterTheSnapshotStartsThereAndFindsTheRightIndex() {
        final long tick = FIXTURE.timestamps.get(6L).get(0);
        final Cli.Result result = Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp",
            Long.toString(tick), "--what", "accounts", "--format", "jsonl");
        assertState(result, 6);
        assertTrue(result.err().contains("request 7 ran after it"), result.err());
    }

    @Test
    void timestampsBeforeAndAfterEverythingGiveTheEmptyAndTheFinalState() {
        // The CONFIGURE at index 1 assigns no timestamp (like a pulse that expired nothing): it counts as before T.
        assertState(Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp", "1", "--what", "accounts"),
            DataFixture.CONFIGURE_INDEX);
        final Cli.Result last = Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp",
            Long.toString(Long.MAX_VALUE), "--what", "accounts");
        assertState(last, FIXTURE.lastIndex);
        assertTrue(last.err().contains("the end of the journal"), last.err());
    }

    @Test
    void atNeverWritesIntoTheDataDirectory() throws IOException {
        final Map<String, Long> before = listing(FIXTURE.data);
        Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--index", "6", "--what", "transfers");
        Cli.expect(ReplayTool.OK, "at", "--data", DATA, "--timestamp", Long.toString(
            FIXTURE.timestamps.get(7L).get(1)), "--what", "transfers");
        assertEquals(before, listing(FIXTURE.data));
    }

    @Test
    void indexAndTimestampAreExclusiveAndOneIsRequired() {
        assertTrue(Cli.expect(ReplayTool.USAGE, "at", "--data", DATA, "--index", "1", "--timestamp", "5", "--what",
            "accounts").err().contains("mutually exclusive"));
        assertTrue(Cli.expect(ReplayTool.USAGE, "at", "--data", DATA, "--what", "accounts").err()
            .contains("--index"));
        assertTrue(Cli.expect(ReplayTool.USAGE, "at", "--data", DATA, "--index", "-1", "--what", "accounts").err()
            .contains("--index must be a journal index >= 0"));
        assertTrue(Cli.expect(ReplayTool.USAGE, "at", "--data", DATA, "--index", "100", "--what", "accounts").err()
            .contains("--index 100 is past the end of the journal"));
    }

    private static void assertState(final Cli.Result result, final long index) {
        final Matcher state = STATE.matcher(result.err());
        assertTrue(state.find(), result::toString);
        assertEquals(index, Long.parseLong(state.group(1)), result::toString);
        assertEquals(Checks.hex(FIXTURE.hashes.get(index)), state.group(2), result::toString);
    }

    /** id -> the four balances, from the recorded lookups. */
    private static Map<Long, List<Long>> balances(final List<Account> accounts) {
        final Map<Long, List<Long>> balances = new TreeMap<>();
        for (final Account account : accounts) {
            balances.put(account.id(), List.of(account.debitsPending(), account.debitsPosted(),
                account.creditsPending(), account.creditsPosted()));
        }
        return balances;
    }

    /** id -> the four balances, from the CSV export (id first, balances in columns 5 to 8). */
    private static Map<Long, List<Long>> balances(final String csv) {
        final String[] lines = csv.split("\n");
        assertTrue(lines[0].startsWith("id,ledger,code,flags,debits_pending,debits_posted,credits_pending,"
            + "credits_posted,"), lines[0]);
        final Map<Long, List<Long>> balances = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            final String[] columns = lines[i].split(",");
            final List<Long> row = new ArrayList<>();
            for (int c = 4; c < 8; c++) {
                row.add(Long.parseLong(columns[c]));
            }
            balances.put(Long.parseLong(columns[0]), row);
        }
        return balances;
    }

    private static Map<String, Long> listing(final Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                file -> directory.relativize(file).toString(), file -> file.toFile().length(), (a, b) -> a,
                TreeMap::new));
        }
    }
}
