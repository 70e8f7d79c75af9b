package io.ringbook.engine.reference;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerConfig;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple model of the ledger contract in {@code docs/SEMANTICS.md}, written from the document and not
 * from the engine, so that the differential test can hold the two against each other. Plain mutable objects in hash
 * maps, {@link BigInteger} for every overflow and limit check, one check per line in the documented precedence order,
 * and an undo log that rolls a failed linked chain back. Nothing here is tuned for speed.
 */
public final class ReferenceLedger {
    /** Most rows a query answers: a request has at most this many slots. */
    public static final int ROWS_MAX = 8190;

    private static final long NS_PER_S = 1_000_000_000L;
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The results after which an id is remembered and answers {@code id_already_failed}. */
    private static final Set<CreateTransferResult> TRANSIENT = EnumSet.of(
        CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND,
        CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND,
        CreateTransferResult.PENDING_TRANSFER_NOT_FOUND,
        CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND,
        CreateTransferResult.EXCEEDS_CREDITS,
        CreateTransferResult.EXCEEDS_DEBITS,
        CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT,
        CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED,
        CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED);

    private final int accountsCapacity;
    private final int transfersCapacity;
    private final int failedTransferIdsCapacity;
    private final int historyCapacity;

    private final Map<Long, Acct> accounts = new HashMap<>();
    private final TreeMap<Long, Acct> accountsByTimestamp = new TreeMap<>();
    private final Map<Long, Xfer> transfers = new HashMap<>();
    private final TreeMap<Long, Xfer> transfersByTimestamp = new TreeMap<>();
    private final Set<Long> failedTransferIds = new HashSet<>();
    /** Pending transfers created with a timeout; entries no longer pending (or rolled back) are skipped. */
    private final List<Xfer> timeouts = new ArrayList<>();
    private final Map<Long, List<Row>> history = new HashMap<>();
    /** Undo actions of the open linked chain, newest first. */
    private final Deque<Runnable> undo = new ArrayDeque<>();
    /** History rows written plus rows reserved by pending transfers for their resolution. */
    private long historyRows;
    private long last;
    /** The tick of the latest expiry, or 0: imported transfers must postdate it so that history stays in order. */
    private long latestExpiry;

    /** A ledger with the same capacities as an engine built from a {@link LedgerConfig} with these values. */
    public ReferenceLedger(final int accountsCapacity, final int transfersCapacity,
                           final int failedTransferIdsCapacity, final int historyCapacity) {
        this.accountsCapacity = accountsCapacity;
        this.transfersCapacity = transfersCapacity;
        this.failedTransferIdsCapacity = failedTransferIdsCapacity;
        this.historyCapacity = historyCapacity;
    }

