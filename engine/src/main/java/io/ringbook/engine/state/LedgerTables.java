package io.ringbook.engine.state;

import io.ringbook.engine.command.Command;
import io.ringbook.model.AccountFlags;

import static io.ringbook.engine.state.Layout.A_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.A_CREDITS_PENDING;
import static io.ringbook.engine.state.Layout.A_CREDITS_POSTED;
import static io.ringbook.engine.state.Layout.A_DEBITS_PENDING;
import static io.ringbook.engine.state.Layout.A_DEBITS_POSTED;
import static io.ringbook.engine.state.Layout.A_HISTORY;
import static io.ringbook.engine.state.Layout.A_ID;
import static io.ringbook.engine.state.Layout.A_TIMESTAMP;
import static io.ringbook.engine.state.Layout.A_TRANSFERS;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.A_USER_DATA_32_LEDGER;
import static io.ringbook.engine.state.Layout.A_USER_DATA_64;
import static io.ringbook.engine.state.Layout.STATUS_PENDING;
import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_AMOUNT;
import static io.ringbook.engine.state.Layout.T_CREDIT_LINKS;
import static io.ringbook.engine.state.Layout.T_DEBIT_LINKS;
import static io.ringbook.engine.state.Layout.T_ID;
import static io.ringbook.engine.state.Layout.T_LEDGER_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.T_REFERENCES;
import static io.ringbook.engine.state.Layout.T_REVERSED;
import static io.ringbook.engine.state.Layout.T_TIMESTAMP;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.T_USER_DATA_32_TIMEOUT;
import static io.ringbook.engine.state.Layout.T_USER_DATA_64;
import static io.ringbook.engine.state.Records.NONE;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;
import static io.ringbook.engine.state.Records.pack;

/**
 * The ledger's tables and how rows are stored in them: the records (accounts, transfers, history rows, failed ids),
 * the id indexes, the expiry queue, and the helpers that read and write a row's packed fields ({@link Layout}) and
 * keep the per-account lists linked. No rule is decided here: {@link Ledger} decides, then stores through these
 * methods. Everything a snapshot does not store (indexes, expiry queue, "next" links, the id bound) is derived again
 * by {@link #rebuildDerived()}.
 *
 * <p>Rows are addressed by their row number in a table ({@code int row}); rows refer to each other by row number.
 */
final class LedgerTables {
    final Records accounts;
    final Records transfers;
    final Records history;
    /** Ids whose first attempt failed transiently, in the order they failed (append-only). */
    final Records failed;
    final IdIndex accountIndex;
    final IdIndex transferIndex;
    final IdIndex failedIndex;
    final ExpiryQueue expiries;
    private final UndoLog undo;

    /**
     * No transfer or failed id is above this bound, so a larger id needs no index lookup (monotonic ids, the
     * recommended kind, skip both lookups). Only ever raised, also by ids a rolled-back chain removed again: a
     * stale bound costs a lookup, never a wrong answer.
     */
    long transferIdBound;
    /** History rows reserved for the post, void or expiry of pending transfers (so resolution never fails). */
    int historyReserved;

