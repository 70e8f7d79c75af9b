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

    void execute(final Operation operation, final CommandRequest request) {
        switch (operation) {
            case LOOKUP_ACCOUNTS:
                lookupAccounts(request);
                break;
            case LOOKUP_TRANSFERS:
                lookupTransfers(request);
                break;
            case GET_ACCOUNT_TRANSFERS:
                request.get(0).resultCount = accountTransfers(request, new Filter(request.get(0), true));
                break;
            case GET_ACCOUNT_BALANCES:
                request.get(0).resultCount = accountBalances(request, new Filter(request.get(0), true));
                break;
            case QUERY_ACCOUNTS:
                request.get(0).resultCount = queryAccounts(request, new Filter(request.get(0), false));
                break;
            case QUERY_TRANSFERS:
                request.get(0).resultCount = queryTransfers(request, new Filter(request.get(0), false));
                break;
            case GET_LEDGER_TOTALS:
                ledgerTotals(request, request.get(0).ledger);
                break;
            default:
                throw new IllegalArgumentException("not a read operation: " + operation);
        }
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

    private int accountTransfers(final CommandRequest request, final Filter filter) {
        final int account = filter.valid ? tables.accountIndex.get(filter.accountId) : IdIndex.MISSING;
        if (account == IdIndex.MISSING) {
            return 0;
        }
        final Records transfers = tables.transfers;
        final long ends = tables.accounts.get(account, A_TRANSFERS);
        final int rowsMax = Math.min(filter.limit, request.size());
        int rows = 0;
        int transfer = filter.reversed ? low(ends) : high(ends);
        while (transfer != NONE && rows < rowsMax) {
            final boolean debit = high(transfers.get(transfer, T_ACCOUNTS)) == account;
            final long links = transfers.get(transfer, debit ? T_DEBIT_LINKS : T_CREDIT_LINKS);
            final long timestamp = transfers.get(transfer, T_TIMESTAMP);
            if (filter.reversed ? timestamp < filter.timestampMin : timestamp > filter.timestampMax) {
                break;
            }
            if (filter.inRange(timestamp) && filter.side(debit) && matchesTransfer(filter, transfer)) {
                writeTransfer(resultSlot(request, rows++), transfer);
            }
            transfer = filter.reversed ? high(links) : low(links);
        }
        return rows;
    }

    private int accountBalances(final CommandRequest request, final Filter filter) {
        final int account = filter.valid ? tables.accountIndex.get(filter.accountId) : IdIndex.MISSING;
        if (account == IdIndex.MISSING || !tables.hasAccountFlag(account, AccountFlags.HISTORY)) {
            return 0;
        }
        final Records history = tables.history;
        final long ends = tables.accounts.get(account, A_HISTORY);
        final int rowsMax = Math.min(filter.limit, request.size());
        int rows = 0;
        int row = filter.reversed ? low(ends) : high(ends);
        while (row != NONE && rows < rowsMax) {
            final long timestamp = history.get(row, Layout.H_TIMESTAMP);
            if (filter.reversed ? timestamp < filter.timestampMin : timestamp > filter.timestampMax) {
                break;
            }
            final long transferSide = history.get(row, Layout.H_TRANSFER_SIDE);
            if (filter.inRange(timestamp) && filter.side((transferSide & 1) == 0)
                && matchesTransfer(filter, (int) (transferSide >>> 1))) {
                final Command c = resultSlot(request, rows++);
                c.timestamp = timestamp;
                c.debitsPending = history.get(row, Layout.H_DEBITS_PENDING);
                c.debitsPosted = history.get(row, Layout.H_DEBITS_POSTED);
                c.creditsPending = history.get(row, Layout.H_CREDITS_PENDING);
                c.creditsPosted = history.get(row, Layout.H_CREDITS_POSTED);
            }
            final long links = history.get(row, Layout.H_LINKS);
            row = filter.reversed ? high(links) : low(links);
        }
        return rows;
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
