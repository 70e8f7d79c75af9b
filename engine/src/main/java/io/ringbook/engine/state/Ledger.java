package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Limits;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;

import java.io.IOException;

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
import static io.ringbook.engine.state.Layout.STATUS_EXPIRED;
import static io.ringbook.engine.state.Layout.STATUS_PENDING;
import static io.ringbook.engine.state.Layout.STATUS_POSTED;
import static io.ringbook.engine.state.Layout.STATUS_VOIDED;
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
 * The ledger state machine: every ledger rule lives here (docs/SEMANTICS.md is its contract). A pure function of
 * (state, command): no clock, no I/O, no randomness, no hash-iteration order reaching a result. Single-threaded: the
 * pipeline's ledger stage is its only caller. State is held in pre-sized primitive arrays (no object per account or
 * transfer) and nothing is allocated per command on the create path.
 *
 * <p>Results are written into the request's slots ({@code status}, {@code resultTimestamp}); the event fields of
 * mutating commands are never written, because the journal stage reads them concurrently.
 */
public final class Ledger {
    /** Status of a SNAPSHOT request while the previous cut is still being written. */
    public static final int SNAPSHOT_IN_PROGRESS = 1;
    private static final int LINKED = 1;
    private static final int PREFETCH_CHUNK = Prefetcher.CHUNK;
    private static final int CLOSING = TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT;
    private static final int BALANCING = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
    private static final int NOT_WITH_POST_OR_VOID = TransferFlags.PENDING | BALANCING | CLOSING;

    private final LedgerConfig config;
    private final UndoLog undo = new UndoLog();
    final Records accounts;
    final Records transfers;
    final Records history;
    /** Ids whose first attempt failed transiently, in the order they failed (append-only). */
    final Records failed;
    final IdIndex accountIndex;
    final IdIndex transferIndex;
    final IdIndex failedIndex;
    private final ExpiryQueue expiries;
    private final LedgerQueries queries;
    private final Prefetcher prefetcher;

    private long lastTimestamp;
    /** Timestamp of the latest expiry: imported transfers must postdate it too, so history stays in time order. */
    private long lastExpiryTimestamp;
    /**
     * No transfer or failed id is above this bound, so a larger id needs no index lookup (monotonic ids, the
     * recommended kind, skip both lookups). Only ever raised, also by ids a rolled-back chain removed again: a
     * stale bound costs a lookup, never a wrong answer.
     */
    private long transferIdBound;
    private int historyReserved;
    /** Mutating requests applied: equals the journal index of the last one (the journal holds one entry each). */
    private long journalIndex;
    /** The snapshot cut being written, if any. */
    private LedgerCut cut;

    private int chainAccounts;
    private int chainTransfers;
    private int chainHistory;
    private int chainHistoryReserved;
    private final int[] chainExpiries = new int[Limits.REQUEST_SIZE_MAX];
    private int chainExpiryCount;

    public Ledger(final LedgerConfig config) {
        this.config = config;
        this.accounts = new Records(config.accountsCapacity(), Layout.ACCOUNT_STRIDE, UndoLog.ACCOUNTS, undo);
        this.transfers = new Records(config.transfersCapacity(), Layout.TRANSFER_STRIDE, UndoLog.TRANSFERS, undo);
        this.history = new Records(config.historyCapacity(), Layout.HISTORY_STRIDE, UndoLog.HISTORY, undo);
        this.failed = new Records(config.failedTransferIdsCapacity(), 1, UndoLog.FAILED, undo);
        this.accountIndex = new IdIndex(config.accountsCapacity());
        this.transferIndex = new IdIndex(config.transfersCapacity());
        this.failedIndex = new IdIndex(config.failedTransferIdsCapacity());
        this.expiries = new ExpiryQueue(config.transfersCapacity(), transfers);
        this.queries = new LedgerQueries(this);
        this.prefetcher = new Prefetcher(this);
    }

    public LedgerConfig config() {
        return config;
    }

    public int accountCount() {
        return accounts.count;
    }

    public int transferCount() {
        return transfers.count;
    }

    /** The last timestamp the engine's clock assigned (0 before the first event). */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The journal index of the last mutating request applied (they are counted from 1; 0 before the first). */
    public long journalIndex() {
        return journalIndex;
    }

    /** Applies one request (its slots, in order) and writes the results into its slots. */
    public void execute(final CommandRequest request) {
        final Command head = request.get(0);
        final Operation operation = head.operation;
        if (cut != null && cut.isClosed()) {
            detachCut();
        }
        if (operation.isMutating()) {
            journalIndex++;
        }
        switch (operation) {
            case CREATE_ACCOUNTS:
                executeCreate(request, false);
                break;
            case CREATE_TRANSFERS:
                executeCreate(request, true);
                break;
            case PULSE:
                head.resultCount = expirePendingTransfers(head.arrivalNs);
                head.value = lastTimestamp;
                break;
            case STATE_HASH:
                head.value = stateHash();
                break;
            case SNAPSHOT:
                if (cut == null) {
                    head.attachment = cut();
                } else {
                    head.status = SNAPSHOT_IN_PROGRESS;
                }
                break;
            default:
                queries.execute(operation, request);
                break;
        }
    }

