package io.ringbook.engine.state;

import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.QueryFilter;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;

import static io.ringbook.engine.state.Layout.A_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.A_CREDITS_PENDING;
import static io.ringbook.engine.state.Layout.A_CREDITS_POSTED;
import static io.ringbook.engine.state.Layout.A_DEBITS_PENDING;
import static io.ringbook.engine.state.Layout.A_DEBITS_POSTED;
import static io.ringbook.engine.state.Layout.A_HISTORY;
import static io.ringbook.engine.state.Layout.A_TIMESTAMP;
import static io.ringbook.engine.state.Layout.A_TRANSFERS;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.A_USER_DATA_32_LEDGER;
import static io.ringbook.engine.state.Layout.A_USER_DATA_64;
import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_CREDIT_LINKS;
import static io.ringbook.engine.state.Layout.T_DEBIT_LINKS;
import static io.ringbook.engine.state.Layout.T_LEDGER_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.T_TIMESTAMP;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.T_USER_DATA_32_TIMEOUT;
import static io.ringbook.engine.state.Layout.T_USER_DATA_64;
import static io.ringbook.engine.state.Records.NONE;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;

/**
 * The read side of the ledger: lookups, an account's transfers and balance history, field queries and per-ledger
 * totals. Runs on the ledger thread (reads go through the ring, so every read sees a consistent state) and writes
 * rows into the request's slots. Accounts and transfers are stored in timestamp order, so timestamp ranges are found
 * by binary search; an account's transfers and history rows are doubly linked lists in timestamp order.
 */
final class LedgerQueries {
    private static final int CODES = 1 << 16;

    private final LedgerTables tables;
    private final long[] totalsCount = new long[CODES];
    private final long[][] totalsSum = new long[8][CODES];

    LedgerQueries(final LedgerTables tables) {
        this.tables = tables;
    }

    /** The rows of the current read examined so far, its budget, and its continuation (0: none). */
    private long examined;
    private long scanMax = Ledger.QUERY_SCAN_MAX_DEFAULT;
    private long continuation;

