package io.ringbook.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final String DATA = FIXTURE.data.toString();

    @Test
    void textDumpMatchesGoldenFile() {
        Cli.assertGolden("dump.txt", Cli.expect(ReplayTool.OK, "dump", "--data", DATA).out());
    }

    @Test
    void jsonLinesDumpMatchesGoldenFile() {
        Cli.assertGolden("dump.jsonl", Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--format", "jsonl").out());
    }

    @Test
    void textDumpShowsEveryRequestOnceWithEveryCommitVerified() {
        final List<String> lines = lines(Cli.expect(ReplayTool.OK, "dump", "--data", DATA).out());
        final List<String> requests = lines.stream().filter(line -> line.startsWith("request ")).collect(
            Collectors.toList());
        assertEquals(FIXTURE.lastIndex, requests.size());
        for (int i = 0; i < requests.size(); i++) {
            assertTrue(requests.get(i).startsWith("request index=" + (i + 1) + " "), requests.get(i));
        }
        assertTrue(lines.stream().filter(line -> line.startsWith("commit ")).allMatch(
            line -> line.endsWith(" verified=true")), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("open next_index=1 "), lines.get(0));
    }

    @Test
    void fromAndLimitSelectTheEntries() {
        final List<String> lines = lines(Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--from", "3", "--limit",
            "2").out());
        final List<String> entries = lines.stream().filter(line -> !line.startsWith(" ")).collect(
            Collectors.toList());
        assertEquals(2, entries.size(), String.join("\n", lines));
        assertTrue(entries.get(0).startsWith("request index=3 operation=create_transfers "), entries.get(0));
        assertTrue(entries.get(1).startsWith("commit first_index=3 last_index=3 "), entries.get(1));
        assertEquals(3, lines.size() - entries.size(), "the three transfer events of request 3");
    }

    @Test
    void configureEntryShowsTheCapacityLimitsInForce() {
        final String text = Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--limit", "3").out();
        assertTrue(text.contains("request index=1 operation=configure request_id=1 "), text);
        assertTrue(text.contains("\n  limits accounts_capacity=1000 transfers_capacity=10000 "
            + "failed_transfer_ids_capacity=1250 history_capacity=2500\n"), text);
        final String json = Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--limit", "3", "--format", "jsonl")
            .out();
        assertTrue(json.contains("\"operation\":\"configure\""), json);
        assertTrue(json.contains("\"events\":[{\"accounts_capacity\":1000,\"transfers_capacity\":10000,"
            + "\"failed_transfer_ids_capacity\":1250,\"history_capacity\":2500}]"), json);
    }

    @Test
    void eventLinesNameEveryField() {
        final String out = Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--from", "2", "--limit", "2").out();
        assertTrue(out.contains("  account id=1 debits_pending=0 debits_posted=0 credits_pending=0 credits_posted=0 "
            + "user_data_128="), out);
        assertTrue(out.contains("  account id=2 ") && out.contains("flags=history "), out);
    }

    @Test
    void damagedRequestShowsItsCommitUnverifiedAndExitsOne(@TempDir final Path temp) throws IOException {
        final Path copy = FIXTURE.copyTo(temp.resolve("data"));
        Damage.flipJournalMarker(copy.resolve("journal"), DataFixture.MARKER_AMOUNT);
        final Cli.Result result = Cli.expect(ReplayTool.FAILED, "dump", "--data", copy.toString(), "--from", "4");
        assertTrue(result.out().contains("commit first_index=4 last_index=4 chain="), result.out());
        assertTrue(result.out().contains(" verified=true\nrequest index=5 "), "batch 4 still verifies: "
            + result.out());
        assertTrue(result.out().contains("commit first_index=5 last_index=5 chain=")
            && result.out().contains(" verified=false\nrequest index=6 "), result.out());
        assertTrue(result.err().contains("damage found: 1 commits whose chain does not verify"), result.err());
    }

    @Test
    void badLimitIsAUsageError() {
        final Cli.Result result = Cli.expect(ReplayTool.USAGE, "dump", "--data", DATA, "--limit", "0");
        assertTrue(result.err().contains("--limit must be at least 1"), result.err());
    }

    private static List<String> lines(final String text) {
        return Arrays.asList(text.split("\n"));
    }
}
