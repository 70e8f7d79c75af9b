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
        final List<String> lines = lines(Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--from", "2", "--limit",
            "2").out());
        final List<String> entries = lines.stream().filter(line -> !line.startsWith(" ")).collect(
            Collectors.toList());
        assertEquals(2, entries.size(), String.join("\n", lines));
        assertTrue(entries.get(0).startsWith("request index=2 operation=create_transfers "), entries.get(0));
        assertTrue(entries.get(1).startsWith("commit first_index=2 last_index=2 "), entries.get(1));
        assertEquals(3, lines.size() - entries.size(), "the three transfer events of request 2");
    }

    @Test
    void eventLinesNameEveryField() {
        final String out = Cli.expect(ReplayTool.OK, "dump", "--data", DATA, "--from", "1", "--limit", "2").out();
        assertTrue(out.contains("  account id=1 debits_pending=0 debits_posted=0 credits_pending=0 credits_posted=0 "
            + "user_data_128="), out);
        assertTrue(out.contains("  account id=2 ") && out.contains("flags=history "), out);
    }

    @Test
    void damagedRequestShowsItsCommitUnverifiedAndExitsOne(@TempDir final Path temp) throws IOException {
        final Path copy = FIXTURE.copyTo(temp.resolve("data"));
        Damage.flipJournalMarker(copy.resolve("journal"), DataFixture.MARKER_AMOUNT);
        final Cli.Result result = Cli.expect(ReplayTool.FAILED, "dump", "--data", copy.toString(), "--from", "3");
        assertTrue(result.out().contains("commit first_index=3 last_index=3 chain="), result.out());
        assertTrue(result.out().contains(" verified=true\nrequest index=4 "), "batch 3 still verifies: "
            + result.out());
        assertTrue(result.out().contains("commit first_index=4 last_index=4 chain=")
            && result.out().contains(" verified=false\nrequest index=5 "), result.out());
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