    /** Advances the clock for one event: strictly increasing, never behind the arrival time. */
    private long tick(final long arrivalNs) {
        lastTimestamp = Math.max(lastTimestamp + 1, arrivalNs);
        return lastTimestamp;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests and linked chains.

    private void executeCreate(final CommandRequest request, final boolean transfersOperation) {
        final int size = request.size();
        final int importedFlag = transfersOperation ? TransferFlags.IMPORTED : AccountFlags.IMPORTED;
        final boolean importedRequest = (request.get(0).flags & importedFlag) != 0;
        int chainStart = -1;
        boolean chainBroken = false;
        for (int i = 0; i < size; i++) {
            if (transfersOperation && i % PREFETCH_CHUNK == 0) {
                prefetcher.prefetch(request, i, Math.min(size, i + PREFETCH_CHUNK));
            }
            final Command c = request.get(i);
            c.resultTimestamp = 0;
            final long tick = tick(c.arrivalNs);
            final boolean linked = (c.flags & LINKED) != 0;
            if (linked && chainStart < 0) {
                chainStart = i;
                beginChain();
            }
            final int result;
            if (linked && i == size - 1) {
                result = CreateTransferResult.LINKED_EVENT_CHAIN_OPEN.code();
            } else if (chainBroken) {
                result = CreateTransferResult.LINKED_EVENT_FAILED.code();
            } else {
                result = createEvent(c, tick, transfersOperation, importedRequest, (c.flags & importedFlag) != 0);
            }
            c.status = result;
            if (result != 0) {
                if (chainStart >= 0 && !chainBroken) {
                    chainBroken = true;
                    rollbackChain();
                    for (int j = chainStart; j < i; j++) {
                        request.get(j).status = CreateTransferResult.LINKED_EVENT_FAILED.code();
                        request.get(j).resultTimestamp = 0;
                    }
                }
                if (transfersOperation && isTransient(result)) {
                    final int slot = failed.append();
                    failed.data[slot] = c.id;
                    failedIndex.insert(c.id, slot);
                    transferIdBound = Math.max(transferIdBound, c.id);
                }
            }
            if (chainStart >= 0 && (!linked || result == CreateTransferResult.LINKED_EVENT_CHAIN_OPEN.code())) {
                if (!chainBroken) {
                    commitChain();
                }
                chainStart = -1;
                chainBroken = false;
            }
        }
    }

    /** Checks shared by both create operations (imported batches, timestamps), then the event's own rules. */
    private int createEvent(final Command c, final long tick, final boolean transfersOperation,
                            final boolean importedRequest, final boolean imported) {
        if (imported != importedRequest) {
            if (imported) {
                return transfersOperation ? CreateTransferResult.IMPORTED_EVENT_NOT_EXPECTED.code()
                    : CreateAccountResult.IMPORTED_EVENT_NOT_EXPECTED.code();
            }
            return transfersOperation ? CreateTransferResult.IMPORTED_EVENT_EXPECTED.code()
                : CreateAccountResult.IMPORTED_EVENT_EXPECTED.code();
        }
        if (imported) {
            if (c.timestamp < 1 || c.timestamp == Long.MAX_VALUE) {
                return transfersOperation ? CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE.code()
                    : CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE.code();
            }
            if (c.timestamp >= tick) {
                return transfersOperation ? CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE.code()
                    : CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE.code();
            }
        } else if (c.timestamp != 0) {
            return CreateTransferResult.TIMESTAMP_MUST_BE_ZERO.code();
        }
        final long timestamp = imported ? c.timestamp : tick;
        return transfersOperation ? createTransfer(c, timestamp, imported).code()
            : createAccount(c, timestamp, imported).code();
    }

    private static boolean isTransient(final int code) {
        final CreateTransferResult result = CreateTransferResult.ofCode(code);
        return result != null && result.isTransient();
    }

    private void beginChain() {
        undo.begin();
        chainAccounts = accounts.count;
        chainTransfers = transfers.count;
        chainHistory = history.count;
        chainHistoryReserved = historyReserved;
        chainExpiryCount = 0;
    }

    private void commitChain() {
        undo.end();
        for (int i = 0; i < chainExpiryCount; i++) {
            expiries.add(chainExpiries[i]);
        }
        chainExpiryCount = 0;
    }

    private void rollbackChain() {
        for (int entry = undo.size() - 1; entry >= 0; entry--) {
            final int index = undo.index(entry);
            switch (undo.store(entry)) {
                case UndoLog.ACCOUNTS:
                    accounts.restore(index, undo.old(entry));
                    break;
                case UndoLog.TRANSFERS:
                    transfers.restore(index, undo.old(entry));
                    break;
                case UndoLog.HISTORY:
                    history.restore(index, undo.old(entry));
                    break;
                case UndoLog.ACCOUNT_INDEX:
                    accountIndex.clearNewest(index);
                    break;
                case UndoLog.TRANSFER_INDEX:
                    transferIndex.clearNewest(index);
                    break;
                default:
                    throw new IllegalStateException("unknown undo store " + undo.store(entry));
            }
        }
        accounts.count = chainAccounts;
        transfers.count = chainTransfers;
        history.count = chainHistory;
        historyReserved = chainHistoryReserved;
        chainExpiryCount = 0;
        undo.end();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create_accounts.

    private CreateAccountResult createAccount(final Command c, final long timestamp, final boolean imported) {
        if ((c.flags & ~AccountFlags.ALL) != 0) {
            return CreateAccountResult.RESERVED_FLAG;
        }
        if (c.id == 0) {
            return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(c.id)) {
            return CreateAccountResult.ID_MUST_NOT_BE_INT_MAX;
        }
        final int existing = accountIndex.get(c.id);
        if (existing != IdIndex.MISSING) {
            final CreateAccountResult result = accountExists(c, existing);
            if (result == CreateAccountResult.EXISTS) {
                c.resultTimestamp = accounts.get(existing, A_TIMESTAMP);
            }
            return result;
        }
        if (accounts.isFull()) {
            return CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED;
        }
        if ((c.flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) != 0
            && (c.flags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) != 0) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (c.debitsPending != 0) {
            return CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
        }
        if (c.debitsPosted != 0) {
            return CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
        }
        if (c.creditsPending != 0) {
            return CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
        }
        if (c.creditsPosted != 0) {
            return CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
        }
        if (c.ledger == 0) {
            return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (c.code == 0) {
            return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        }
        if (imported && (accounts.count > 0 && timestamp <= accounts.get(accounts.count - 1, A_TIMESTAMP)
            || transfers.contains(T_TIMESTAMP, timestamp))) {
            return CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
        }
        insertAccount(c, timestamp);
        c.resultTimestamp = timestamp;
        return CreateAccountResult.CREATED;
    }

    private CreateAccountResult accountExists(final Command c, final int e) {
        final long codeFlags = accounts.get(e, A_CODE_FLAGS);
        if (c.flags != Layout.flagsOf(codeFlags)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (c.userData128Hi != accounts.get(e, A_USER_DATA_128_HI)
            || c.userData128Lo != accounts.get(e, A_USER_DATA_128_LO)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (c.userData64 != accounts.get(e, A_USER_DATA_64)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        final long userData32Ledger = accounts.get(e, A_USER_DATA_32_LEDGER);
        if (c.userData32 != high(userData32Ledger)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (c.ledger != low(userData32Ledger)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (c.code != Layout.codeOf(codeFlags)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateAccountResult.EXISTS;
    }

    private void insertAccount(final Command c, final long timestamp) {
        final int slot = accounts.append();
        final long[] d = accounts.data;
        final int base = slot * Layout.ACCOUNT_STRIDE;
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
        final int pos = accountIndex.insert(c.id, slot);
        if (undo.isActive()) {
            undo.record(UndoLog.ACCOUNT_INDEX, pos, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create_transfers.

    private CreateTransferResult createTransfer(final Command c, final long timestamp, final boolean imported) {
        if ((c.flags & ~TransferFlags.ALL) != 0) {
            return CreateTransferResult.RESERVED_FLAG;
        }
        if (c.id == 0) {
            return CreateTransferResult.ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(c.id)) {
            return CreateTransferResult.ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.id <= transferIdBound) {
            final int existing = transferIndex.get(c.id);
            if (existing != IdIndex.MISSING) {
                final CreateTransferResult result = TransferComparison.compare(this, c, existing);
                if (result == CreateTransferResult.EXISTS) {
                    c.resultTimestamp = transfers.get(existing, T_TIMESTAMP);
                }
                return result;
            }
            if (failedIndex.get(c.id) != IdIndex.MISSING) {
                return CreateTransferResult.ID_ALREADY_FAILED;
            }
        }
        if (transfers.isFull() || failed.isFull()) {
            return CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED;
        }
        if ((c.flags & (TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER)) != 0) {
            return postOrVoidPendingTransfer(c, timestamp, imported);
        }
        final CreateTransferResult shape = checkTransferShape(c);
        if (shape != CreateTransferResult.CREATED) {
            return shape;
        }
        final int dr = accountIndex.get(c.debitAccountId);
        if (dr == IdIndex.MISSING) {
            return CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND;
        }
        final int cr = accountIndex.get(c.creditAccountId);
        if (cr == IdIndex.MISSING) {
            return CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND;
        }
        final int ledger = accountLedger(dr);
        if (ledger != accountLedger(cr)) {
            return CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER;
        }
        if (c.ledger != ledger) {
            return CreateTransferResult.TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS;
        }
        int original = NONE;
        if (c.reversesId != 0) {
            original = transferIndex.get(c.reversesId);
            final CreateTransferResult reversal = checkReversal(original, dr, cr);
            if (reversal != CreateTransferResult.CREATED) {
                return reversal;
            }
        }
        final CreateTransferResult time = imported ? checkImportedTransfer(c, timestamp, dr, cr)
            : CreateTransferResult.CREATED;
        if (time != CreateTransferResult.CREATED) {
            return time;
        }
        if (isClosed(dr)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED;
        }
        if (isClosed(cr)) {
            return CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED;
        }
        return createNewTransfer(c, timestamp, dr, cr, original);
    }

    /** Steps 6-9 of the contract: fields checked without looking anything up. */
    private static CreateTransferResult checkTransferShape(final Command c) {
        if (c.debitAccountId == 0) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(c.debitAccountId)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.creditAccountId == 0) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(c.creditAccountId)) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.debitAccountId == c.creditAccountId) {
            return CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (c.pendingId != 0) {
            return CreateTransferResult.PENDING_ID_MUST_BE_ZERO;
        }
        if ((c.flags & TransferFlags.PENDING) == 0) {
            if (c.timeout != 0) {
                return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
            }
            if ((c.flags & CLOSING) != 0) {
                return CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING;
            }
        }
        if (c.reversesId != 0) {
            if (isIntMax(c.reversesId)) {
                return CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX;
            }
            if (c.reversesId == c.id) {
                return CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT;
            }
        }
        if (c.amount < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (c.ledger == 0) {
            return CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (c.code == 0) {
            return CreateTransferResult.CODE_MUST_NOT_BE_ZERO;
        }
        return CreateTransferResult.CREATED;
    }

    private CreateTransferResult checkReversal(final int original, final int dr, final int cr) {
        if (original == IdIndex.MISSING) {
            return CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND;
        }
        final int flags = Layout.flagsOf(transfers.get(original, T_LEDGER_CODE_FLAGS));
        if ((flags & (TransferFlags.PENDING | TransferFlags.VOID_PENDING_TRANSFER)) != 0) {
            return CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED;
        }
        final long originalAccounts = transfers.get(original, T_ACCOUNTS);
        if (high(originalAccounts) != cr || low(originalAccounts) != dr) {
            return CreateTransferResult.REVERSAL_MUST_SWAP_ACCOUNTS;
        }
        return CreateTransferResult.CREATED;
    }

    private CreateTransferResult checkImportedTransfer(final Command c, final long timestamp, final int dr,
                                                       final int cr) {
        if (transferTimestampRegresses(timestamp)) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
        }
        if (timestamp <= accounts.get(dr, A_TIMESTAMP)) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT;
        }
        if (timestamp <= accounts.get(cr, A_TIMESTAMP)) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT;
        }
        if (c.timeout != 0) {
            return CreateTransferResult.IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO;
        }
        return CreateTransferResult.CREATED;
    }

    private boolean transferTimestampRegresses(final long timestamp) {
        return transfers.count > 0 && timestamp <= transfers.get(transfers.count - 1, T_TIMESTAMP)
            || timestamp <= lastExpiryTimestamp
            || accounts.contains(A_TIMESTAMP, timestamp);
    }

    /** Steps 14-19: amount, overflow, limits, then the transfer is created. */
    private CreateTransferResult createNewTransfer(final Command c, final long timestamp, final int dr, final int cr,
                                                   final int original) {
        final boolean pending = (c.flags & TransferFlags.PENDING) != 0;
        final long drDebitsPending = accounts.get(dr, A_DEBITS_PENDING);
        final long drDebitsPosted = accounts.get(dr, A_DEBITS_POSTED);
        final long drCreditsPosted = accounts.get(dr, A_CREDITS_POSTED);
        final long crCreditsPending = accounts.get(cr, A_CREDITS_PENDING);
        final long crCreditsPosted = accounts.get(cr, A_CREDITS_POSTED);
        final long crDebitsPosted = accounts.get(cr, A_DEBITS_POSTED);
        final long reversible = original == NONE ? 0
            : transfers.get(original, T_AMOUNT) - transfers.get(original, T_REVERSED);
        long amount = c.amount;
        if ((c.flags & TransferFlags.BALANCING_DEBIT) != 0) {
            amount = Math.min(amount, Math.max(0, drCreditsPosted - (drDebitsPosted + drDebitsPending)));
        }
        if ((c.flags & TransferFlags.BALANCING_CREDIT) != 0) {
            amount = Math.min(amount, Math.max(0, crDebitsPosted - (crCreditsPosted + crCreditsPending)));
        }
        if (original != NONE && (c.flags & BALANCING) != 0) {
            amount = Math.min(amount, reversible);
        }
        if (pending && overflows(drDebitsPending, amount)) {
            return CreateTransferResult.OVERFLOWS_DEBITS_PENDING;
        }
        if (pending && overflows(crCreditsPending, amount)) {
            return CreateTransferResult.OVERFLOWS_CREDITS_PENDING;
        }
        if (overflows(drDebitsPosted, amount)) {
            return CreateTransferResult.OVERFLOWS_DEBITS_POSTED;
        }
        if (overflows(crCreditsPosted, amount)) {
            return CreateTransferResult.OVERFLOWS_CREDITS_POSTED;
        }
        if (overflows(drDebitsPending + drDebitsPosted, amount)) {
            return CreateTransferResult.OVERFLOWS_DEBITS;
        }
        if (overflows(crCreditsPending + crCreditsPosted, amount)) {
            return CreateTransferResult.OVERFLOWS_CREDITS;
        }
        if (overflows(timestamp, Integer.toUnsignedLong(c.timeout) * Layout.NS_PER_SECOND)) {
            return CreateTransferResult.OVERFLOWS_TIMEOUT;
        }
        if (hasAccountFlag(dr, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
            && drDebitsPending + drDebitsPosted + amount > drCreditsPosted) {
            return CreateTransferResult.EXCEEDS_CREDITS;
        }
        if (hasAccountFlag(cr, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
            && crCreditsPending + crCreditsPosted + amount > crDebitsPosted) {
            return CreateTransferResult.EXCEEDS_DEBITS;
        }
        if (original != NONE && amount > reversible) {
            return CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT;
        }
        final int rows = historyRows(dr, cr);
        if (rows > 0 && history.count + historyReserved + (pending ? 2 * rows : rows) > history.capacity) {
            return CreateTransferResult.HISTORY_CAPACITY_EXCEEDED;
        }
        applyNewTransfer(c, timestamp, dr, cr, original, amount, rows);
        return CreateTransferResult.CREATED;
    }

    private void applyNewTransfer(final Command c, final long timestamp, final int dr, final int cr,
                                  final int original, final long amount, final int rows) {
        final int slot = insertTransfer(c.id, timestamp, dr, cr, amount, pack(NONE, original), c.flags, c.ledger,
            c.code, c.userData128Hi, c.userData128Lo, c.userData64, c.userData32, c.timeout);
        if ((c.flags & TransferFlags.PENDING) != 0) {
            addToAccount(dr, A_DEBITS_PENDING, amount);
            addToAccount(cr, A_CREDITS_PENDING, amount);
            setStatus(slot, STATUS_PENDING);
            historyReserved += rows;
            if (c.timeout != 0) {
                scheduleExpiry(slot);
            }
        } else {
            addToAccount(dr, A_DEBITS_POSTED, amount);
            addToAccount(cr, A_CREDITS_POSTED, amount);
        }
        if ((c.flags & TransferFlags.CLOSING_DEBIT) != 0) {
            setClosed(dr, true);
        }
        if ((c.flags & TransferFlags.CLOSING_CREDIT) != 0) {
            setClosed(cr, true);
        }
        if (original != NONE) {
            transfers.set(original, T_REVERSED, transfers.get(original, T_REVERSED) + amount);
        }
        appendHistory(slot, dr, cr, timestamp);
        c.resultTimestamp = timestamp;
    }

    private void scheduleExpiry(final int slot) {
        if (undo.isActive()) {
            chainExpiries[chainExpiryCount++] = slot;
        } else {
            expiries.add(slot);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Two-phase: post and void.

    private CreateTransferResult postOrVoidPendingTransfer(final Command c, final long timestamp,
                                                           final boolean imported) {
        final boolean isVoid = (c.flags & TransferFlags.VOID_PENDING_TRANSFER) != 0;
        final CreateTransferResult shape = checkPostOrVoidShape(c, isVoid);
        if (shape != CreateTransferResult.CREATED) {
            return shape;
        }
        final int p = transferIndex.get(c.pendingId);
        if (p == IdIndex.MISSING) {
            return CreateTransferResult.PENDING_TRANSFER_NOT_FOUND;
        }
        final long pendingLedgerCodeFlags = transfers.get(p, T_LEDGER_CODE_FLAGS);
        if ((Layout.flagsOf(pendingLedgerCodeFlags) & TransferFlags.PENDING) == 0) {
            return CreateTransferResult.PENDING_TRANSFER_NOT_PENDING;
        }
        final long pendingAccounts = transfers.get(p, T_ACCOUNTS);
        final int dr = high(pendingAccounts);
        final int cr = low(pendingAccounts);
        if (c.debitAccountId != 0 && c.debitAccountId != accounts.get(dr, A_ID)) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (c.creditAccountId != 0 && c.creditAccountId != accounts.get(cr, A_ID)) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (c.ledger != 0 && c.ledger != Layout.ledgerOfTransfer(pendingLedgerCodeFlags)) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
        }
        if (c.code != 0 && c.code != Layout.codeOf(pendingLedgerCodeFlags)) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CODE;
        }
        final long pendingAmount = transfers.get(p, T_AMOUNT);
        final long amount = resolvedAmount(c.amount, pendingAmount, isVoid);
        if (amount > pendingAmount) {
            return CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (isVoid && amount < pendingAmount) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        final CreateTransferResult status = checkPendingStatus(p, timestamp);
        if (status != CreateTransferResult.CREATED) {
            return status;
        }
        if (imported && transferTimestampRegresses(timestamp)) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
        }
        if (!isVoid && isClosed(dr)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED;
        }
        if (!isVoid && isClosed(cr)) {
            return CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED;
        }
        applyPostOrVoid(c, timestamp, p, amount, isVoid);
        return CreateTransferResult.CREATED;
    }

    /** The amount a post or void moves: void 0 = the pending amount, post AMOUNT_MAX = the pending amount. */
    static long resolvedAmount(final long requested, final long pendingAmount, final boolean isVoid) {
        if (isVoid) {
            return requested == 0 ? pendingAmount : requested;
        }
        return requested == Transfer.AMOUNT_MAX ? pendingAmount : requested;
    }

    private static CreateTransferResult checkPostOrVoidShape(final Command c, final boolean isVoid) {
        final boolean isPost = (c.flags & TransferFlags.POST_PENDING_TRANSFER) != 0;
        if (isPost && isVoid || (c.flags & NOT_WITH_POST_OR_VOID) != 0) {
            return CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (c.pendingId == 0) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(c.pendingId)) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.pendingId == c.id) {
            return CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (c.timeout != 0) {
            return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (c.reversesId != 0) {
            return CreateTransferResult.REVERSES_ID_MUST_BE_ZERO;
        }
        if (c.amount < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        return CreateTransferResult.CREATED;
    }

    private CreateTransferResult checkPendingStatus(final int p, final long timestamp) {
        final int status = statusOf(p);
        if (status == STATUS_POSTED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED;
        }
        if (status == STATUS_VOIDED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        if (status == STATUS_EXPIRED || timeoutOf(p) != 0 && expiries.expiresAt(p) <= timestamp) {
            return CreateTransferResult.PENDING_TRANSFER_EXPIRED;
        }
        return CreateTransferResult.CREATED;
    }

    private void applyPostOrVoid(final Command c, final long timestamp, final int p, final long amount,
                                 final boolean isVoid) {
        final long pendingAccounts = transfers.get(p, T_ACCOUNTS);
        final int dr = high(pendingAccounts);
        final int cr = low(pendingAccounts);
        final long pendingLedgerCodeFlags = transfers.get(p, T_LEDGER_CODE_FLAGS);
        final boolean inheritUserData128 = c.userData128Hi == 0 && c.userData128Lo == 0;
        final long pendingUserData32Timeout = transfers.get(p, T_USER_DATA_32_TIMEOUT);
        final int slot = insertTransfer(c.id, timestamp, dr, cr, amount, pack(p, NONE), c.flags,
            Layout.ledgerOfTransfer(pendingLedgerCodeFlags), Layout.codeOf(pendingLedgerCodeFlags),
            inheritUserData128 ? transfers.get(p, T_USER_DATA_128_HI) : c.userData128Hi,
            inheritUserData128 ? transfers.get(p, T_USER_DATA_128_LO) : c.userData128Lo,
            c.userData64 == 0 ? transfers.get(p, T_USER_DATA_64) : c.userData64,
            c.userData32 == 0 ? high(pendingUserData32Timeout) : c.userData32, 0);
        setStatus(p, isVoid ? STATUS_VOIDED : STATUS_POSTED);
        final long pendingAmount = transfers.get(p, T_AMOUNT);
        releasePending(p, dr, cr, pendingAmount, isVoid ? pendingAmount : pendingAmount - amount, isVoid);
        if (!isVoid) {
            addToAccount(dr, A_DEBITS_POSTED, amount);
            addToAccount(cr, A_CREDITS_POSTED, amount);
        }
        historyReserved -= historyRows(dr, cr);
        appendHistory(slot, dr, cr, timestamp);
        c.resultTimestamp = timestamp;
    }

    /**
     * Releases a pending transfer's reservation: its pending balances, the reversible amount it held back on the
     * transfer it reverses ({@code reversalRelease}), and, unless it was posted, the accounts it closed.
     */
    private void releasePending(final int p, final int dr, final int cr, final long pendingAmount,
                                final long reversalRelease, final boolean reopen) {
        addToAccount(dr, A_DEBITS_PENDING, -pendingAmount);
        addToAccount(cr, A_CREDITS_PENDING, -pendingAmount);
        final int flags = Layout.flagsOf(transfers.get(p, T_LEDGER_CODE_FLAGS));
        if (reopen && (flags & TransferFlags.CLOSING_DEBIT) != 0) {
            setClosed(dr, false);
        }
        if (reopen && (flags & TransferFlags.CLOSING_CREDIT) != 0) {
            setClosed(cr, false);
        }
        final int original = low(transfers.get(p, T_REFERENCES));
        if (original != NONE && reversalRelease != 0) {
            transfers.set(original, T_REVERSED, transfers.get(original, T_REVERSED) - reversalRelease);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Expiry.

    private int expirePendingTransfers(final long arrivalNs) {
        final long now = Math.max(lastTimestamp + 1, arrivalNs);
        int expired = 0;
        while (!expiries.isEmpty() && expiries.expiresAt(expiries.peek()) <= now) {
            final int p = expiries.poll();
            if (statusOf(p) != STATUS_PENDING) {
                continue;
            }
            final long timestamp = tick(arrivalNs);
            final long pendingAccounts = transfers.get(p, T_ACCOUNTS);
            final int dr = high(pendingAccounts);
            final int cr = low(pendingAccounts);
            setStatus(p, STATUS_EXPIRED);
            final long pendingAmount = transfers.get(p, T_AMOUNT);
            releasePending(p, dr, cr, pendingAmount, pendingAmount, true);
            historyReserved -= historyRows(dr, cr);
            appendHistory(p, dr, cr, timestamp);
            lastExpiryTimestamp = timestamp;
            expired++;
        }
        return expired;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Storage helpers.

    private int insertTransfer(final long id, final long timestamp, final int dr, final int cr, final long amount,
                               final long references, final int flags, final int ledger, final int code,
                               final long userData128Hi, final long userData128Lo, final long userData64,
                               final int userData32, final int timeout) {
        final int slot = transfers.append();
        final long[] d = transfers.data;
        final int base = slot * Layout.TRANSFER_STRIDE;
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
        d[base + T_DEBIT_LINKS] = pack(linkTransfer(slot, dr), NONE);
        d[base + T_CREDIT_LINKS] = pack(linkTransfer(slot, cr), NONE);
        final int pos = transferIndex.insert(id, slot);
        if (undo.isActive()) {
            undo.record(UndoLog.TRANSFER_INDEX, pos, 0);
        }
        transferIdBound = Math.max(transferIdBound, id);
        return slot;
    }

    /** Appends transfer {@code slot} to the account's list; returns the previous last transfer (or NONE). */
    private int linkTransfer(final int slot, final int account) {
        final long ends = accounts.get(account, A_TRANSFERS);
        final int last = low(ends);
        if (last == NONE) {
            accounts.set(account, A_TRANSFERS, pack(slot, slot));
        } else {
            final int field = high(transfers.get(last, T_ACCOUNTS)) == account ? T_DEBIT_LINKS : T_CREDIT_LINKS;
            transfers.setNextLink(last, field, pack(high(transfers.get(last, field)), slot));
            accounts.set(account, A_TRANSFERS, pack(high(ends), slot));
        }
        return last;
    }

    private void appendHistory(final int transfer, final int dr, final int cr, final long timestamp) {
        if (hasAccountFlag(dr, AccountFlags.HISTORY)) {
            appendHistoryRow(dr, transfer, 0, timestamp);
        }
        if (hasAccountFlag(cr, AccountFlags.HISTORY)) {
            appendHistoryRow(cr, transfer, 1, timestamp);
        }
    }

    private void appendHistoryRow(final int account, final int transfer, final int side, final long timestamp) {
        final int row = history.append();
        final long[] d = history.data;
        final int base = row * Layout.HISTORY_STRIDE;
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

    private int historyRows(final int dr, final int cr) {
        return (hasAccountFlag(dr, AccountFlags.HISTORY) ? 1 : 0) + (hasAccountFlag(cr, AccountFlags.HISTORY) ? 1 : 0);
    }

    private void addToAccount(final int account, final int field, final long delta) {
        final long value = accounts.get(account, field) + delta;
        assert value >= 0 : "balance out of range";
        accounts.set(account, field, value);
    }

    private void setClosed(final int account, final boolean closed) {
        final long codeFlags = accounts.get(account, A_CODE_FLAGS);
        final long updated = closed ? codeFlags | AccountFlags.CLOSED : codeFlags & ~AccountFlags.CLOSED;
        accounts.set(account, A_CODE_FLAGS, updated);
    }

    int statusOf(final int transfer) {
        return Layout.statusOf(transfers.get(transfer, T_LEDGER_CODE_FLAGS));
    }

    private void setStatus(final int transfer, final int status) {
        transfers.set(transfer, T_LEDGER_CODE_FLAGS, Layout.withStatus(transfers.get(transfer, T_LEDGER_CODE_FLAGS),
            status));
    }

    private boolean isClosed(final int account) {
        return hasAccountFlag(account, AccountFlags.CLOSED);
    }

    boolean hasAccountFlag(final int account, final int flag) {
        return (accounts.get(account, A_CODE_FLAGS) & flag) != 0;
    }

    int accountLedger(final int account) {
        return low(accounts.get(account, A_USER_DATA_32_LEDGER));
    }

    int timeoutOf(final int transfer) {
        return low(transfers.get(transfer, T_USER_DATA_32_TIMEOUT));
    }

    /** The id of a transfer slot, or 0 for NONE. */
    long transferId(final int slot) {
        return slot == NONE ? 0 : transfers.get(slot, T_ID);
    }

    long accountId(final int slot) {
        return accounts.get(slot, A_ID);
    }

    /** 64-bit adaptation of "int max": Long.MAX_VALUE and, read as unsigned, every negative value. */
    static boolean isIntMax(final long id) {
        return id < 0 || id == Long.MAX_VALUE;
    }

    /** True if {@code a + b} exceeds 2^63-1, for non-negative a and b. */
    private static boolean overflows(final long a, final long b) {
        return a + b < 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Snapshots.

    /** Takes a consistent cut between two requests; from now on rows are copied before they change. */
    private LedgerCut cut() {
        cut = new LedgerCut(config, journalIndex, lastTimestamp, lastExpiryTimestamp, historyReserved,
            new CopyOnWrite(accounts), new CopyOnWrite(transfers), new CopyOnWrite(history), failed.count, failed);
        accounts.attach(cut.cow(LedgerCut.Section.ACCOUNTS));
        transfers.attach(cut.cow(LedgerCut.Section.TRANSFERS));
        history.attach(cut.cow(LedgerCut.Section.HISTORY));
        return cut;
    }

    private void detachCut() {
        accounts.detach();
        transfers.detach();
        history.detach();
        cut = null;
    }

    /**
     * Rebuilds a ledger from a snapshot: the scalars of its cut and the rows of each section, read straight into the
     * record arrays; the id indexes and the expiry queue are derived again. The caller compares {@link #stateHash()}
     * with the hash the snapshot recorded.
     *
     * @throws IllegalArgumentException if a section holds more rows than {@code config} has room for
     */
    public static Ledger restore(final LedgerConfig config, final LedgerCut.Header header,
                                 final LedgerCut.SectionReader reader) throws IOException {
        final Ledger ledger = new Ledger(config);
        for (final LedgerCut.Section section : LedgerCut.Section.values()) {
            final Records records = ledger.records(section);
            final int rows = header.rows(section);
            if (rows > records.capacity) {
                throw new IllegalArgumentException("the snapshot holds " + rows + " rows of " + section
                    + " but the configured capacity is " + records.capacity);
            }
            reader.read(section, records.data, rows * records.stride);
            records.count = rows;
        }
        ledger.journalIndex = header.journalIndex();
        ledger.lastTimestamp = header.lastTimestamp();
        ledger.lastExpiryTimestamp = header.lastExpiryTimestamp();
        ledger.historyReserved = header.historyReserved();
        ledger.rebuildDerived();
        return ledger;
    }

    /** The id indexes, the expiry queue and the id bound: everything a snapshot does not store. */
    private void rebuildDerived() {
        for (int slot = 0; slot < accounts.count; slot++) {
            accountIndex.insert(accounts.get(slot, A_ID), slot);
        }
        for (int slot = 0; slot < transfers.count; slot++) {
            final long id = transfers.get(slot, T_ID);
            transferIndex.insert(id, slot);
            transferIdBound = Math.max(transferIdBound, id);
            if (statusOf(slot) == STATUS_PENDING && timeoutOf(slot) != 0) {
                expiries.add(slot);
            }
        }
        linkNext();
        for (int slot = 0; slot < failed.count; slot++) {
            failedIndex.insert(failed.data[slot], slot);
            transferIdBound = Math.max(transferIdBound, failed.data[slot]);
        }
    }

    /** Derives every "next" link from the "previous" links (snapshots store next links as NONE). */
    private void linkNext() {
        for (int slot = 0; slot < transfers.count; slot++) {
            final long accountSlots = transfers.get(slot, T_ACCOUNTS);
            linkNextTransfer(high(transfers.get(slot, T_DEBIT_LINKS)), high(accountSlots), slot);
            linkNextTransfer(high(transfers.get(slot, T_CREDIT_LINKS)), low(accountSlots), slot);
        }
        for (int row = 0; row < history.count; row++) {
            final int previous = high(history.get(row, Layout.H_LINKS));
            if (previous != NONE) {
                history.data[previous * Layout.HISTORY_STRIDE + Layout.H_LINKS] =
                    pack(high(history.get(previous, Layout.H_LINKS)), row);
            }
        }
    }

    private void linkNextTransfer(final int previous, final int account, final int slot) {
        if (previous != NONE) {
            final int field = high(transfers.get(previous, T_ACCOUNTS)) == account ? T_DEBIT_LINKS : T_CREDIT_LINKS;
            transfers.data[previous * Layout.TRANSFER_STRIDE + field] =
                pack(high(transfers.get(previous, field)), slot);
        }
    }

    Records records(final LedgerCut.Section section) {
        switch (section) {
            case ACCOUNTS:
                return accounts;
            case TRANSFERS:
                return transfers;
            case HISTORY:
                return history;
            case FAILED_IDS:
                return failed;
            default:
                throw new IllegalArgumentException("unknown section " + section);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Verification.

    /** Digest of the whole state: equal states give equal hashes, replay and snapshot load must reproduce it. */
    public long stateHash() {
        return new StateHash()
            .add(lastTimestamp)
            .add(lastExpiryTimestamp)
            .add(accounts.count).add(accounts.data, accounts.count * accounts.stride)
            .add(transfers.count).addRows(transfers.data, transfers.count, LedgerCut.Section.TRANSFERS)
            .add(history.count).addRows(history.data, history.count, LedgerCut.Section.HISTORY)
            .add(failed.count).add(failedIndex.digest())
            .value();
    }

    /** Bytes of memory held for accounts (records and index), at full capacity. */
    public long accountBytes() {
        return accounts.bytes() + accountIndex.bytes();
    }

    /** Bytes of memory held for transfers (records, index and expiry queue), at full capacity. */
    public long transferBytes() {
        return transfers.bytes() + transferIndex.bytes() + expiries.bytes();
    }

    /**
     * Checks every invariant over the whole state (O(accounts + transfers)); throws IllegalStateException naming
     * the first violation. Used by tests, after replay and after snapshot load.
     */
    public void checkInvariants() {
        Invariants.check(this);
    }
}