    /** A ledger with the capacities of the engine's configuration, so capacity results can be compared. */
    public ReferenceLedger(final LedgerConfig config) {
        this(config.accountsCapacity(), config.transfersCapacity(), config.failedTransferIdsCapacity(),
            config.historyCapacity());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests.

    /** Creates accounts, one result per event. */
    public List<CreateResult> createAccounts(final List<Account> events, final long arrivalNs) {
        return execute(events, arrivalNs, new AccountKind());
    }

    /** Creates transfers, one result per event. */
    public List<CreateResult> createTransfers(final List<Transfer> events, final long arrivalNs) {
        return execute(events, arrivalNs, new TransferKind());
    }

    /** Expires every pending transfer whose timeout has passed at the pulse's time; returns how many expired. */
    public int pulse(final long arrivalNs) {
        final long now = Math.max(last + 1, arrivalNs);
        final List<Xfer> due = new ArrayList<>();
        for (final Xfer x : timeouts) {
            if (transfers.get(x.id) == x && x.status == Status.PENDING && x.expiresAt() <= now) {
                due.add(x);
            }
        }
        due.sort(Comparator.comparingLong(Xfer::expiresAt).thenComparingLong(x -> x.timestamp));
        for (final Xfer p : due) {
            latestExpiry = tick(arrivalNs);
            expire(p, latestExpiry);
        }
        timeouts.removeIf(x -> transfers.get(x.id) != x || x.status != Status.PENDING);
        undo.clear();
        return due.size();
    }

    private long tick(final long arrivalNs) {
        last = Math.max(last + 1, arrivalNs);
        return last;
    }

    /** What one create request needs to know about its kind of event. */
    private interface Kind<E, R extends Enum<R>> {
        Class<R> results();

        long id(E event);

        boolean linked(E event);

        boolean imported(E event);

        long timestamp(E event);

        /** True if an account (or transfer) with the event's id is stored now. */
        boolean stored(E event);

        Outcome<R> apply(E event, long tick);

        int code(R result);

        void failed(E event, R result);
    }

    private record Outcome<R>(R result, long timestamp) {
    }

    private static <R extends Enum<R>> R common(final Class<R> results, final String name) {
        return Enum.valueOf(results, name);
    }

    private <E, R extends Enum<R>> List<CreateResult> execute(final List<E> events, final long arrivalNs,
                                                              final Kind<E, R> kind) {
        final Class<R> rs = kind.results();
        final List<CreateResult> results = new ArrayList<>(events.size());
        final boolean requestImported = kind.imported(events.get(0));
        int chainStart = -1;
        boolean chainFailed = false;
        for (int i = 0; i < events.size(); i++) {
            final E event = events.get(i);
            final long tick = tick(arrivalNs);
            final boolean linked = kind.linked(event);
            if (linked && chainStart < 0) {
                chainStart = i;
            }
            final Outcome<R> out;
            if (linked && i == events.size() - 1) {
                out = new Outcome<>(common(rs, "LINKED_EVENT_CHAIN_OPEN"), 0);
            } else if (chainFailed) {
                out = new Outcome<>(common(rs, "LINKED_EVENT_FAILED"), 0);
            } else {
                out = admit(event, tick, requestImported, kind);
            }
            results.add(new CreateResult(i, kind.id(event), kind.code(out.result()), out.timestamp()));
            if (out.result() != common(rs, "CREATED")) {
                kind.failed(event, out.result());
                if (chainStart >= 0 && !chainFailed) {
                    chainFailed = true;
                    rollback();
                    for (int j = chainStart; j < i; j++) {
                        results.set(j, new CreateResult(j, kind.id(events.get(j)),
                            kind.code(common(rs, "LINKED_EVENT_FAILED")), 0));
                    }
                    if (out.timestamp() != 0 && !kind.stored(event)) {
                        // Its exists named an object of the chain, which the rollback removed: no timestamp.
                        results.set(i, new CreateResult(i, kind.id(event), kind.code(out.result()), 0));
                    }
                }
            }
            final boolean chainEnds = !linked || out.result() == common(rs, "LINKED_EVENT_CHAIN_OPEN");
            if (chainStart >= 0 && chainEnds) {
                chainStart = -1;
                chainFailed = false;
            }
            if (chainStart < 0) {
                undo.clear();
            }
        }
        return results;
    }

    private <E, R extends Enum<R>> Outcome<R> admit(final E event, final long tick, final boolean requestImported,
                                                    final Kind<E, R> kind) {
        final Class<R> rs = kind.results();
        final boolean imported = kind.imported(event);
        if (imported != requestImported) {
            return new Outcome<>(common(rs, imported ? "IMPORTED_EVENT_NOT_EXPECTED" : "IMPORTED_EVENT_EXPECTED"), 0);
        }
        if (imported) {
            if (kind.timestamp(event) < 1 || kind.timestamp(event) == Long.MAX_VALUE) {
                return new Outcome<>(common(rs, "IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE"), 0);
            }
            if (kind.timestamp(event) >= tick) {
                return new Outcome<>(common(rs, "IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE"), 0);
            }
        } else if (kind.timestamp(event) != 0) {
            return new Outcome<>(common(rs, "TIMESTAMP_MUST_BE_ZERO"), 0);
        }
        return kind.apply(event, tick);
    }

    private void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private final class AccountKind implements Kind<Account, CreateAccountResult> {
        @Override
        public Class<CreateAccountResult> results() {
            return CreateAccountResult.class;
        }

        @Override
        public long id(final Account event) {
            return event.id();
        }

        @Override
        public boolean linked(final Account event) {
            return event.hasFlag(AccountFlags.LINKED);
        }

        @Override
        public boolean imported(final Account event) {
            return event.hasFlag(AccountFlags.IMPORTED);
        }

        @Override
        public long timestamp(final Account event) {
            return event.timestamp();
        }

        @Override
        public boolean stored(final Account event) {
            return accounts.containsKey(event.id());
        }

        @Override
        public Outcome<CreateAccountResult> apply(final Account event, final long tick) {
            return createAccount(event, tick);
        }

        @Override
        public int code(final CreateAccountResult result) {
            return result.code();
        }

        @Override
        public void failed(final Account event, final CreateAccountResult result) {
            // Account results never depend on state that may change: nothing to remember.
        }
    }

    private final class TransferKind implements Kind<Transfer, CreateTransferResult> {
        @Override
        public Class<CreateTransferResult> results() {
            return CreateTransferResult.class;
        }

        @Override
        public long id(final Transfer event) {
            return event.id();
        }

        @Override
        public boolean linked(final Transfer event) {
            return event.hasFlag(TransferFlags.LINKED);
        }

        @Override
        public boolean imported(final Transfer event) {
            return event.hasFlag(TransferFlags.IMPORTED);
        }

        @Override
        public long timestamp(final Transfer event) {
            return event.timestamp();
        }

        @Override
        public boolean stored(final Transfer event) {
            return transfers.containsKey(event.id());
        }

        @Override
        public Outcome<CreateTransferResult> apply(final Transfer event, final long tick) {
            return createTransfer(event, tick);
        }

        @Override
        public int code(final CreateTransferResult result) {
            return result.code();
        }

        @Override
        public void failed(final Transfer event, final CreateTransferResult result) {
            if (TRANSIENT.contains(result)) {
                failedTransferIds.add(event.id());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create_accounts.

    private Outcome<CreateAccountResult> createAccount(final Account a, final long tick) {
        final CreateAccountResult refused = checkAccount(a);
        if (refused != null) {
            final Acct e = accounts.get(a.id());
            final long timestamp = refused == CreateAccountResult.EXISTS ? e.timestamp : 0;
            return new Outcome<>(refused, timestamp);
        }
        final long timestamp = a.hasFlag(AccountFlags.IMPORTED) ? a.timestamp() : tick;
        final Acct created = new Acct(a, timestamp);
        insert(created);
        return new Outcome<>(CreateAccountResult.CREATED, timestamp);
    }

    private CreateAccountResult checkAccount(final Account a) {
        if ((a.flags() & ~AccountFlags.ALL) != 0) {
            return CreateAccountResult.RESERVED_FLAG;
        }
        if (a.id() == 0) {
            return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(a.id())) {
            return CreateAccountResult.ID_MUST_NOT_BE_INT_MAX;
        }
        final Acct e = accounts.get(a.id());
        if (e != null) {
            return accountExists(a, e);
        }
        if (accounts.size() >= accountsCapacity) {
            return CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED;
        }
        if (a.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
            && a.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (a.debitsPending() != 0) {
            return CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
        }
        if (a.debitsPosted() != 0) {
            return CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
        }
        if (a.creditsPending() != 0) {
            return CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
        }
        if (a.creditsPosted() != 0) {
            return CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
        }
        if (a.ledger() == 0) {
            return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (a.code() == 0) {
            return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        }
        if (a.hasFlag(AccountFlags.IMPORTED)) {
            if (a.timestamp() <= greatestAccountTimestamp() || transfersByTimestamp.containsKey(a.timestamp())) {
                return CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
            }
        }
        return null;
    }

    private static CreateAccountResult accountExists(final Account a, final Acct e) {
        if (a.flags() != e.flags) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (a.userData128Hi() != e.userData128Hi || a.userData128Lo() != e.userData128Lo) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (a.userData64() != e.userData64) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        if (a.userData32() != e.userData32) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (a.ledger() != e.ledger) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (a.code() != e.code) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateAccountResult.EXISTS;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create_transfers.

    private Outcome<CreateTransferResult> createTransfer(final Transfer t, final long tick) {
        if ((t.flags() & ~TransferFlags.ALL) != 0) {
            return refuse(CreateTransferResult.RESERVED_FLAG);
        }
        if (t.id() == 0) {
            return refuse(CreateTransferResult.ID_MUST_NOT_BE_ZERO);
        }
        if (isIntMax(t.id())) {
            return refuse(CreateTransferResult.ID_MUST_NOT_BE_INT_MAX);
        }
        final Xfer e = transfers.get(t.id());
        if (e != null) {
            final CreateTransferResult r = transferExists(t, e);
            return new Outcome<>(r, r == CreateTransferResult.EXISTS ? e.timestamp : 0);
        }
        if (failedTransferIds.contains(t.id())) {
            return refuse(CreateTransferResult.ID_ALREADY_FAILED);
        }
        if (transfers.size() >= transfersCapacity || failedTransferIds.size() >= failedTransferIdsCapacity) {
            return refuse(CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED);
        }
        final long timestamp = t.hasFlag(TransferFlags.IMPORTED) ? t.timestamp() : tick;
        if (t.hasFlag(TransferFlags.POST_PENDING_TRANSFER) || t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
            return postOrVoid(t, timestamp);
        }
        return singlePhase(t, tick, timestamp);
    }

    private static Outcome<CreateTransferResult> refuse(final CreateTransferResult result) {
        return new Outcome<>(result, 0);
    }

    private Outcome<CreateTransferResult> singlePhase(final Transfer t, final long tick, final long timestamp) {
        CreateTransferResult r = checkTransferFields(t);
        if (r != null) {
            return refuse(r);
        }
        final Acct dr = accounts.get(t.debitAccountId());
        if (dr == null) {
            return refuse(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND);
        }
        final Acct cr = accounts.get(t.creditAccountId());
        if (cr == null) {
            return refuse(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND);
        }
        if (dr.ledger != cr.ledger) {
            return refuse(CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER);
        }
        if (t.ledger() != dr.ledger) {
            return refuse(CreateTransferResult.TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS);
        }
        Xfer o = null;
        if (t.reversesId() != 0) {
            o = transfers.get(t.reversesId());
            r = checkReversed(t, o);
            if (r != null) {
                return refuse(r);
            }
        }
        if (t.hasFlag(TransferFlags.IMPORTED)) {
            r = checkImportedTransfer(t, dr, cr);
            if (r != null) {
                return refuse(r);
            }
        }
        if (dr.has(AccountFlags.CLOSED)) {
            return refuse(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED);
        }
        if (cr.has(AccountFlags.CLOSED)) {
            return refuse(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED);
        }
        final long amount = amount(t, dr, cr, o);
        r = checkBalances(t, tick, dr, cr, o, amount);
        if (r != null) {
            return refuse(r);
        }
        applySinglePhase(t, timestamp, dr, cr, o, amount);
        return new Outcome<>(CreateTransferResult.CREATED, timestamp);
    }

    /** Steps 6 to 9: the transfer's own fields. */
    private static CreateTransferResult checkTransferFields(final Transfer t) {
        if (t.debitAccountId() == 0) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(t.debitAccountId())) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (t.creditAccountId() == 0) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(t.creditAccountId())) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (t.debitAccountId() == t.creditAccountId()) {
            return CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (t.pendingId() != 0) {
            return CreateTransferResult.PENDING_ID_MUST_BE_ZERO;
        }
        if (!t.hasFlag(TransferFlags.PENDING)) {
            if (t.timeout() != 0) {
                return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
            }
            if (t.hasFlag(TransferFlags.CLOSING_DEBIT) || t.hasFlag(TransferFlags.CLOSING_CREDIT)) {
                return CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING;
            }
        }
        if (t.reversesId() != 0) {
            if (isIntMax(t.reversesId())) {
                return CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX;
            }
            if (t.reversesId() == t.id()) {
                return CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT;
            }
        }
        if (t.amount() < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (t.ledger() == 0) {
            return CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (t.code() == 0) {
            return CreateTransferResult.CODE_MUST_NOT_BE_ZERO;
        }
        return null;
    }

    /** Step 11: the transfer being reversed. */
    private static CreateTransferResult checkReversed(final Transfer t, final Xfer o) {
        if (o == null) {
            return CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND;
        }
        if (o.has(TransferFlags.PENDING) || o.has(TransferFlags.VOID_PENDING_TRANSFER)) {
            return CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED;
        }
        if (t.debitAccountId() != o.creditAccountId || t.creditAccountId() != o.debitAccountId) {
            return CreateTransferResult.REVERSAL_MUST_SWAP_ACCOUNTS;
        }
        return null;
    }

    /** Step 12: an imported transfer's timestamp. */
    private CreateTransferResult checkImportedTransfer(final Transfer t, final Acct dr, final Acct cr) {
        if (importedTransferRegresses(t)) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
        }
        if (t.timestamp() <= dr.timestamp) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT;
        }
        if (t.timestamp() <= cr.timestamp) {
            return CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT;
        }
        if (t.timeout() != 0) {
            return CreateTransferResult.IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO;
        }
        return null;
    }

    private boolean importedTransferRegresses(final Transfer t) {
        return t.timestamp() <= greatestTransferTimestamp()
            || t.timestamp() <= latestExpiry
            || accountsByTimestamp.containsKey(t.timestamp());
    }

    /** Step 14: what a single-phase or pending transfer actually moves. */
    private static long amount(final Transfer t, final Acct dr, final Acct cr, final Xfer o) {
        long a = t.amount();
        if (t.hasFlag(TransferFlags.BALANCING_DEBIT)) {
            final long room = dr.creditsPosted - (dr.debitsPosted + dr.debitsPending);
            a = Math.min(a, Math.max(0, room));
        }
        if (t.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            final long room = cr.debitsPosted - (cr.creditsPosted + cr.creditsPending);
            a = Math.min(a, Math.max(0, room));
        }
        final boolean balancing = t.hasFlag(TransferFlags.BALANCING_DEBIT) || t.hasFlag(TransferFlags.BALANCING_CREDIT);
        if (o != null && balancing) {
            a = Math.min(a, o.amount - o.reversedAmount);
        }
        return a;
    }

    /** Steps 15 to 18: overflows, limits, the reversible amount and history room. */
    private CreateTransferResult checkBalances(final Transfer t, final long tick, final Acct dr, final Acct cr,
                                               final Xfer o, final long a) {
        if (t.hasFlag(TransferFlags.PENDING)) {
            if (overflows(dr.debitsPending, a)) {
                return CreateTransferResult.OVERFLOWS_DEBITS_PENDING;
            }
            if (overflows(cr.creditsPending, a)) {
                return CreateTransferResult.OVERFLOWS_CREDITS_PENDING;
            }
        }
        if (overflows(dr.debitsPosted, a)) {
            return CreateTransferResult.OVERFLOWS_DEBITS_POSTED;
        }
        if (overflows(cr.creditsPosted, a)) {
            return CreateTransferResult.OVERFLOWS_CREDITS_POSTED;
        }
        if (overflows(dr.debitsPending, dr.debitsPosted, a)) {
            return CreateTransferResult.OVERFLOWS_DEBITS;
        }
        if (overflows(cr.creditsPending, cr.creditsPosted, a)) {
            return CreateTransferResult.OVERFLOWS_CREDITS;
        }
        if (sum(tick).add(BigInteger.valueOf(timeoutSeconds(t.timeout())).multiply(BigInteger.valueOf(NS_PER_S)))
            .compareTo(LONG_MAX) > 0) {
            return CreateTransferResult.OVERFLOWS_TIMEOUT;
        }
        if (dr.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
            && sum(dr.debitsPending, dr.debitsPosted, a).compareTo(sum(dr.creditsPosted)) > 0) {
            return CreateTransferResult.EXCEEDS_CREDITS;
        }
        if (cr.has(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
            && sum(cr.creditsPending, cr.creditsPosted, a).compareTo(sum(cr.debitsPosted)) > 0) {
            return CreateTransferResult.EXCEEDS_DEBITS;
        }
        if (o != null && sum(o.reversedAmount, a).compareTo(sum(o.amount)) > 0) {
            return CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT;
        }
        if (historyRows + historyRowsNeeded(t.flags(), dr, cr) > historyCapacity) {
            return CreateTransferResult.HISTORY_CAPACITY_EXCEEDED;
        }
        return null;
    }

    private static long historyRowsNeeded(final int flags, final Acct dr, final Acct cr) {
        final long rows = (dr.has(AccountFlags.HISTORY) ? 1 : 0) + (cr.has(AccountFlags.HISTORY) ? 1 : 0);
        return (flags & TransferFlags.PENDING) != 0 ? 2 * rows : rows;
    }

    private void applySinglePhase(final Transfer t, final long timestamp, final Acct dr, final Acct cr, final Xfer o,
                                  final long amount) {
        final boolean pending = t.hasFlag(TransferFlags.PENDING);
        final Xfer x = new Xfer(t, amount, timestamp, pending ? Status.PENDING : Status.SINGLE_PHASE);
        insert(x);
        save(dr);
        save(cr);
        if (pending) {
            dr.debitsPending += amount;
            cr.creditsPending += amount;
        } else {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
        }
        if (t.hasFlag(TransferFlags.CLOSING_DEBIT)) {
            dr.flags |= AccountFlags.CLOSED;
        }
        if (t.hasFlag(TransferFlags.CLOSING_CREDIT)) {
            cr.flags |= AccountFlags.CLOSED;
        }
        if (o != null) {
            save(o);
            o.reversedAmount += amount;
        }
        reserveHistoryRows(historyRowsNeeded(t.flags(), dr, cr));
        writeRows(timestamp, dr, cr, x);
        if (pending && t.timeout() != 0) {
            timeouts.add(x);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Post / void.

    private Outcome<CreateTransferResult> postOrVoid(final Transfer t, final long timestamp) {
        CreateTransferResult r = checkPostOrVoidFields(t);
        if (r != null) {
            return refuse(r);
        }
        final Xfer p = transfers.get(t.pendingId());
        r = checkPending(t, timestamp, p);
        if (r != null) {
            return refuse(r);
        }
        if (t.hasFlag(TransferFlags.IMPORTED) && importedTransferRegresses(t)) {
            return refuse(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS);
        }
        final boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER);
        final Acct dr = accounts.get(p.debitAccountId);
        final Acct cr = accounts.get(p.creditAccountId);
        if (!voiding && dr.has(AccountFlags.CLOSED)) {
            return refuse(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED);
        }
        if (!voiding && cr.has(AccountFlags.CLOSED)) {
            return refuse(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED);
        }
        applyPostOrVoid(t, timestamp, p, dr, cr, resolvedAmount(t, p));
        return new Outcome<>(CreateTransferResult.CREATED, timestamp);
    }

    /** Post/void steps 1 and 2. */
    private static CreateTransferResult checkPostOrVoidFields(final Transfer t) {
        final boolean post = t.hasFlag(TransferFlags.POST_PENDING_TRANSFER);
        final boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER);
        final int others = TransferFlags.PENDING | TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT
            | TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT;
        if (post && voiding || (t.flags() & others) != 0) {
            return CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (t.pendingId() == 0) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (isIntMax(t.pendingId())) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX;
        }
        if (t.pendingId() == t.id()) {
            return CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (t.timeout() != 0) {
            return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (t.reversesId() != 0) {
            return CreateTransferResult.REVERSES_ID_MUST_BE_ZERO;
        }
        if (t.amount() < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        return null;
    }

    /**
     * Post/void steps 3 to 6: the pending transfer. Expiry is judged at the event's timestamp: its tick, or its own
     * timestamp when imported (as in TigerBeetle).
     */
    private static CreateTransferResult checkPending(final Transfer t, final long timestamp, final Xfer p) {
        if (p == null) {
            return CreateTransferResult.PENDING_TRANSFER_NOT_FOUND;
        }
        if (!p.has(TransferFlags.PENDING)) {
            return CreateTransferResult.PENDING_TRANSFER_NOT_PENDING;
        }
        if (t.debitAccountId() != 0 && t.debitAccountId() != p.debitAccountId) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (t.creditAccountId() != 0 && t.creditAccountId() != p.creditAccountId) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (t.ledger() != 0 && t.ledger() != p.ledger) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
        }
        if (t.code() != 0 && t.code() != p.code) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CODE;
        }
        final long a = resolvedAmount(t, p);
        if (a > p.amount) {
            return CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER) && a < p.amount) {
            return CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        if (p.status == Status.POSTED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED;
        }
        if (p.status == Status.VOIDED) {
            return CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        if (p.status == Status.EXPIRED || p.timeout != 0 && p.expiresAt() <= timestamp) {
            return CreateTransferResult.PENDING_TRANSFER_EXPIRED;
        }
        return null;
    }

    private static long resolvedAmount(final Transfer t, final Xfer p) {
        if (t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
            return t.amount() == 0 ? p.amount : t.amount();
        }
        return t.amount() == Transfer.AMOUNT_MAX ? p.amount : t.amount();
    }

    private void applyPostOrVoid(final Transfer t, final long timestamp, final Xfer p, final Acct dr, final Acct cr,
                                 final long amount) {
        final boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER);
        final boolean inheritUserData128 = t.userData128Hi() == 0 && t.userData128Lo() == 0;
        final Transfer stored = t.toBuilder()
            .debitAccountId(p.debitAccountId)
            .creditAccountId(p.creditAccountId)
            .userData128(inheritUserData128 ? p.userData128Hi : t.userData128Hi(),
                inheritUserData128 ? p.userData128Lo : t.userData128Lo())
            .userData64(t.userData64() != 0 ? t.userData64() : p.userData64)
            .userData32(t.userData32() != 0 ? t.userData32() : p.userData32)
            .ledger(p.ledger)
            .code(p.code)
            .timeout(0)
            .build();
        final Xfer x = new Xfer(stored, amount, timestamp, Status.SINGLE_PHASE);
        insert(x);
        save(dr);
        save(cr);
        save(p);
        dr.debitsPending -= p.amount;
        cr.creditsPending -= p.amount;
        if (voiding) {
            reopenClosed(p, dr, cr);
            p.status = Status.VOIDED;
        } else {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
            p.status = Status.POSTED;
        }
        if (p.reversesId != 0) {
            final Xfer o = transfers.get(p.reversesId);
            save(o);
            o.reversedAmount -= voiding ? p.amount : p.amount - amount;
        }
        writeRows(timestamp, dr, cr, x);
    }

    private static void reopenClosed(final Xfer p, final Acct dr, final Acct cr) {
        if (p.has(TransferFlags.CLOSING_DEBIT)) {
            dr.flags &= ~AccountFlags.CLOSED;
        }
        if (p.has(TransferFlags.CLOSING_CREDIT)) {
            cr.flags &= ~AccountFlags.CLOSED;
        }
    }

    private void expire(final Xfer p, final long tick) {
        final Acct dr = accounts.get(p.debitAccountId);
        final Acct cr = accounts.get(p.creditAccountId);
        dr.debitsPending -= p.amount;
        cr.creditsPending -= p.amount;
        reopenClosed(p, dr, cr);
        p.status = Status.EXPIRED;
        if (p.reversesId != 0) {
            transfers.get(p.reversesId).reversedAmount -= p.amount;
        }
        writeRows(tick, dr, cr, p);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparison with an existing transfer.

    private CreateTransferResult transferExists(final Transfer t, final Xfer e) {
        if (t.flags() != e.flags) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (t.pendingId() != e.pendingId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (t.reversesId() != e.reversesId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_REVERSES_ID;
        }
        if (t.timeout() != e.timeout) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        if (t.hasFlag(TransferFlags.POST_PENDING_TRANSFER) || t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
            return postOrVoidExists(t, e, transfers.get(t.pendingId()));
        }
        if (t.debitAccountId() != e.debitAccountId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (t.creditAccountId() != e.creditAccountId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (t.hasFlag(TransferFlags.BALANCING_DEBIT) || t.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            if (t.amount() < e.amount) {
                return CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
            }
        } else if (t.amount() != e.amount) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if (t.userData128Hi() != e.userData128Hi || t.userData128Lo() != e.userData128Lo) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (t.userData64() != e.userData64) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        if (t.userData32() != e.userData32) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (t.ledger() != e.ledger) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (t.code() != e.code) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateTransferResult.EXISTS;
    }

    private static CreateTransferResult postOrVoidExists(final Transfer t, final Xfer e, final Xfer p) {
        if (t.debitAccountId() != 0 && t.debitAccountId() != e.debitAccountId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (t.creditAccountId() != 0 && t.creditAccountId() != e.creditAccountId) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        final boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER);
        final boolean meansFull = voiding ? t.amount() == 0 : t.amount() == Transfer.AMOUNT_MAX;
        if (meansFull ? e.amount != p.amount : t.amount() != e.amount) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        final boolean zero128 = t.userData128Hi() == 0 && t.userData128Lo() == 0;
        final boolean same128 = zero128
            ? e.userData128Hi == p.userData128Hi && e.userData128Lo == p.userData128Lo
            : t.userData128Hi() == e.userData128Hi && t.userData128Lo() == e.userData128Lo;
        if (!same128) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (t.userData64() == 0 ? e.userData64 != p.userData64 : t.userData64() != e.userData64) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        if (t.userData32() == 0 ? e.userData32 != p.userData32 : t.userData32() != e.userData32) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (t.ledger() != 0 && t.ledger() != e.ledger) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (t.code() != 0 && t.code() != e.code) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateTransferResult.EXISTS;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State changes, each recorded in the undo log so that a failed chain can be rolled back.

    private void insert(final Acct a) {
        if (accountsByTimestamp.containsKey(a.timestamp)) {
            throw new IllegalStateException("model bug: two accounts with timestamp " + a.timestamp);
        }
        accounts.put(a.id, a);
        accountsByTimestamp.put(a.timestamp, a);
        undo.push(() -> {
            accounts.remove(a.id);
            accountsByTimestamp.remove(a.timestamp);
        });
    }

    private void insert(final Xfer x) {
        if (transfersByTimestamp.containsKey(x.timestamp)) {
            throw new IllegalStateException("model bug: two transfers with timestamp " + x.timestamp);
        }
        transfers.put(x.id, x);
        transfersByTimestamp.put(x.timestamp, x);
        undo.push(() -> {
            transfers.remove(x.id);
            transfersByTimestamp.remove(x.timestamp);
        });
    }

    private void save(final Acct a) {
        final long debitsPending = a.debitsPending;
        final long debitsPosted = a.debitsPosted;
        final long creditsPending = a.creditsPending;
        final long creditsPosted = a.creditsPosted;
        final int flags = a.flags;
        undo.push(() -> {
            a.debitsPending = debitsPending;
            a.debitsPosted = debitsPosted;
            a.creditsPending = creditsPending;
            a.creditsPosted = creditsPosted;
            a.flags = flags;
        });
    }

    private void save(final Xfer x) {
        final Status status = x.status;
        final long reversedAmount = x.reversedAmount;
        undo.push(() -> {
            x.status = status;
            x.reversedAmount = reversedAmount;
        });
    }

    private void reserveHistoryRows(final long rows) {
        final long before = historyRows;
        historyRows += rows;
        undo.push(() -> historyRows = before);
    }

    private void writeRows(final long timestamp, final Acct dr, final Acct cr, final Xfer x) {
        writeRow(timestamp, dr, true, x);
        writeRow(timestamp, cr, false, x);
    }

    private void writeRow(final long timestamp, final Acct a, final boolean debitSide, final Xfer x) {
        if (!a.has(AccountFlags.HISTORY)) {
            return;
        }
        final List<Row> rows = history.computeIfAbsent(a.id, id -> new ArrayList<>());
        rows.add(new Row(new AccountBalance(timestamp, a.debitsPending, a.debitsPosted, a.creditsPending,
            a.creditsPosted), debitSide, x));
        undo.push(() -> rows.remove(rows.size() - 1));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reads.

    /** Found accounts in request order; missing ids are skipped. */
    public List<Account> lookupAccounts(final long... ids) {
        final List<Account> found = new ArrayList<>();
        for (final long id : ids) {
            final Acct a = accounts.get(id);
            if (a != null) {
                found.add(a.toAccount());
            }
        }
        return found;
    }

    /** Found transfers in request order, with how much of each has been reversed; missing ids are skipped. */
    public List<Transfer> lookupTransfers(final long... ids) {
        final List<Transfer> found = new ArrayList<>();
        for (final long id : ids) {
            final Xfer x = transfers.get(id);
            if (x != null) {
                found.add(x.toTransfer());
            }
        }
        return found;
    }

    /** The account's transfers matching the filter, or nothing for an invalid filter. */
    public List<Transfer> getAccountTransfers(final AccountFilter f) {
        if (!validAccountFilter(f)) {
            return List.of();
        }
        final List<Xfer> matching = new ArrayList<>();
        for (final Xfer x : transfersByTimestamp.values()) {
            final boolean side = (f.flags() & AccountFilter.DEBITS) != 0 && x.debitAccountId == f.accountId()
                || (f.flags() & AccountFilter.CREDITS) != 0 && x.creditAccountId == f.accountId();
            if (side && matchesAccountFilter(f, x, x.timestamp)) {
                matching.add(x);
            }
        }
        final List<Transfer> out = new ArrayList<>();
        for (final Xfer x : page(matching, (f.flags() & AccountFilter.REVERSED) != 0, f.limit())) {
            out.add(x.toTransfer());
        }
        return out;
    }

    /** The history rows of an account with the {@code history} flag matching the filter. */
    public List<AccountBalance> getAccountBalances(final AccountFilter f) {
        if (!validAccountFilter(f)) {
            return List.of();
        }
        final Acct a = accounts.get(f.accountId());
        if (a == null || !a.has(AccountFlags.HISTORY)) {
            return List.of();
        }
        final List<Row> rows = new ArrayList<>(history.getOrDefault(a.id, List.of()));
        rows.sort(Comparator.comparingLong(r -> r.balance().timestamp()));
        final List<AccountBalance> matching = new ArrayList<>();
        for (final Row r : rows) {
            final boolean side = (f.flags() & AccountFilter.DEBITS) != 0 && r.debitSide()
                || (f.flags() & AccountFilter.CREDITS) != 0 && !r.debitSide();
            if (side && matchesAccountFilter(f, r.transfer(), r.balance().timestamp())) {
                matching.add(r.balance());
            }
        }
        return page(matching, (f.flags() & AccountFilter.REVERSED) != 0, f.limit());
    }

    /** Accounts matching the filter, by timestamp. */
    public List<Account> queryAccounts(final QueryFilter f) {
        if (!validQueryFilter(f)) {
            return List.of();
        }
        final List<Account> matching = new ArrayList<>();
        for (final Acct a : accountsByTimestamp.values()) {
            if (matchesQuery(f, a.userData128Hi, a.userData128Lo, a.userData64, a.userData32, a.ledger, a.code,
                a.timestamp)) {
                matching.add(a.toAccount());
            }
        }
        return page(matching, (f.flags() & QueryFilter.REVERSED) != 0, f.limit());
    }

    /** Transfers matching the filter, by timestamp. */
    public List<Transfer> queryTransfers(final QueryFilter f) {
        if (!validQueryFilter(f)) {
            return List.of();
        }
        final List<Transfer> matching = new ArrayList<>();
        for (final Xfer x : transfersByTimestamp.values()) {
            if (matchesQuery(f, x.userData128Hi, x.userData128Lo, x.userData64, x.userData32, x.ledger, x.code,
                x.timestamp)) {
                matching.add(x.toTransfer());
            }
        }
        return page(matching, (f.flags() & QueryFilter.REVERSED) != 0, f.limit());
    }

    /** Per account code, ascending: how many accounts of the ledger have it and the sums of their balances. */
    public List<CodeTotals> ledgerTotals(final int ledger) {
        final TreeMap<Integer, List<Acct>> byCode = new TreeMap<>();
        for (final Acct a : accountsByTimestamp.values()) {
            if (a.ledger == ledger) {
                byCode.computeIfAbsent(a.code, c -> new ArrayList<>()).add(a);
            }
        }
        final List<CodeTotals> out = new ArrayList<>();
        for (final Map.Entry<Integer, List<Acct>> e : byCode.entrySet()) {
            BigInteger dp = BigInteger.ZERO;
            BigInteger dpo = BigInteger.ZERO;
            BigInteger cp = BigInteger.ZERO;
            BigInteger cpo = BigInteger.ZERO;
            for (final Acct a : e.getValue()) {
                dp = dp.add(BigInteger.valueOf(a.debitsPending));
                dpo = dpo.add(BigInteger.valueOf(a.debitsPosted));
                cp = cp.add(BigInteger.valueOf(a.creditsPending));
                cpo = cpo.add(BigInteger.valueOf(a.creditsPosted));
            }
            out.add(new CodeTotals(ledger, e.getKey(), e.getValue().size(), dp, dpo, cp, cpo));
        }
        return out;
    }

    private static boolean validAccountFilter(final AccountFilter f) {
        return f.accountId() != 0
            && !isIntMax(f.accountId())
            && f.limit() != 0
            && (f.flags() & ~AccountFilter.ALL) == 0
            && (f.flags() & (AccountFilter.DEBITS | AccountFilter.CREDITS)) != 0
            && validRange(f.timestampMin(), f.timestampMax());
    }

    private static boolean validQueryFilter(final QueryFilter f) {
        return f.limit() != 0
            && (f.flags() & ~QueryFilter.ALL) == 0
            && validRange(f.timestampMin(), f.timestampMax());
    }

    private static boolean validRange(final long min, final long max) {
        return min != Long.MAX_VALUE && max != Long.MAX_VALUE && !(max != 0 && min > max);
    }

    private static boolean inRange(final long timestamp, final long min, final long max) {
        return (min == 0 || timestamp >= min) && (max == 0 || timestamp <= max);
    }

    private static boolean matchesAccountFilter(final AccountFilter f, final Xfer x, final long timestamp) {
        return matchesUserData(f.userData128Hi(), f.userData128Lo(), f.userData64(), f.userData32(), x.userData128Hi,
            x.userData128Lo, x.userData64, x.userData32)
            && (f.code() == 0 || f.code() == x.code)
            && inRange(timestamp, f.timestampMin(), f.timestampMax());
    }

    private static boolean matchesQuery(final QueryFilter f, final long hi, final long lo, final long u64,
                                        final int u32, final int ledger, final int code, final long timestamp) {
        return matchesUserData(f.userData128Hi(), f.userData128Lo(), f.userData64(), f.userData32(), hi, lo, u64,
            u32)
            && (f.ledger() == 0 || f.ledger() == ledger)
            && (f.code() == 0 || f.code() == code)
            && inRange(timestamp, f.timestampMin(), f.timestampMax());
    }

    private static boolean matchesUserData(final long fHi, final long fLo, final long f64, final int f32,
                                           final long hi, final long lo, final long u64, final int u32) {
        final boolean any128 = fHi != 0 || fLo != 0;
        return (!any128 || fHi == hi && fLo == lo)
            && (f64 == 0 || f64 == u64)
            && (f32 == 0 || f32 == u32);
    }

    private static <T> List<T> page(final List<T> oldestFirst, final boolean reversed, final int limit) {
        final List<T> ordered = new ArrayList<>(oldestFirst);
        if (reversed) {
            Collections.reverse(ordered);
        }
        final int max = Math.min(Integer.toUnsignedLong(limit) > ROWS_MAX ? ROWS_MAX : limit, ordered.size());
        return new ArrayList<>(ordered.subList(0, max));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Introspection for the request generator and the tests.

    /** The clock: the last tick handed out. */
    public long lastTimestamp() {
        return last;
    }

    /** The greatest timestamp of any stored transfer, or 0. */
    public long greatestTransferTimestamp() {
        return transfersByTimestamp.isEmpty() ? 0 : transfersByTimestamp.lastKey();
    }

    /** The greatest timestamp of any stored account, or 0. */
    public long greatestAccountTimestamp() {
        return accountsByTimestamp.isEmpty() ? 0 : accountsByTimestamp.lastKey();
    }

    /** Every account id, in creation order. */
    public long[] accountIds() {
        return accountsByTimestamp.values().stream().mapToLong(a -> a.id).toArray();
    }

    /** Every transfer id, in creation order. */
    public long[] transferIds() {
        return transfersByTimestamp.values().stream().mapToLong(x -> x.id).toArray();
    }

    /** True while the pending transfer with this id can still be posted or voided (ignoring its timeout). */
    public boolean isPending(final long id) {
        final Xfer x = transfers.get(id);
        return x != null && x.status == Status.PENDING;
    }

    /** The account with this id as a lookup would return it. */
    public Optional<Account> account(final long id) {
        return Optional.ofNullable(accounts.get(id)).map(Acct::toAccount);
    }

    /** The transfer with this id as a lookup would return it. */
    public Optional<Transfer> transfer(final long id) {
        return Optional.ofNullable(transfers.get(id)).map(Xfer::toTransfer);
    }

    /** Ledgers that have at least one account, ascending. */
    public int[] ledgers() {
        return accounts.values().stream().mapToInt(a -> a.ledger).distinct().sorted().toArray();
    }

    /** How many transfers are stored. */
    public int transfersCount() {
        return transfers.size();
    }


    // ---------------------------------------------------------------------------------------------------------------
    // Plain state objects.

    private static boolean isIntMax(final long id) {
        return id == Long.MAX_VALUE || id < 0;
    }

    private static long timeoutSeconds(final int timeout) {
        return Integer.toUnsignedLong(timeout);
    }

    private static BigInteger sum(final long... terms) {
        BigInteger total = BigInteger.ZERO;
        for (final long term : terms) {
            total = total.add(BigInteger.valueOf(term));
        }
        return total;
    }

    private static boolean overflows(final long... terms) {
        return sum(terms).compareTo(LONG_MAX) > 0;
    }

    private enum Status {
        SINGLE_PHASE, PENDING, POSTED, VOIDED, EXPIRED
    }

    private record Row(AccountBalance balance, boolean debitSide, Xfer transfer) {
    }

    private static final class Acct {
        private final long id;
        private final long userData128Hi;
        private final long userData128Lo;
        private final long userData64;
        private final int userData32;
        private final int ledger;
        private final int code;
        private final long timestamp;
        private int flags;
        private long debitsPending;
        private long debitsPosted;
        private long creditsPending;
        private long creditsPosted;

        Acct(final Account a, final long timestamp) {
            this.id = a.id();
            this.userData128Hi = a.userData128Hi();
            this.userData128Lo = a.userData128Lo();
            this.userData64 = a.userData64();
            this.userData32 = a.userData32();
            this.ledger = a.ledger();
            this.code = a.code();
            this.flags = a.flags();
            this.timestamp = timestamp;
        }

        boolean has(final int flag) {
            return (flags & flag) != 0;
        }

        Account toAccount() {
            return new Account(id, debitsPending, debitsPosted, creditsPending, creditsPosted, userData128Hi,
                userData128Lo, userData64, userData32, ledger, code, flags, timestamp);
        }
    }

    private static final class Xfer {
        private final long id;
        private final long debitAccountId;
        private final long creditAccountId;
        private final long amount;
        private final long pendingId;
        private final long reversesId;
        private final long userData128Hi;
        private final long userData128Lo;
        private final long userData64;
        private final int userData32;
        private final int timeout;
        private final int ledger;
        private final int code;
        private final int flags;
        private final long timestamp;
        private Status status;
        private long reversedAmount;

        Xfer(final Transfer t, final long amount, final long timestamp, final Status status) {
            this.id = t.id();
            this.debitAccountId = t.debitAccountId();
            this.creditAccountId = t.creditAccountId();
            this.amount = amount;
            this.pendingId = t.pendingId();
            this.reversesId = t.reversesId();
            this.userData128Hi = t.userData128Hi();
            this.userData128Lo = t.userData128Lo();
            this.userData64 = t.userData64();
            this.userData32 = t.userData32();
            this.timeout = t.timeout();
            this.ledger = t.ledger();
            this.code = t.code();
            this.flags = t.flags();
            this.timestamp = timestamp;
            this.status = status;
        }

        boolean has(final int flag) {
            return (flags & flag) != 0;
        }

        long expiresAt() {
            return timestamp + timeoutSeconds(timeout) * NS_PER_S;
        }

        Transfer toTransfer() {
            return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, reversesId, userData128Hi,
                userData128Lo, userData64, userData32, timeout, ledger, code, flags, timestamp, reversedAmount);
        }
    }
}