    /**
     * Sets the most rows one read examines before it answers what it found with a continuation
     * (docs/SEMANTICS.md, "Scan budget").
     */
    void scanMax(final int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("query scan budget must be at least 1 row: " + rows);
        }
        scanMax = rows;
    }

    /** Rows the last read examined (for tests and measurements: a bounded read stays within the budget). */
    long rowsExamined() {
        return examined;
    }

    void execute(final Operation operation, final CommandRequest request) {
        examined = 0;
        continuation = 0;
        switch (operation) {
            case LOOKUP_ACCOUNTS:
                lookupAccounts(request);
                break;
            case LOOKUP_TRANSFERS:
                lookupTransfers(request);
                break;
            case GET_ACCOUNT_TRANSFERS:
                answerPage(request, accountRows(request, new Filter(request.get(0), true), false));
                break;
            case GET_ACCOUNT_BALANCES:
                answerPage(request, accountRows(request, new Filter(request.get(0), true), true));
                break;
            case QUERY_ACCOUNTS:
                answerPage(request, queryAccounts(request, new Filter(request.get(0), false)));
                break;
            case QUERY_TRANSFERS:
                answerPage(request, queryTransfers(request, new Filter(request.get(0), false)));
                break;
            case GET_LEDGER_TOTALS:
                ledgerTotals(request, request.get(0).ledger);
                break;
            default:
                throw new IllegalArgumentException("not a read operation: " + operation);
        }
    }

    /** Slot 0: how many rows the read answers and, in {@code value}, its continuation (0: the scan reached the end). */
    private void answerPage(final CommandRequest request, final int rows) {
        request.get(0).resultCount = rows;
        request.get(0).value = continuation;
    }

    private void lookupAccounts(final CommandRequest request) {
        for (int i = 0; i < request.size(); i++) {
            final Command c = request.get(i);
            final int row = Ledger.isIntMax(c.id) || c.id == 0 ? IdIndex.MISSING : tables.accountIndex.get(c.id);
            c.resetResult();
            if (row != IdIndex.MISSING) {
                writeAccount(c, row);
                c.status = 1;
            }
        }
    }

    private void lookupTransfers(final CommandRequest request) {
        for (int i = 0; i < request.size(); i++) {
            final Command c = request.get(i);
            final int row = Ledger.isIntMax(c.id) || c.id == 0 ? IdIndex.MISSING : tables.transferIndex.get(c.id);
            c.resetResult();
            if (row != IdIndex.MISSING) {
                writeTransfer(c, row);
                c.status = 1;
            }
        }
    }

    /**
     * An account's transfers ({@code history} false) or balance rows ({@code history} true): located in O(log n) at
     * the filter's first timestamp, then walked along the account's list within the scan budget.
     */
    private int accountRows(final CommandRequest request, final Filter filter, final boolean history) {
        final int account = filter.valid ? tables.accountIndex.get(filter.accountId) : IdIndex.MISSING;
        if (account == IdIndex.MISSING
            || history && !tables.hasAccountFlag(account, AccountFlags.HISTORY)) {
            return 0;
        }
        final int rowsMax = Math.min(filter.limit, request.size());
        int rows = 0;
        int row = locate(filter, account, history);
        while (row != NONE && rows < rowsMax) {
            final long timestamp = timestamp(history, row);
            if (filter.reversed ? timestamp < filter.timestampMin : timestamp > filter.timestampMax) {
                break;
            }
            if (examined >= scanMax) {
                continuation = timestamp;
                break;
            }
            examined++;
            final boolean debit = history ? (tables.history.get(row, Layout.H_TRANSFER_SIDE) & 1) == 0
                : high(tables.transfers.get(row, T_ACCOUNTS)) == account;
            final int transfer = history ? (int) (tables.history.get(row, Layout.H_TRANSFER_SIDE) >>> 1) : row;
            if (filter.inRange(timestamp) && filter.side(debit) && matchesTransfer(filter, transfer)) {
                final Command c = resultSlot(request, rows++);
                if (history) {
                    writeBalance(c, row);
                } else {
                    writeTransfer(c, row);
                }
            }
            row = step(history, row, account, filter.reversed);
        }
        return rows;
    }

    /**
     * The account's first row in the filter's order that lies inside its range, or NONE (with {@link #continuation}
     * set if the scan budget ran out first). Tables are in timestamp order, so the binary search lands on the row at
     * the range's start; if that row (or one sharing its timestamp: two history rows do) is the account's, start
     * there; if the row just before the range is the account's (the previous page's last row, when paging with
     * {@code timestamp_min = last + 1}), start at its next link. Otherwise walk the account's list from its end and
     * the table from the range's start in step, whichever finds the account's first row inside the range sooner; a
     * continuation then names the table's next unexamined row, inside the range, so every call makes progress.
     */
    private int locate(final Filter filter, final int account, final boolean history) {
        final Records table = history ? tables.history : tables.transfers;
        final int direction = filter.reversed ? -1 : 1;
        final int first = filter.reversed ? lowerBound(table, history, filter.timestampMax, true) - 1
            : lowerBound(table, history, filter.timestampMin, false);
        for (int r = first; r >= 0 && r < table.count && timestamp(history, r) == timestamp(history, first);
             r += direction) {
            if (onAccount(history, r, account)) {
                return r;
            }
        }
        final int before = first - direction;
        for (int r = before; r >= 0 && r < table.count && timestamp(history, r) == timestamp(history, before);
             r -= direction) {
            if (onAccount(history, r, account)) {
                return step(history, r, account, filter.reversed);
            }
        }
        final long ends = tables.accounts.get(account, history ? A_HISTORY : A_TRANSFERS);
        int walk = filter.reversed ? low(ends) : high(ends);
        int scan = first;
        while (walk != NONE && scan >= 0 && scan < table.count) {
            final long walked = timestamp(history, walk);
            if (filter.reversed ? walked <= filter.timestampMax : walked >= filter.timestampMin) {
                return walk;
            }
            final long scanned = timestamp(history, scan);
            if (!filter.inRange(scanned)) {
                return NONE;
            }
            if (onAccount(history, scan, account)) {
                return scan;
            }
            // A continuation at the start's own timestamp (two history rows share one) would not move on.
            if (examined >= scanMax && scanned != timestamp(history, first)) {
                continuation = scanned;
                return NONE;
            }
            examined += 2;
            walk = step(history, walk, account, filter.reversed);
            scan += direction;
        }
        return NONE;
    }

    /** The first row whose timestamp is >= {@code timestamp} (> when {@code after}), or the table's count. */
    private static int lowerBound(final Records table, final boolean history, final long timestamp,
                                  final boolean after) {
        if (after && timestamp == Long.MAX_VALUE) {
            return table.count;
        }
        return table.lowerBound(history ? Layout.H_TIMESTAMP : T_TIMESTAMP, after ? timestamp + 1 : timestamp);
    }

    private long timestamp(final boolean history, final int row) {
        return history ? tables.history.get(row, Layout.H_TIMESTAMP) : tables.transfers.get(row, T_TIMESTAMP);
    }

    /** True if transfer {@code row} is on the account, or history {@code row} is one of the account's balances. */
    private boolean onAccount(final boolean history, final int row, final int account) {
        if (history) {
            final long transferSide = tables.history.get(row, Layout.H_TRANSFER_SIDE);
            final long accounts = tables.transfers.get((int) (transferSide >>> 1), T_ACCOUNTS);
            return ((transferSide & 1) == 0 ? high(accounts) : low(accounts)) == account;
        }
        final long accounts = tables.transfers.get(row, T_ACCOUNTS);
        return high(accounts) == account || low(accounts) == account;
    }

    /** The account's row after {@code row} in its list (before it, when {@code backwards}), or NONE. */
    private int step(final boolean history, final int row, final int account, final boolean backwards) {
        final long links = history ? tables.history.get(row, Layout.H_LINKS) : tables.transfers.get(row,
            high(tables.transfers.get(row, T_ACCOUNTS)) == account ? T_DEBIT_LINKS : T_CREDIT_LINKS);
        return backwards ? high(links) : low(links);
    }

    private int queryAccounts(final CommandRequest request, final Filter filter) {
        if (!filter.valid) {
            return 0;
        }
        final Records accounts = tables.accounts;
        final int from = accounts.lowerBound(A_TIMESTAMP, filter.timestampMin);
        final int to = filter.timestampMax == Long.MAX_VALUE ? accounts.count
            : accounts.lowerBound(A_TIMESTAMP, filter.timestampMax + 1);
        final int rowsMax = Math.min(filter.limit, request.size());
        int rows = 0;
        for (int i = 0; i < to - from && rows < rowsMax; i++) {
            final int account = filter.reversed ? to - 1 - i : from + i;
            if (examined >= scanMax) {
                continuation = accounts.get(account, A_TIMESTAMP);
                break;
            }
            examined++;
            final long userData32Ledger = accounts.get(account, A_USER_DATA_32_LEDGER);
            if ((filter.ledger == 0 || filter.ledger == low(userData32Ledger))
                && (filter.code == 0 || filter.code == Layout.codeOf(accounts.get(account, A_CODE_FLAGS)))
                && filter.matchesUserData(accounts.get(account, A_USER_DATA_128_HI),
                    accounts.get(account, A_USER_DATA_128_LO), accounts.get(account, A_USER_DATA_64),
                    high(userData32Ledger))) {
                writeAccount(resultSlot(request, rows++), account);
            }
        }
        return rows;
    }

    private int queryTransfers(final CommandRequest request, final Filter filter) {
        if (!filter.valid) {
            return 0;
        }
        final Records transfers = tables.transfers;
        final int from = transfers.lowerBound(T_TIMESTAMP, filter.timestampMin);
        final int to = filter.timestampMax == Long.MAX_VALUE ? transfers.count
            : transfers.lowerBound(T_TIMESTAMP, filter.timestampMax + 1);
        final int rowsMax = Math.min(filter.limit, request.size());
        int rows = 0;
        for (int i = 0; i < to - from && rows < rowsMax; i++) {
            final int transfer = filter.reversed ? to - 1 - i : from + i;
            if (examined >= scanMax) {
                continuation = transfers.get(transfer, T_TIMESTAMP);
                break;
            }
            examined++;
            if ((filter.ledger == 0 || filter.ledger == Layout.ledgerOfTransfer(transfers.get(transfer,
                T_LEDGER_CODE_FLAGS))) && matchesTransfer(filter, transfer)) {
                writeTransfer(resultSlot(request, rows++), transfer);
            }
        }
        return rows;
    }

    private boolean matchesTransfer(final Filter filter, final int transfer) {
        final Records transfers = tables.transfers;
        return (filter.code == 0 || filter.code == Layout.codeOf(transfers.get(transfer, T_LEDGER_CODE_FLAGS)))
            && filter.matchesUserData(transfers.get(transfer, T_USER_DATA_128_HI),
                transfers.get(transfer, T_USER_DATA_128_LO), transfers.get(transfer, T_USER_DATA_64),
                high(transfers.get(transfer, T_USER_DATA_32_TIMEOUT)));
    }

    /** Writes one row per account code; slot 0 gets the row count and, in {@code value}, the number of codes. */
    private void ledgerTotals(final CommandRequest request, final int ledgerId) {
        final Records accounts = tables.accounts;
        for (int account = 0; account < accounts.count; account++) {
            if (low(accounts.get(account, A_USER_DATA_32_LEDGER)) != ledgerId) {
                continue;
            }
            final int code = Layout.codeOf(accounts.get(account, A_CODE_FLAGS));
            totalsCount[code]++;
            add(code, 0, accounts.get(account, A_DEBITS_PENDING));
            add(code, 2, accounts.get(account, A_DEBITS_POSTED));
            add(code, 4, accounts.get(account, A_CREDITS_PENDING));
            add(code, 6, accounts.get(account, A_CREDITS_POSTED));
        }
        int rows = 0;
        int codes = 0;
        for (int code = 0; code < CODES; code++) {
            codes += totalsCount[code] != 0 ? 1 : 0;
            if (totalsCount[code] != 0 && rows < request.size()) {
                final Command c = resultSlot(request, rows++);
                c.ledger = ledgerId;
                c.code = code;
                c.id = totalsCount[code];
                c.debitsPending = totalsSum[0][code];
                c.debitsPendingHi = totalsSum[1][code];
                c.debitsPosted = totalsSum[2][code];
                c.debitsPostedHi = totalsSum[3][code];
                c.creditsPending = totalsSum[4][code];
                c.creditsPendingHi = totalsSum[5][code];
                c.creditsPosted = totalsSum[6][code];
                c.creditsPostedHi = totalsSum[7][code];
            }
            totalsCount[code] = 0;
            for (final long[] sum : totalsSum) {
                sum[code] = 0;
            }
        }
        request.get(0).resultCount = rows;
        request.get(0).value = codes;
    }

    /** Adds a non-negative value to the 128-bit sum held in totalsSum[column] (low) and [column + 1] (high). */
    private void add(final int code, final int column, final long value) {
        final long low = totalsSum[column][code] + value;
        if (Long.compareUnsigned(low, value) < 0) {
            totalsSum[column + 1][code]++;
        }
        totalsSum[column][code] = low;
    }

    /** Slot {@code index} of the request, cleared to receive a result row. */
    private static Command resultSlot(final CommandRequest request, final int index) {
        final Command c = request.get(index);
        c.resetEvent();
        c.resetResult();
        c.status = 1;
        return c;
    }

    private void writeAccount(final Command c, final int row) {
        RowDecoder.fillAccount(c, tables.accounts.page(row), tables.accounts.offset(row));
    }

    private void writeBalance(final Command c, final int row) {
        final Records history = tables.history;
        c.timestamp = history.get(row, Layout.H_TIMESTAMP);
        c.debitsPending = history.get(row, Layout.H_DEBITS_PENDING);
        c.debitsPosted = history.get(row, Layout.H_DEBITS_POSTED);
        c.creditsPending = history.get(row, Layout.H_CREDITS_PENDING);
        c.creditsPosted = history.get(row, Layout.H_CREDITS_POSTED);
    }

    private void writeTransfer(final Command c, final int row) {
        RowDecoder.fillTransfer(c, tables.transfers.page(row), tables.transfers.offset(row), tables::accountId,
            tables::transferId);
    }

    /**
     * A filter read out of slot 0 before rows overwrite it. Validity follows docs/SEMANTICS.md: an invalid filter
     * matches nothing. Allocated per read request (reads are not the hot path).
     */
    private static final class Filter {
        final long accountId;
        final long userData128Hi;
        final long userData128Lo;
        final long userData64;
        final int userData32;
        final int ledger;
        final int code;
        final long timestampMin;
        final long timestampMax;
        final int limit;
        final int flags;
        final boolean reversed;
        final boolean valid;

        Filter(final Command c, final boolean accountFilter) {
            accountId = c.id;
            userData128Hi = c.userData128Hi;
            userData128Lo = c.userData128Lo;
            userData64 = c.userData64;
            userData32 = c.userData32;
            ledger = accountFilter ? 0 : c.ledger;
            code = c.code;
            timestampMin = c.timestampMin;
            timestampMax = c.timestampMax == 0 ? Long.MAX_VALUE : c.timestampMax;
            limit = c.limit;
            flags = c.flags;
            reversed = (flags & (accountFilter ? AccountFilter.REVERSED : QueryFilter.REVERSED)) != 0;
            final boolean rangeValid = c.timestampMin >= 0 && c.timestampMax >= 0
                && c.timestampMin != Long.MAX_VALUE && c.timestampMax != Long.MAX_VALUE
                && (c.timestampMax == 0 || c.timestampMin <= c.timestampMax);
            final boolean shapeValid = accountFilter
                ? accountId != 0 && !Ledger.isIntMax(accountId) && (flags & ~AccountFilter.ALL) == 0
                    && (flags & (AccountFilter.DEBITS | AccountFilter.CREDITS)) != 0
                : (flags & ~QueryFilter.ALL) == 0;
            valid = rangeValid && shapeValid && limit > 0;
        }

        boolean inRange(final long timestamp) {
            return timestamp >= timestampMin && timestamp <= timestampMax;
        }

        boolean side(final boolean debit) {
            return (flags & (debit ? AccountFilter.DEBITS : AccountFilter.CREDITS)) != 0;
        }

        boolean matchesUserData(final long hi, final long lo, final long u64, final int u32) {
            return (userData128Hi == 0 && userData128Lo == 0 || userData128Hi == hi && userData128Lo == lo)
                && (userData64 == 0 || userData64 == u64)
                && (userData32 == 0 || userData32 == u32);
        }
    }
}
