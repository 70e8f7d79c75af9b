package io.ringbook.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final String DATA = FIXTURE.data.toString();

    @ParameterizedTest
    @CsvSource({"accounts,csv", "accounts,jsonl", "transfers,csv", "transfers,jsonl", "totals,csv", "totals,jsonl"})
    void exportOfTheNewestSnapshotMatchesGoldenFile(final String what, final String format) {
        final String out = Cli.expect(ReplayTool.OK, "export", "--data", DATA, "--what", what, "--format", format)
            .out();
        Cli.assertGolden("export-" + what + "." + format, out);
    }

    @Test
    void anExplicitSnapshotFileIsExportedInsteadOfTheNewest() {
        final List<Path> files = SnapshotFiles.files(FIXTURE.data.resolve("snapshots"));
        assertEquals(2, files.size(), files::toString);
        final String middle = Cli.expect(ReplayTool.OK, "export", "--snapshot", files.get(1).toString(), "--what",
            "transfers").out();
        final String newest = Cli.expect(ReplayTool.OK, "export", "--data", DATA, "--what", "transfers").out();
        assertNotEquals(newest, middle);
        assertTrue(newest.startsWith(middle.substring(0, middle.indexOf('\n'))), "same header");
        assertEquals(6, middle.split("\n").length, "header and the five transfers of the first four requests");
    }

    @Test
    void outputFileHoldsWhatStdoutWouldShow(@TempDir final Path temp) throws IOException {
        final Path file = temp.resolve("accounts.csv");
        final Cli.Result toFile = Cli.expect(ReplayTool.OK, "export", "--data", DATA, "--what", "accounts",
            "--output", file.toString());
        assertEquals("", toFile.out());
        assertEquals(Cli.expect(ReplayTool.OK, "export", "--data", DATA, "--what", "accounts").out(),
            Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void missingWhatOrUnknownFormatIsAUsageError() {
        assertTrue(Cli.expect(ReplayTool.USAGE, "export", "--data", DATA).err().contains("--what"));
        assertTrue(Cli.expect(ReplayTool.USAGE, "export", "--data", DATA, "--what", "accounts", "--format", "xml")
            .err().contains("xml"));
    }

    @Test
    void missingSnapshotFileIsAUsageError(@TempDir final Path temp) {
        final Cli.Result result = Cli.expect(ReplayTool.USAGE, "export", "--snapshot",
            temp.resolve("nope.rbs").toString(), "--what", "accounts");
        assertTrue(result.err().contains("no snapshot file at"), result.err());
    }

    @Test
    void corruptSnapshotExitsOneAndPrintsNoRows(@TempDir final Path temp) throws IOException {
        final Path copy = FIXTURE.copyTo(temp.resolve("data"));
        final Path newest = SnapshotFiles.files(copy.resolve("snapshots")).get(0);
        Damage.flipByte(newest, Files.size(newest) / 2);
        final Cli.Result result = Cli.expect(ReplayTool.FAILED, "export", "--data", copy.toString(), "--what",
            "accounts");
        assertEquals("", result.out());
        assertTrue(result.err().contains(newest.getFileName().toString()), result.err());
    }
}
