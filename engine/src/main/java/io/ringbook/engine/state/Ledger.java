package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.ResultCodes;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;

import java.io.IOException;

import static io.ringbook.engine.state.Layout.A_CREDITS_PENDING;
import static io.ringbook.engine.state.Layout.A_CREDITS_POSTED;
import static io.ringbook.engine.state.Layout.A_DEBITS_PENDING;
import static io.ringbook.engine.state.Layout.A_DEBITS_POSTED;
import static io.ringbook.engine.state.Layout.A_ID;
import static io.ringbook.engine.state.Layout.A_TIMESTAMP;
import static io.ringbook.engine.state.Layout.STATUS_EXPIRED;
import static io.ringbook.engine.state.Layout.STATUS_PENDING;
import static io.ringbook.engine.state.Layout.STATUS_POSTED;
import static io.ringbook.engine.state.Layout.STATUS_VOIDED;
import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_AMOUNT;
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
 * The ledger state machine: the ledger rules, in precedence order (docs/SEMANTICS.md is its contract). Three groups
 * of them sit in classes of their own and are called here at their place in that order: the checks of an event's own
 * fields ({@link FieldChecks}) and the comparisons with an existing account or transfer ({@link AccountComparison},
 * {@link TransferComparison}). A pure function of (state, command): no clock, no I/O, no randomness, no
 * hash-iteration order reaching a result. Single-threaded: the pipeline's ledger stage is its only caller.
 *
 * <p>The rules decide; the state is stored in {@link LedgerTables} (paged primitive arrays that grow with use up to
 * the capacities, no object per account or transfer), a linked chain is made all or nothing by {@link ChainUndo},
 * snapshots are cut and restored by {@link LedgerSnapshots}, and reads are answered by {@link LedgerQueries}. Nothing
 * is allocated per command on the create path: only a new page of rows, every 16384 rows, and an id index that
 * doubles (between requests) as the ledger grows.
 *
 * <p>Results are written into the request's slots ({@code status}, {@code resultTimestamp}); the event fields of
 * mutating commands are never written, because the journal stage reads them concurrently.
 */
public final class Ledger {
    /**
     * Default scan budget of a read, in rows: about a millisecond of the ledger thread at worst (an account's transfers
     * scattered among millions of others, ~100-200 ns a row) and well under that for adjacent rows (~7 ns a row).
     * Measured: docs/OPERATIONS.md, "Query scan budget".
     */
    public static final int QUERY_SCAN_MAX_DEFAULT = 10_000;

    private static final int LINKED = 1;
    private static final int PREFETCH_CHUNK = Prefetcher.CHUNK;
    private static final int BALANCING = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;

    private final LedgerConfig config;
    private final LedgerTables tables;
    // The tables the rules read on every event, in final fields of the ledger itself: no extra load on the hot path.
    private final Records accounts;
    private final Records transfers;
    private final Records history;
    private final IdIndex accountIndex;
    private final IdIndex transferIndex;
    private final ChainUndo chain;
    private final LedgerSnapshots snapshots;
    private final LedgerQueries queries;
    private final Prefetcher prefetcher;

    private long lastTimestamp;
    /** Timestamp of the latest expiry: imported transfers must postdate it too, so history stays in time order. */
    private long lastExpiryTimestamp;
    /** Mutating requests applied: equals the journal index of the last one (the journal holds one entry each). */
    private long journalIndex;
    /** The limits a CONFIGURE set (checked by the rules through each table's limit), or null: never configured. */
    private LedgerConfig limits;

    /**
     * An empty ledger that may grow to {@code config}'s capacities. Little is allocated now: the tables' pages and
     * the id indexes grow as rows are stored, so the heap must have room for {@link #bytesAtCapacity} of the
     * capacities (the server checks at start); running out of a capacity answers a result code.
     */
    public Ledger(final LedgerConfig config) {
        final UndoLog undo = new UndoLog();
        this.config = config;
        this.tables = new LedgerTables(config, undo);
        this.accounts = tables.accounts;
        this.transfers = tables.transfers;
        this.history = tables.history;
        this.accountIndex = tables.accountIndex;
        this.transferIndex = tables.transferIndex;
        this.chain = new ChainUndo(tables, undo);
        this.snapshots = new LedgerSnapshots(config, tables);
        this.queries = new LedgerQueries(tables);
        this.prefetcher = new Prefetcher(tables);
    }

