package io.ringbook.snapshot;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerCut.Section;
import io.ringbook.engine.state.RowDecoder;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only exports of a snapshot for reconciliation and accounting jobs: accounts, transfers and per-(ledger, code)
 * totals as CSV or JSON Lines, rows in slot (creation) order. Streams the file a chunk of rows at a time and never
 * builds a ledger, so exporting needs far less memory than the engine (transfers need one id per account and per
 * transfer). The whole file is verified first, so a damaged snapshot yields an exception and no rows at all. Columns
 * are a contract: docs/SNAPSHOT.md lists them.
 */
public final class SnapshotExport {
    /** Output formats. */
    public enum Format {
        /** RFC 4180 CSV with a header line and LF line ends; flags are names joined by '|'. */
        CSV,
        /** One JSON object per line; flags are arrays of names. */
        JSONL
    }

    static final String[] ACCOUNT_COLUMNS = {
        "id", "ledger", "code", "flags", "debits_pending", "debits_posted", "credits_pending", "credits_posted",
        "user_data_128", "user_data_64", "user_data_32", "timestamp",
    };
    static final String[] TRANSFER_COLUMNS = {
        "id", "debit_account_id", "credit_account_id", "amount", "pending_id", "reverses_id", "user_data_128",
        "user_data_64", "user_data_32", "timeout", "ledger", "code", "flags", "timestamp", "reversed_amount", "status",
    };
    static final String[] TOTALS_COLUMNS = {
        "ledger", "code", "accounts", "debits_pending", "debits_posted", "credits_pending", "credits_posted",
    };

    private SnapshotExport() {
    }

    /** Writes every account; returns how many. */
    public static long accounts(final Path snapshot, final Format format, final Writer out) throws IOException {
        SnapshotFile.verify(snapshot);
        try (SnapshotReader reader = SnapshotReader.open(snapshot)) {
            final ExportRows rows = ExportRows.of(format, out, ACCOUNT_COLUMNS);
            final int stride = Section.ACCOUNTS.stride();
            reader.forEachChunk(Section.ACCOUNTS, (words, first, count) -> {
                for (int r = 0; r < count; r++) {
                    writeAccount(rows, RowDecoder.account(words, r * stride));
                }
            });
            rows.finish();
            return reader.info().accounts();
        }
    }

    /** Writes every transfer with its reversed amount and pending status; returns how many. */
    public static long transfers(final Path snapshot, final Format format, final Writer out) throws IOException {
        SnapshotFile.verify(snapshot);
        try (SnapshotReader reader = SnapshotReader.open(snapshot)) {
            final long[] accountIds = new long[reader.info().accounts()];
            final int accountStride = Section.ACCOUNTS.stride();
            reader.forEachChunk(Section.ACCOUNTS, (words, first, count) -> {
                for (int r = 0; r < count; r++) {
                    accountIds[first + r] = RowDecoder.account(words, r * accountStride).id();
                }
            });
            final long[] transferIds = new long[reader.info().transfers()];
            final ExportRows rows = ExportRows.of(format, out, TRANSFER_COLUMNS);
            final int stride = Section.TRANSFERS.stride();
            reader.forEachChunk(Section.TRANSFERS, (words, first, count) -> {
                for (int r = 0; r < count; r++) {
                    final Transfer transfer = RowDecoder.transfer(words, r * stride, slot -> accountIds[slot],
                        slot -> slot < 0 ? 0 : transferIds[slot]);
                    transferIds[first + r] = transfer.id();
                    writeTransfer(rows, transfer, RowDecoder.transferStatus(words, r * stride));
                }
            });
            rows.finish();
            return reader.info().transfers();
        }
    }

    /**
     * Writes, per ledger and account code (ascending), the account count and the exact sums of the four balances: a
     * trial balance. Returns the number of rows.
     */
    public static long totals(final Path snapshot, final Format format, final Writer out) throws IOException {
        SnapshotFile.verify(snapshot);
        final Map<Long, Sums> totals = new TreeMap<>();
        try (SnapshotReader reader = SnapshotReader.open(snapshot)) {
            final int stride = Section.ACCOUNTS.stride();
            reader.forEachChunk(Section.ACCOUNTS, (words, first, count) -> {
                for (int r = 0; r < count; r++) {
                    final Account account = RowDecoder.account(words, r * stride);
                    final long key = Integer.toUnsignedLong(account.ledger()) << 16 | account.code();
                    totals.computeIfAbsent(key, k -> new Sums()).add(account);
                }
            });
        }
        final ExportRows rows = ExportRows.of(format, out, TOTALS_COLUMNS);
        for (final Map.Entry<Long, Sums> entry : totals.entrySet()) {
            final Sums sums = entry.getValue();
            rows.number(entry.getKey() >>> 16);
            rows.number(entry.getKey() & 0xFFFF);
            rows.number(sums.accounts);
            for (int column = 0; column < Sums.COLUMNS; column++) {
                rows.number(sums.sum(column));
            }
            rows.endRow();
        }
        rows.finish();
        return totals.size();
    }

    private static void writeAccount(final ExportRows rows, final Account a) throws IOException {
        rows.number(a.id());
        rows.unsigned(a.ledger());
        rows.number(a.code());
        rows.flags(a.flags(), AccountFlags.NAMES);
        rows.number(a.debitsPending());
        rows.number(a.debitsPosted());
        rows.number(a.creditsPending());
        rows.number(a.creditsPosted());
        rows.unsigned128(a.userData128Hi(), a.userData128Lo());
        rows.unsigned128(0, a.userData64());
        rows.unsigned(a.userData32());
        rows.number(a.timestamp());
        rows.endRow();
    }

    private static void writeTransfer(final ExportRows rows, final Transfer t, final String status)
        throws IOException {
        rows.number(t.id());
        rows.number(t.debitAccountId());
        rows.number(t.creditAccountId());
        rows.number(t.amount());
        rows.number(t.pendingId());
        rows.number(t.reversesId());
        rows.unsigned128(t.userData128Hi(), t.userData128Lo());
        rows.unsigned128(0, t.userData64());
        rows.unsigned(t.userData32());
        rows.unsigned(t.timeout());
        rows.unsigned(t.ledger());
        rows.number(t.code());
        rows.flags(t.flags(), TransferFlags.NAMES);
        rows.number(t.timestamp());
        rows.number(t.reversedAmount());
        rows.text(status);
        rows.endRow();
    }

    /** Exact sums of the four balance columns as 128-bit unsigned values (hi, lo): balances are never negative. */
    private static final class Sums {
        static final int COLUMNS = 4;

        private final long[] hi = new long[COLUMNS];
        private final long[] lo = new long[COLUMNS];
        private long accounts;

        void add(final Account account) {
            accounts++;
            add(0, account.debitsPending());
            add(1, account.debitsPosted());
            add(2, account.creditsPending());
            add(3, account.creditsPosted());
        }

        private void add(final int column, final long value) {
            final long sum = lo[column] + value;
            if (Long.compareUnsigned(sum, lo[column]) < 0) {
                hi[column]++;
            }
            lo[column] = sum;
        }

        BigInteger sum(final int column) {
            BigInteger low = BigInteger.valueOf(lo[column]);
            if (lo[column] < 0) {
                low = low.add(BigInteger.ONE.shiftLeft(64));
            }
            return BigInteger.valueOf(hi[column]).shiftLeft(64).add(low);
        }
    }
}
