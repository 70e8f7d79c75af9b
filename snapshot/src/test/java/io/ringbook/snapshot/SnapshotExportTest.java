package io.ringbook.snapshot;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.CodeTotals;
import io.ringbook.snapshot.SnapshotExport.Format;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Exports of the fixed state against golden files in src/test/resources/export (the columns are a contract with
 * reconciliation jobs: a change here must be deliberate and documented in docs/SNAPSHOT.md). Regenerate them with
 * {@code -Dringbook.snapshot.regenerateGolden=<directory>} and review the diff.
 */
class SnapshotExportTest {
    @TempDir
    Path dir;

    private DirectLedger live;
    private Path file;

    @BeforeEach
    void writeSnapshot() throws IOException {
        live = LedgerStates.standard();
        file = SnapshotRoundTripTest.write(live, dir.resolve("s.rbs")).file();
    }

    @Test
    void accountsCsvMatchesGolden() throws IOException {
        assertGolden("accounts.csv", 6, export(Format.CSV, Kind.ACCOUNTS));
    }

    @Test
    void accountsJsonLinesMatchGolden() throws IOException {
        assertGolden("accounts.jsonl", 6, export(Format.JSONL, Kind.ACCOUNTS));
    }

    @Test
    void transfersCsvMatchesGolden() throws IOException {
        assertGolden("transfers.csv", 10, export(Format.CSV, Kind.TRANSFERS));
    }

    @Test
    void transfersJsonLinesMatchGolden() throws IOException {
        assertGolden("transfers.jsonl", 10, export(Format.JSONL, Kind.TRANSFERS));
    }

    @Test
    void totalsCsvMatchesGolden() throws IOException {
        assertGolden("totals.csv", 3, export(Format.CSV, Kind.TOTALS));
    }

    @Test
    void totalsJsonLinesMatchGolden() throws IOException {
        assertGolden("totals.jsonl", 3, export(Format.JSONL, Kind.TOTALS));
    }

    @Test
    void exportedTotalsEqualTheEngineTotals() throws IOException {
        final StringBuilder expected = new StringBuilder(String.join(",", SnapshotExport.TOTALS_COLUMNS) + "\n");
        for (final int ledger : new int[] {1, 2}) {
            for (final CodeTotals t : live.ledgerTotals(ledger)) {
                expected.append(t.ledger()).append(',').append(t.code()).append(',').append(t.accounts())
                    .append(',').append(t.debitsPending()).append(',').append(t.debitsPosted()).append(',')
                    .append(t.creditsPending()).append(',').append(t.creditsPosted()).append('\n');
            }
        }
        assertEquals(expected.toString(), export(Format.CSV, Kind.TOTALS).text);
    }

    @Test
    void totalsAreExactBeyondSixtyFourBits() throws IOException {
        final DirectLedger big = new DirectLedger(LedgerStates.config());
        big.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0), Account.of(3, 1, 2, 0),
            Account.of(4, 1, 2, 0)), 1);
        big.createTransfers(List.of(LedgerStates.transfer(10, 1, 3, Long.MAX_VALUE).build(),
            LedgerStates.transfer(11, 2, 4, Long.MAX_VALUE).build()), 2);
        final Path bigFile = SnapshotRoundTripTest.write(big, dir.resolve("big.rbs")).file();
        final StringWriter out = new StringWriter();
        SnapshotExport.totals(bigFile, Format.CSV, out);
        assertEquals(String.join(",", SnapshotExport.TOTALS_COLUMNS) + "\n"
            + "1,1,2,0,18446744073709551614,0,0\n"
            + "1,2,2,0,0,0,18446744073709551614\n", out.toString());
    }

    @Test
    void damagedSnapshotExportsNothing() throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - SnapshotFormat.TRAILER_BYTES - 20] ^= 1;
        Files.write(file, bytes);
        final StringWriter out = new StringWriter();
        assertThrows(SnapshotCorruptException.class, () -> SnapshotExport.accounts(file, Format.CSV, out));
        assertEquals("", out.toString());
    }

    private enum Kind { ACCOUNTS, TRANSFERS, TOTALS }

    private record Export(long rows, String text) {
    }

    private Export export(final Format format, final Kind kind) throws IOException {
        final StringWriter out = new StringWriter();
        final long rows;
        switch (kind) {
            case ACCOUNTS:
                rows = SnapshotExport.accounts(file, format, out);
                break;
            case TRANSFERS:
                rows = SnapshotExport.transfers(file, format, out);
                break;
            default:
                rows = SnapshotExport.totals(file, format, out);
                break;
        }
        return new Export(rows, out.toString());
    }

    private static void assertGolden(final String name, final long rows, final Export export) throws IOException {
        final String regenerate = System.getProperty("ringbook.snapshot.regenerateGolden");
        if (regenerate != null) {
            Files.writeString(Path.of(regenerate).resolve(name), export.text);
        }
        try (InputStream golden = SnapshotExportTest.class.getResourceAsStream("/export/" + name)) {
            assertNotNull(golden, "missing golden file export/" + name);
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), export.text, name);
        }
        assertEquals(rows, export.rows, name + " row count");
    }
}