    /**
     * Rebuilds a ledger from a snapshot: the scalars of its cut and the rows of each section, read straight into the
     * tables; the id indexes and the expiry queue are derived again. The caller compares {@link #stateHash()} with
     * the hash the snapshot recorded.
     *
     * @throws IllegalArgumentException if a section holds more rows than {@code config} has room for
     */
    public static Ledger restore(final LedgerConfig config, final LedgerCut.Header header,
                                 final LedgerCut.SectionReader reader) throws IOException {
        final Ledger ledger = new Ledger(config);
        LedgerSnapshots.restore(ledger.tables, header, reader);
        ledger.journalIndex = header.journalIndex();
        ledger.lastTimestamp = header.lastTimestamp();
        ledger.lastExpiryTimestamp = header.lastExpiryTimestamp();
        if (header.limits() != null) {
            ledger.applyLimits(header.limits(), "the snapshot at journal index " + header.journalIndex());
        }
        return ledger;
    }

    /**
     * The capacities this ledger was built with: the most its tables may grow to (its allocation when full), an upper
     * bound of every limit it can take.
     */
    public LedgerConfig config() {
        return config;
    }

    /**
     * The capacity limits the rules check: those of the last CONFIGURE applied (journaled, or restored from a
     * snapshot), else the allocation ({@link #config()}).
     */
    public LedgerConfig limits() {
        return limits != null ? limits : config;
    }

    /** True once a CONFIGURE was applied (or restored from a snapshot): the limits are part of the history. */
    public boolean isConfigured() {
        return limits != null;
    }

    /**
     * Why this ledger cannot take {@code newLimits}, or null if it can: a limit above the allocation (the ledger was
     * built too small for the history it replays), or below the rows already stored (a capacity cannot be lowered
     * below what is stored).
     */
    public String checkLimits(final LedgerConfig newLimits) {
        final String accountsProblem = checkLimit("accounts", newLimits.accountsCapacity(), tables.accounts);
        if (accountsProblem != null) {
            return accountsProblem;
        }
        final String transfersProblem = checkLimit("transfers", newLimits.transfersCapacity(), tables.transfers);
        if (transfersProblem != null) {
            return transfersProblem;
        }
        final String failedProblem = checkLimit("failed transfer ids", newLimits.failedTransferIdsCapacity(),
            tables.failed);
        if (failedProblem != null) {
            return failedProblem;
        }
        return checkLimit("history", newLimits.historyCapacity(), history);
    }

    private static String checkLimit(final String name, final int limit, final Records records) {
        if (limit > records.capacity) {
            return name + " limit " + limit + " exceeds this ledger's allocated capacity " + records.capacity
                + " (build it with a capacity of at least " + limit + ")";
        }
        if (limit < records.count) {
            return name + " capacity " + limit + " is below the " + records.count
                + " rows already stored: a capacity cannot be lowered below what is stored";
        }
        return null;
    }

    /**
     * Sets the limits (the rule of a CONFIGURE command, also what a snapshot restore does).
     *
     * @throws IllegalArgumentException if {@link #checkLimits} finds a problem: a journaled history the ledger
     *                                  cannot reproduce, so it stops loudly instead of answering differently
     */
    private void applyLimits(final LedgerConfig newLimits, final String where) {
        final String problem = checkLimits(newLimits);
        if (problem != null) {
            throw new IllegalArgumentException(where + " sets capacity limits " + newLimits + ": " + problem);
        }
        limits = newLimits;
        accounts.limit = newLimits.accountsCapacity();
        transfers.limit = newLimits.transfersCapacity();
        tables.failed.limit = newLimits.failedTransferIdsCapacity();
        history.limit = newLimits.historyCapacity();
    }