    LedgerTables(final LedgerConfig config, final UndoLog undo) {
        this.undo = undo;
        this.accounts = new Records(config.accountsCapacity(), Layout.ACCOUNT_STRIDE, UndoLog.ACCOUNTS, undo);
        this.transfers = new Records(config.transfersCapacity(), Layout.TRANSFER_STRIDE, UndoLog.TRANSFERS, undo);
        this.history = new Records(config.historyCapacity(), Layout.HISTORY_STRIDE, UndoLog.HISTORY, undo);
        this.failed = new Records(config.failedTransferIdsCapacity(), 1, UndoLog.FAILED, undo);
        this.accountIndex = new IdIndex(config.accountsCapacity());
        this.transferIndex = new IdIndex(config.transfersCapacity());
        this.failedIndex = new IdIndex(config.failedTransferIdsCapacity());
        this.expiries = new ExpiryQueue(config.transfersCapacity(), transfers);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Appending rows.

    /** Stores a new account from the event (balances zero, lists empty) and indexes its id. */
    void insertAccount(final Command c, final long timestamp) {
        final int row = accounts.append();
        final long[] d = accounts.page(row);
        final int base = accounts.offset(row);
        d[base + A_ID] = c.id;
        d[base + A_DEBITS_PENDING] = 0;
        d[base + A_DEBITS_POSTED] = 0;
        d[base + A_CREDITS_PENDING] = 0;
        d[base + A_CREDITS_POSTED] = 0;
        d[base + A_USER_DATA_128_HI] = c.userData128Hi;
        d[base + A_USER_DATA_128_LO] = c.userData128Lo;
        d[base + A_USER_DATA_64] = c.userData64;
        d[base + A_USER_DATA_32_LEDGER] = pack(c.userData32, c.ledger);
        d[base + A_CODE_FLAGS] = Layout.packCodeFlags(c.code, c.flags);
        d[base + A_TIMESTAMP] = timestamp;
        d[base + A_TRANSFERS] = pack(NONE, NONE);
        d[base + A_HISTORY] = pack(NONE, NONE);
        checkRoom(accountIndex);
        final int pos = accountIndex.insert(c.id, row);
        if (undo.isActive()) {
            undo.record(UndoLog.ACCOUNT_INDEX, pos, 0);
        }
    }

    /**
     * Stores a new transfer, links it to the end of both accounts' transfer lists and indexes its id; returns its row.
     * {@code references} packs the pending transfer's row (high) and the reversed transfer's row (low).
     */
    int insertTransfer(final long id, final long timestamp, final int dr, final int cr, final long amount,
                       final long references, final int flags, final int ledger, final int code,
                       final long userData128Hi, final long userData128Lo, final long userData64,
                       final int userData32, final int timeout) {
        final int row = transfers.append();
        final long[] d = transfers.page(row);
        final int base = transfers.offset(row);
        d[base + T_ID] = id;
        d[base + T_ACCOUNTS] = pack(dr, cr);
        d[base + T_AMOUNT] = amount;
        d[base + T_REFERENCES] = references;
        d[base + T_USER_DATA_128_HI] = userData128Hi;
        d[base + T_USER_DATA_128_LO] = userData128Lo;
        d[base + T_USER_DATA_64] = userData64;
        d[base + T_USER_DATA_32_TIMEOUT] = pack(userData32, timeout);
        d[base + T_LEDGER_CODE_FLAGS] = Layout.packTransferLedgerCodeFlags(ledger, code, flags);
        d[base + T_TIMESTAMP] = timestamp;
        d[base + T_REVERSED] = 0;
        d[base + T_DEBIT_LINKS] = pack(linkTransfer(row, dr), NONE);
        d[base + T_CREDIT_LINKS] = pack(linkTransfer(row, cr), NONE);
        checkRoom(transferIndex);
        final int pos = transferIndex.insert(id, row);
        if (undo.isActive()) {
            undo.record(UndoLog.TRANSFER_INDEX, pos, 0);
        }
        transferIdBound = Math.max(transferIdBound, id);
        return row;
    }

    /** Appends transfer {@code row} to the account's list; returns the previous last transfer (or NONE). */
    private int linkTransfer(final int row, final int account) {
        final long ends = accounts.get(account, A_TRANSFERS);
        final int last = low(ends);
        if (last == NONE) {
            accounts.set(account, A_TRANSFERS, pack(row, row));
        } else {
            final int field = high(transfers.get(last, T_ACCOUNTS)) == account ? T_DEBIT_LINKS : T_CREDIT_LINKS;
            transfers.setNextLink(last, field, pack(high(transfers.get(last, field)), row));
            accounts.set(account, A_TRANSFERS, pack(high(ends), row));
        }
        return last;
    }

    /**
     * An index that grew inside an open chain would move the positions the undo log holds: {@link #reserve} made
     * room for the whole request beforehand, so this never throws (a cheap check of that invariant).
     */
    private void checkRoom(final IdIndex index) {
        if (undo.isActive() && !index.hasRoom()) {
            throw new IllegalStateException("id index full inside a linked chain: reserve was not called");
        }
    }

    /** Remembers a transfer id whose first attempt failed transiently (never rolled back). */
    void rememberFailed(final long id) {
        final int row = failed.append();
        failed.setDerived(row, 0, id);
        failedIndex.insert(id, row);
        transferIdBound = Math.max(transferIdBound, id);
    }

    /** Appends a balance row for each of the two accounts that keeps history, after transfer {@code transfer}. */
    void appendHistory(final int transfer, final int dr, final int cr, final long timestamp) {
        if (hasAccountFlag(dr, AccountFlags.HISTORY)) {
            appendHistoryRow(dr, transfer, 0, timestamp);
        }
        if (hasAccountFlag(cr, AccountFlags.HISTORY)) {
            appendHistoryRow(cr, transfer, 1, timestamp);
        }
    }

    private void appendHistoryRow(final int account, final int transfer, final int side, final long timestamp) {
        final int row = history.append();
        final long[] d = history.page(row);
        final int base = history.offset(row);
        d[base + Layout.H_TIMESTAMP] = timestamp;
        d[base + Layout.H_DEBITS_PENDING] = accounts.get(account, A_DEBITS_PENDING);
        d[base + Layout.H_DEBITS_POSTED] = accounts.get(account, A_DEBITS_POSTED);
        d[base + Layout.H_CREDITS_PENDING] = accounts.get(account, A_CREDITS_PENDING);
        d[base + Layout.H_CREDITS_POSTED] = accounts.get(account, A_CREDITS_POSTED);
        d[base + Layout.H_TRANSFER_SIDE] = ((long) transfer << 1) | side;
        final long ends = accounts.get(account, A_HISTORY);
        final int last = low(ends);
        d[base + Layout.H_LINKS] = pack(last, NONE);
        if (last == NONE) {
            accounts.set(account, A_HISTORY, pack(row, row));
        } else {
            history.setNextLink(last, Layout.H_LINKS, pack(high(history.get(last, Layout.H_LINKS)), row));
            accounts.set(account, A_HISTORY, pack(high(ends), row));
        }
    }

    /** The history rows a transfer between the two accounts writes: one per account with {@code history}. */
    int historyRows(final int dr, final int cr) {
        return (hasAccountFlag(dr, AccountFlags.HISTORY) ? 1 : 0) + (hasAccountFlag(cr, AccountFlags.HISTORY) ? 1 : 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Field accessors and in-place updates (balances, the closed flag, pending status, reversed amounts).

    void addToAccount(final int account, final int field, final long delta) {
        final long value = accounts.get(account, field) + delta;
        assert value >= 0 : "balance out of range";
        accounts.set(account, field, value);
    }

    void setClosed(final int account, final boolean closed) {
        final long codeFlags = accounts.get(account, A_CODE_FLAGS);
        final long updated = closed ? codeFlags | AccountFlags.CLOSED : codeFlags & ~AccountFlags.CLOSED;
        accounts.set(account, A_CODE_FLAGS, updated);
    }

    boolean isClosed(final int account) {
        return hasAccountFlag(account, AccountFlags.CLOSED);
    }

    boolean hasAccountFlag(final int account, final int flag) {
        return (accounts.get(account, A_CODE_FLAGS) & flag) != 0;
    }

    int accountLedger(final int account) {
        return low(accounts.get(account, A_USER_DATA_32_LEDGER));
    }

    long accountId(final int row) {
        return accounts.get(row, A_ID);
    }

    int statusOf(final int transfer) {
        return Layout.statusOf(transfers.get(transfer, T_LEDGER_CODE_FLAGS));
    }

    void setStatus(final int transfer, final int status) {
        transfers.set(transfer, T_LEDGER_CODE_FLAGS, Layout.withStatus(transfers.get(transfer, T_LEDGER_CODE_FLAGS),
            status));
    }

    int timeoutOf(final int transfer) {
        return low(transfers.get(transfer, T_USER_DATA_32_TIMEOUT));
    }

    /** The id of the transfer in {@code row}, or 0 for NONE. */
    long transferId(final int row) {
        return row == NONE ? 0 : transfers.get(row, T_ID);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Derived data, verification, footprint.

    /** The id indexes, the expiry queue, the "next" links and the id bound: everything a snapshot does not store. */
    void rebuildDerived() {
        accountIndex.ensureRoom(accounts.count);
        transferIndex.ensureRoom(transfers.count);
        failedIndex.ensureRoom(failed.count);
        for (int row = 0; row < accounts.count; row++) {
            accountIndex.insert(accounts.get(row, A_ID), row);
        }
        for (int row = 0; row < transfers.count; row++) {
            final long id = transfers.get(row, T_ID);
            transferIndex.insert(id, row);
            transferIdBound = Math.max(transferIdBound, id);
            if (statusOf(row) == STATUS_PENDING && timeoutOf(row) != 0) {
                expiries.add(row);
            }
        }
        linkNext();
        for (int row = 0; row < failed.count; row++) {
            final long id = failed.get(row, 0);
            failedIndex.insert(id, row);
            transferIdBound = Math.max(transferIdBound, id);
        }
    }

    /** Derives every "next" link from the "previous" links (snapshots store next links as NONE). */
    private void linkNext() {
        for (int row = 0; row < transfers.count; row++) {
            final long accountRows = transfers.get(row, T_ACCOUNTS);
            linkNextTransfer(high(transfers.get(row, T_DEBIT_LINKS)), high(accountRows), row);
            linkNextTransfer(high(transfers.get(row, T_CREDIT_LINKS)), low(accountRows), row);
        }
        for (int row = 0; row < history.count; row++) {
            final int previous = high(history.get(row, Layout.H_LINKS));
            if (previous != NONE) {
                history.setDerived(previous, Layout.H_LINKS, pack(high(history.get(previous, Layout.H_LINKS)), row));
            }
        }
    }

    private void linkNextTransfer(final int previous, final int account, final int row) {
        if (previous != NONE) {
            final int field = high(transfers.get(previous, T_ACCOUNTS)) == account ? T_DEBIT_LINKS : T_CREDIT_LINKS;
            transfers.setDerived(previous, field, pack(high(transfers.get(previous, field)), row));
        }
    }

    /**
     * Digest of the clock's two scalars and every table, in the order docs/SEMANTICS.md ("State hash") gives;
     * {@link LedgerCut#stream} computes the same digest from a cut's rows.
     */
    long stateHash(final long lastTimestamp, final long lastExpiryTimestamp) {
        return new StateHash()
            .add(lastTimestamp)
            .add(lastExpiryTimestamp)
            .add(accounts.count).addRows(accounts, LedgerCut.Section.ACCOUNTS)
            .add(transfers.count).addRows(transfers, LedgerCut.Section.TRANSFERS)
            .add(history.count).addRows(history, LedgerCut.Section.HISTORY)
            .add(failed.count).add(failedIndex.digest())
            .value();
    }

    /** Bytes held now for accounts (records and index): grows with the accounts stored. */
    long accountBytes() {
        return accounts.bytes() + accountIndex.bytes();
    }

    /** Bytes held now for transfers (records, index and expiry queue): grows with the transfers stored. */
    long transferBytes() {
        return transfers.bytes() + transferIndex.bytes() + expiries.bytes();
    }

    /** Bytes held now by every table: accounts, transfers, history rows and failed ids. */
    long bytesHeld() {
        return accountBytes() + transferBytes() + history.bytes() + failed.bytes() + failedIndex.bytes();
    }

    /** Bytes the tables hold when every capacity of {@code config} is full. */
    static long bytesAtCapacity(final LedgerConfig config) {
        return Records.bytesAtCapacity(config.accountsCapacity(), Layout.ACCOUNT_STRIDE)
            + IdIndex.bytesAtCapacity(config.accountsCapacity())
            + Records.bytesAtCapacity(config.transfersCapacity(), Layout.TRANSFER_STRIDE)
            + IdIndex.bytesAtCapacity(config.transfersCapacity())
            + config.transfersCapacity() * (long) Integer.BYTES
            + Records.bytesAtCapacity(config.historyCapacity(), Layout.HISTORY_STRIDE)
            + Records.bytesAtCapacity(config.failedTransferIdsCapacity(), 1)
            + IdIndex.bytesAtCapacity(config.failedTransferIdsCapacity());
    }

    /** Grows every table to its capacity now (see {@link Ledger#preallocate()}). */
    void preallocate() {
        accounts.allocateRows(accounts.capacity);
        transfers.allocateRows(transfers.capacity);
        history.allocateRows(history.capacity);
        failed.allocateRows(failed.capacity);
        accountIndex.ensureRoom(accounts.capacity);
        transferIndex.ensureRoom(transfers.capacity);
        failedIndex.ensureRoom(failed.capacity);
        expiries.reserve(transfers.capacity);
    }

    /** Makes room in the id indexes for a request of {@code events} events; called between requests (no chain open). */
    void reserve(final int events, final boolean transfersRequest) {
        if (transfersRequest) {
            transferIndex.ensureRoom(events);
            failedIndex.ensureRoom(events);
        } else {
            accountIndex.ensureRoom(events);
        }
    }
}