    /** Writes a CONFIGURE command's input (the four limits) into {@code c}, already prepared. */
    public static void writeLimits(final Command c, final LedgerConfig newLimits) {
        c.debitsPending = newLimits.accountsCapacity();
        c.debitsPosted = newLimits.transfersCapacity();
        c.creditsPending = newLimits.failedTransferIdsCapacity();
        c.creditsPosted = newLimits.historyCapacity();
    }

    /**
     * The limits a CONFIGURE command carries.
     *
     * @throws IllegalArgumentException if a value is out of range (a command no writer produces)
     */
    public static LedgerConfig readLimits(final Command c) {
        return new LedgerConfig(toInt(c.debitsPending), toInt(c.debitsPosted), toInt(c.creditsPending),
            toInt(c.creditsPosted));
    }

    private static int toInt(final long value) {
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /**
     * Sets the scan budget of reads: the most rows one query examines before it answers the rows found with a
     * continuation (docs/SEMANTICS.md, "Scan budget"). Call before the ledger is handed to its thread.
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public void queryScanMax(final int rows) {
        queries.scanMax(rows);
    }

    /** Rows the last read examined: tests and measurements check that a read stays within the scan budget. */
    public long queryRowsExamined() {
        return queries.rowsExamined();
    }

    /** Accounts created so far. */
    public int accountCount() {
        return accounts.count;
    }

    /** Transfers created so far (posts and voids included). */
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

    /** Digest of the whole state: equal states give equal hashes, replay and snapshot load must reproduce it. */
    public long stateHash() {
        return StateHash.withLimits(tables.stateHash(lastTimestamp, lastExpiryTimestamp), limits);
    }

    /** Bytes of memory held now for accounts (records and index): grows with the accounts stored. */
    public long accountBytes() {
        return tables.accountBytes();
    }

    /** Bytes of memory held now for transfers (records, index and expiry queue): grows with the transfers stored. */
    public long transferBytes() {
        return tables.transferBytes();
    }

    /** Bytes of memory held now by all the tables (accounts, transfers, history rows, failed ids). */
    public long bytesHeld() {
        return tables.bytesHeld();
    }

    /**
     * Bytes the tables of a ledger with {@code config}'s capacities hold once every capacity is full: what the heap
     * must have room for (the expiry queue counted as if every transfer were pending with a timeout).
     */
    public static long bytesAtCapacity(final LedgerConfig config) {
        return LedgerTables.bytesAtCapacity(config);
    }

    /**
     * Allocates now everything the capacities can need (every page, the id indexes at their full size, the expiry
     * queue), as ledgers did before the tables grew on demand: no page allocation or index doubling happens later,
     * at the price of the full size in memory and its allocation time. For benchmarks of the steady state and for
     * deployments that want no growth stall; call before the ledger is started, or between requests.
     */
    public void preallocate() {
        tables.preallocate();
    }

    /**
     * A warning if a heap of {@code maxHeapBytes} ({@code -Xmx}) is too small for a ledger with {@code config}'s
     * capacities once they fill, else null. The tables grow on demand, so a small heap starts fine and would fail
     * with an OutOfMemoryError only when the ledger fills: the server warns at start instead (refusing would be too
     * strict for tests and demos that never fill their capacities). The full size must fit in three quarters of the
     * heap, leaving room for the rest of the server and for an id index that doubles (old and new buckets at once).
     */
    public static String heapWarning(final LedgerConfig config, final long maxHeapBytes) {
        final long full = bytesAtCapacity(config);
        if (full <= maxHeapBytes / 4 * 3) {
            return null;
        }
        final long mb = 1 << 20;
        return "the heap (-Xmx " + maxHeapBytes / mb + " MB) is too small for the capacities " + config
            + ": the ledger grows to " + full / mb + " MB when they fill; give the JVM at least -Xmx"
            + ((full / 3 * 4 + mb - 1) / mb) + "m or lower the capacities";
    }

    /**
     * Checks every invariant over the whole state (O(accounts + transfers)); throws IllegalStateException naming
     * the first violation. Used by tests, after replay and after snapshot load.
     */
    public void checkInvariants() {
        Invariants.check(tables);
    }

    /** Applies one request (its slots, in order) and writes the results into its slots. */
    public void execute(final CommandRequest request) {
        final Command head = request.get(0);
        final Operation operation = head.operation;
        snapshots.detachIfClosed();
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
                head.attachment = snapshots.cut(journalIndex, lastTimestamp, lastExpiryTimestamp, limits);
                break;
            case CONFIGURE:
                applyLimits(readLimits(head), "CONFIGURE at journal index " + journalIndex);
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

    /** 64-bit adaptation of "int max": Long.MAX_VALUE and, read as unsigned, every negative value. */
    static boolean isIntMax(final long id) {
        return id < 0 || id == Long.MAX_VALUE;
    }

    /** True if {@code a + b} exceeds 2^63-1, for non-negative a and b. */
    private static boolean overflows(final long a, final long b) {
        return a + b < 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests and linked chains.

    private void executeCreate(final CommandRequest request, final boolean transfersOperation) {
        final int size = request.size();
        tables.reserve(size, transfersOperation);
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
                chain.begin();
            }
            final int result;
            if (linked && i == size - 1) {
                result = ResultCodes.LINKED_EVENT_CHAIN_OPEN;
            } else if (chainBroken) {
                result = ResultCodes.LINKED_EVENT_FAILED;
            } else {
                result = createEvent(c, tick, transfersOperation, importedRequest, (c.flags & importedFlag) != 0);
            }
            c.status = result;
            if (result != ResultCodes.CREATED) {
                if (chainStart >= 0 && !chainBroken) {
                    chainBroken = true;
                    chain.rollback();
                    for (int j = chainStart; j < i; j++) {
                        request.get(j).status = ResultCodes.LINKED_EVENT_FAILED;
                        request.get(j).resultTimestamp = 0;
                    }
                    forgetRolledBackTimestamp(c, transfersOperation);
                }
                if (transfersOperation && isTransient(result)) {
                    tables.rememberFailed(c.id);
                }
            }
            if (chainStart >= 0 && (!linked || result == ResultCodes.LINKED_EVENT_CHAIN_OPEN)) {
                if (!chainBroken) {
                    chain.commit();
                }
                chainStart = -1;
                chainBroken = false;
            }
        }
    }

    /**
     * The event that failed its chain keeps its result, but not the timestamp of an object its chain created: an
     * {@code exists} for an id created earlier in the same chain names an object the rollback just removed, so it
     * answers timestamp 0 (no result may carry the timestamp of an object that is not committed).
     */
    private void forgetRolledBackTimestamp(final Command c, final boolean transfersOperation) {
        if (c.resultTimestamp != 0
            && (transfersOperation ? transferIndex : accountIndex).get(c.id) == IdIndex.MISSING) {
            c.resultTimestamp = 0;
        }
    }

    /** Checks shared by both create operations (imported requests, timestamps), then the event's own rules. */
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
            return ResultCodes.TIMESTAMP_MUST_BE_ZERO;
        }
        final long timestamp = imported ? c.timestamp : tick;
        return transfersOperation ? createTransfer(c, timestamp, imported).code()
            : createAccount(c, timestamp, imported).code();
    }

    private static boolean isTransient(final int code) {
        final CreateTransferResult result = CreateTransferResult.ofCode(code);
        return result != null && result.isTransient();
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
            final CreateAccountResult result = AccountComparison.compare(tables, c, existing);
            if (result == CreateAccountResult.EXISTS) {
                c.resultTimestamp = accounts.get(existing, A_TIMESTAMP);
            }
            return result;
        }
        if (accounts.isFull()) {
            return CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED;
        }
        final CreateAccountResult fields = FieldChecks.newAccount(c);
        if (fields != CreateAccountResult.CREATED) {
            return fields;
        }
        if (imported && (accounts.count > 0 && timestamp <= accounts.get(accounts.count - 1, A_TIMESTAMP)
            || transfers.contains(T_TIMESTAMP, timestamp))) {
            return CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
        }
        tables.insertAccount(c, timestamp);
        c.resultTimestamp = timestamp;
        return CreateAccountResult.CREATED;
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
        if (c.id <= tables.transferIdBound) {
            final int existing = transferIndex.get(c.id);
            if (existing != IdIndex.MISSING) {
                final CreateTransferResult result = TransferComparison.compare(tables, c, existing);
                if (result == CreateTransferResult.EXISTS) {
                    c.resultTimestamp = transfers.get(existing, T_TIMESTAMP);
                }
                return result;
            }
            if (tables.failedIndex.get(c.id) != IdIndex.MISSING) {
                return CreateTransferResult.ID_ALREADY_FAILED;
            }
        }
        if (transfers.isFull() || tables.failed.isFull()) {
            return CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED;
        }
        if ((c.flags & (TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER)) != 0) {
            return postOrVoidPendingTransfer(c, timestamp, imported);
        }
        final CreateTransferResult fields = FieldChecks.newTransfer(c);
        if (fields != CreateTransferResult.CREATED) {
            return fields;
        }
        final int dr = accountIndex.get(c.debitAccountId);
        if (dr == IdIndex.MISSING) {
            return CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND;
        }
        final int cr = accountIndex.get(c.creditAccountId);
        if (cr == IdIndex.MISSING) {
            return CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND;
        }
        final int ledger = tables.accountLedger(dr);
        if (ledger != tables.accountLedger(cr)) {
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
        if (tables.isClosed(dr)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED;
        }
        if (tables.isClosed(cr)) {
            return CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED;
        }
        return createNewTransfer(c, timestamp, dr, cr, original);
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
        if (tables.hasAccountFlag(dr, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
            && drDebitsPending + drDebitsPosted + amount > drCreditsPosted) {
            return CreateTransferResult.EXCEEDS_CREDITS;
        }
        if (tables.hasAccountFlag(cr, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
            && crCreditsPending + crCreditsPosted + amount > crDebitsPosted) {
            return CreateTransferResult.EXCEEDS_DEBITS;
        }
        if (original != NONE && amount > reversible) {
            return CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT;
        }
        final int rows = tables.historyRows(dr, cr);
        if (rows > 0 && history.count + tables.historyReserved + (pending ? 2 * rows : rows) > history.limit) {
            return CreateTransferResult.HISTORY_CAPACITY_EXCEEDED;
        }
        applyNewTransfer(c, timestamp, dr, cr, original, amount, rows);
        return CreateTransferResult.CREATED;
    }

    private void applyNewTransfer(final Command c, final long timestamp, final int dr, final int cr,
                                  final int original, final long amount, final int rows) {
        final int row = tables.insertTransfer(c.id, timestamp, dr, cr, amount, pack(NONE, original), c.flags,
            c.ledger, c.code, c.userData128Hi, c.userData128Lo, c.userData64, c.userData32, c.timeout);
        if ((c.flags & TransferFlags.PENDING) != 0) {
            tables.addToAccount(dr, A_DEBITS_PENDING, amount);
            tables.addToAccount(cr, A_CREDITS_PENDING, amount);
            tables.setStatus(row, STATUS_PENDING);
            tables.historyReserved += rows;
            if (c.timeout != 0) {
                chain.scheduleExpiry(row);
            }
        } else {
            tables.addToAccount(dr, A_DEBITS_POSTED, amount);
            tables.addToAccount(cr, A_CREDITS_POSTED, amount);
        }
        if ((c.flags & TransferFlags.CLOSING_DEBIT) != 0) {
            tables.setClosed(dr, true);
        }
        if ((c.flags & TransferFlags.CLOSING_CREDIT) != 0) {
            tables.setClosed(cr, true);
        }
        if (original != NONE) {
            transfers.set(original, T_REVERSED, transfers.get(original, T_REVERSED) + amount);
        }
        tables.appendHistory(row, dr, cr, timestamp);
        c.resultTimestamp = timestamp;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Two-phase: post and void.

    private CreateTransferResult postOrVoidPendingTransfer(final Command c, final long timestamp,
                                                           final boolean imported) {
        final boolean isVoid = (c.flags & TransferFlags.VOID_PENDING_TRANSFER) != 0;
        final CreateTransferResult fields = FieldChecks.postOrVoid(c, isVoid);
        if (fields != CreateTransferResult.CREATED) {
            return fields;
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
        if (!isVoid && tables.isClosed(dr)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED;
        }
        if (!isVoid && tables.isClosed(cr)) {
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

    private CreateTransferResult checkPendingStatus(final int p, final long timestamp) {
        final int status = tables.statusOf(p);
        if (status == STATUS_POSTED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED;
        }
        if (status == STATUS_VOIDED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        if (status == STATUS_EXPIRED || tables.timeoutOf(p) != 0 && tables.expiries.expiresAt(p) <= timestamp) {
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
        final int row = tables.insertTransfer(c.id, timestamp, dr, cr, amount, pack(p, NONE), c.flags,
            Layout.ledgerOfTransfer(pendingLedgerCodeFlags), Layout.codeOf(pendingLedgerCodeFlags),
            inheritUserData128 ? transfers.get(p, T_USER_DATA_128_HI) : c.userData128Hi,
            inheritUserData128 ? transfers.get(p, T_USER_DATA_128_LO) : c.userData128Lo,
            c.userData64 == 0 ? transfers.get(p, T_USER_DATA_64) : c.userData64,
            c.userData32 == 0 ? high(pendingUserData32Timeout) : c.userData32, 0);
        tables.setStatus(p, isVoid ? STATUS_VOIDED : STATUS_POSTED);
        final long pendingAmount = transfers.get(p, T_AMOUNT);
        releasePending(p, dr, cr, pendingAmount, isVoid ? pendingAmount : pendingAmount - amount, isVoid);
        if (!isVoid) {
            tables.addToAccount(dr, A_DEBITS_POSTED, amount);
            tables.addToAccount(cr, A_CREDITS_POSTED, amount);
        }
        tables.historyReserved -= tables.historyRows(dr, cr);
        tables.appendHistory(row, dr, cr, timestamp);
        c.resultTimestamp = timestamp;
    }

    /**
     * Releases a pending transfer's reservation: its pending balances, the reversible amount it held back on the
     * transfer it reverses ({@code reversalRelease}), and, unless it was posted, the accounts it closed.
     */
    private void releasePending(final int p, final int dr, final int cr, final long pendingAmount,
                                final long reversalRelease, final boolean reopen) {
        tables.addToAccount(dr, A_DEBITS_PENDING, -pendingAmount);
        tables.addToAccount(cr, A_CREDITS_PENDING, -pendingAmount);
        final int flags = Layout.flagsOf(transfers.get(p, T_LEDGER_CODE_FLAGS));
        if (reopen && (flags & TransferFlags.CLOSING_DEBIT) != 0) {
            tables.setClosed(dr, false);
        }
        if (reopen && (flags & TransferFlags.CLOSING_CREDIT) != 0) {
            tables.setClosed(cr, false);
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
        final ExpiryQueue expiries = tables.expiries;
        int expired = 0;
        while (!expiries.isEmpty() && expiries.expiresAt(expiries.peek()) <= now) {
            final int p = expiries.poll();
            if (tables.statusOf(p) != STATUS_PENDING) {
                continue;
            }
            final long timestamp = tick(arrivalNs);
            final long pendingAccounts = transfers.get(p, T_ACCOUNTS);
            final int dr = high(pendingAccounts);
            final int cr = low(pendingAccounts);
            tables.setStatus(p, STATUS_EXPIRED);
            final long pendingAmount = transfers.get(p, T_AMOUNT);
            releasePending(p, dr, cr, pendingAmount, pendingAmount, true);
            tables.historyReserved -= tables.historyRows(dr, cr);
            tables.appendHistory(p, dr, cr, timestamp);
            lastExpiryTimestamp = timestamp;
            expired++;
        }
        return expired;
    }
}
