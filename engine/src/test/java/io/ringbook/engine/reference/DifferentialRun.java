package io.ringbook.engine.reference;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.EngineConfig;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Limits;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.reference.RandomRequests.Kind;
import io.ringbook.engine.reference.RandomRequests.Request;
import io.ringbook.engine.state.LedgerConfig;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One seeded run of the differential test: feeds the same request stream to the engine ({@link DirectLedger}) and to
 * the {@link ReferenceLedger}, compares every result, checks the engine's invariants after every request and compares
 * the whole state (records, queries, totals) every {@link #STATE_CHECK_EVERY} requests and at the end. The first
 * mismatch throws an {@link AssertionError} whose message names the seed, the request, the event, what the model
 * expected and what the engine answered.
 */
final class DifferentialRun {
    /** Requests between two full state comparisons. */
    static final int STATE_CHECK_EVERY = 100;
    /** Requests between two checks of the engine's ledger totals against the sums of its accounts. */
    private static final int TOTALS_CHECK_EVERY = 10;
    private static final int QUERIES_PER_CHECK = 6;
    private static final int LEDGER_MAX = 3;
    private static final int CHUNK = Limits.REQUEST_SIZE_MAX;

    private final long seed;
    private final int events;
    private final DirectLedger engine;
    private final ReferenceLedger model;
    private final RandomRequests requests;
    private final int queryScanMax;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int requestNumber;

    DifferentialRun(final long seed, final int events, final LedgerConfig config, final int poolSize) {
        this.seed = seed;
        this.events = events;
        this.engine = new DirectLedger(config);
        this.model = new ReferenceLedger(config);
        this.requests = new RandomRequests(seed, model, poolSize);
        this.queryScanMax = queryScanMax(seed);
        engine.ledger().queryScanMax(queryScanMax);
    }

    /**
     * The engine's scan budget for a seed: tiny, so that reads stop early and the engine's query calls follow
     * continuations (the model has no budget), except every fifth seed, which runs with the default.
     */
    static int queryScanMax(final long seed) {
        return Math.floorMod(seed, 5) == 4 ? EngineConfig.QUERY_SCAN_MAX_DEFAULT : 1 + Math.floorMod(seed * 7, 23);
    }

    /** Capacities for a seed: every fourth seed runs with small ones so that every capacity result shows up. */
    static LedgerConfig config(final long seed, final int events) {
        if (Math.floorMod(seed, 4) == 3) {
            return new LedgerConfig(60, 8_000, 3_000, 600);
        }
        return new LedgerConfig(10_000, Math.max(200_000, events), Math.max(100_000, events),
            Math.max(200_000, events));
    }

    /** Runs the whole stream; returns a one-line summary with how often each result occurred. */
    String run() {
        int done = 0;
        while (done < events) {
            final Request r = requests.next();
            requestNumber++;
            apply(r);
            checkInvariants(r);
            if (requestNumber % STATE_CHECK_EVERY == 0) {
                compareState();
            }
            done += r.size();
        }
        for (final Request r : List.of(requests.endOfTime(), requests.endOfTimePulse())) {
            requestNumber++;
            apply(r);
            checkInvariants(r);
        }
        compareState();
        return "seed=" + seed + " events=" + done + " requests=" + requestNumber + " transfers="
            + model.transfersCount() + " accounts=" + model.accountIds().length + " outcomes=" + outcomes;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Results.

    private void apply(final Request r) {
        switch (r.kind()) {
            case CREATE_ACCOUNTS:
                final List<CreateResult> accountResults = engine(r,
                    () -> engine.createAccounts(r.accounts(), r.arrivalNs()));
                checkTimestamps(r, accountResults);
                compareResults(r, model.createAccounts(r.accounts(), r.arrivalNs()), accountResults);
                break;
            case CREATE_TRANSFERS:
                final List<CreateResult> transferResults = engine(r,
                    () -> engine.createTransfers(r.transfers(), r.arrivalNs()));
                checkTimestamps(r, transferResults);
                compareResults(r, model.createTransfers(r.transfers(), r.arrivalNs()), transferResults);
                break;
            default:
                final int expected = model.pulse(r.arrivalNs());
                final int actual = engine(r, () -> engine.pulse(r.arrivalNs()));
                outcomes.merge("expired", expected, Integer::sum);
                if (expected != actual) {
                    throw mismatch(r, 0, "pulse expired count", expected, actual);
                }
                break;
        }
    }

    private <T> T engine(final Request r, final Supplier<T> call) {
        try {
            return call.get();
        } catch (final RuntimeException e) {
            throw new AssertionError(where(r) + " the engine threw " + e, e);
        }
    }

    private void compareResults(final Request r, final List<CreateResult> expected, final List<CreateResult> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            final CreateResult e = i < expected.size() ? expected.get(i) : null;
            final CreateResult a = i < actual.size() ? actual.get(i) : null;
            if (e != null) {
                outcomes.merge(name(r.kind(), e.status()), 1, Integer::sum);
                if (r.kind() == Kind.CREATE_TRANSFERS && e.status() == 0) {
                    outcomes.merge("created." + category(r.transfers().get(i)), 1, Integer::sum);
                }
            }
            if (!Objects.equals(e, a)) {
                throw mismatch(r, i, "result", describe(r.kind(), e), describe(r.kind(), a));
            }
        }
    }

    /**
     * Checks the engine's results against the engine's own state after the request, without the model: a result
     * carries a timestamp only if it names an object that is committed now, with exactly that timestamp. {@code
     * created} carries the committed object's timestamp; {@code exists} carries it if the object was committed before
     * the event (before the request, or by an earlier event of it), and otherwise (the object its failed chain created
     * was rolled back) it carries 0 and the event must be the one that failed a linked chain; every other status
     * carries 0.
     */
    private void checkTimestamps(final Request r, final List<CreateResult> results) {
        final boolean accounts = r.kind() == Kind.CREATE_ACCOUNTS;
        final long[] ids = new long[results.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = results.get(i).id();
        }
        final Map<Long, Long> committed = new HashMap<>();
        if (accounts) {
            lookupAll(ids, engine::lookupAccounts).forEach(a -> committed.put(a.id(), a.timestamp()));
        } else {
            lookupAll(ids, engine::lookupTransfers).forEach(t -> committed.put(t.id(), t.timestamp()));
        }
        final int exists = accounts ? CreateAccountResult.EXISTS.code() : CreateTransferResult.EXISTS.code();
        final Map<Long, Integer> createdAt = new HashMap<>();
        for (final CreateResult result : results) {
            if (result.status() == 0 && createdAt.putIfAbsent(result.id(), result.index()) != null) {
                throw timestampBroken(r, result, "a second created for the id", committed.get(result.id()));
            }
        }
        for (final CreateResult result : results) {
            final Long now = committed.get(result.id());
            final Integer created = createdAt.get(result.id());
            final boolean committedBefore = now != null && (created == null || created < result.index());
            final boolean right;
            if (result.status() == 0) {
                right = now != null && result.timestamp() == now;
            } else if (result.status() == exists && committedBefore) {
                right = result.timestamp() == now;
            } else if (result.status() == exists) {
                right = result.timestamp() == 0 && inChain(r, result.index());
            } else {
                right = result.timestamp() == 0;
            }
            if (!right) {
                throw timestampBroken(r, result, name(r.kind(), result.status()), now);
            }
        }
    }

    /** True if event {@code index} belongs to a linked chain: it is linked or follows a linked event. */
    private static boolean inChain(final Request r, final int index) {
        for (int i = Math.max(0, index - 1); i <= index; i++) {
            final boolean linked = r.kind() == Kind.CREATE_ACCOUNTS ? r.accounts().get(i).hasFlag(AccountFlags.LINKED)
                : r.transfers().get(i).hasFlag(TransferFlags.LINKED);
            if (linked) {
                return true;
            }
        }
        return false;
    }

    private AssertionError timestampBroken(final Request r, final CreateResult result, final String what,
                                           final Long committedTimestamp) {
        return new AssertionError(where(r) + " index=" + result.index() + " result timestamp broken (" + what + ")"
            + "\n  event:     " + r.event(result.index())
            + "\n  result:    " + result
            + "\n  committed: " + (committedTimestamp == null ? "no object with that id"
            : "timestamp " + committedTimestamp)
            + "\n  reproduce with -Dringbook.differential.seed=" + seed);
    }

    private static String name(final Kind kind, final int status) {
        if (kind == Kind.CREATE_ACCOUNTS) {
            final CreateAccountResult result = CreateAccountResult.ofCode(status);
            return "account." + (result == null ? String.valueOf(status) : result.wireName());
        }
        final CreateTransferResult result = CreateTransferResult.ofCode(status);
        return result == null ? String.valueOf(status) : result.wireName();
    }

    private static String category(final Transfer t) {
        if (t.hasFlag(TransferFlags.IMPORTED)) {
            return "imported";
        }
        if (t.hasFlag(TransferFlags.POST_PENDING_TRANSFER)) {
            return "post";
        }
        if (t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
            return "void";
        }
        if (t.reversesId() != 0) {
            return "reversal";
        }
        if (t.hasFlag(TransferFlags.CLOSING_DEBIT) || t.hasFlag(TransferFlags.CLOSING_CREDIT)) {
            return "closing";
        }
        if (t.hasFlag(TransferFlags.BALANCING_DEBIT) || t.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            return "balancing";
        }
        return t.hasFlag(TransferFlags.PENDING) ? "pending" : "single";
    }

    private static String describe(final Kind kind, final CreateResult r) {
        return r == null ? "(none)" : r + " " + name(kind, r.status());
    }

    private String where(final Request r) {
        return "seed=" + seed + " request=" + requestNumber + " (" + r.kind() + ", " + r.size() + " events, arrival "
            + r.arrivalNs() + ")";
    }

    private AssertionError mismatch(final Request r, final int index, final String what, final Object expected,
                                    final Object actual) {
        return new AssertionError(where(r) + " index=" + index + " " + what + " differs"
            + "\n  event:    " + r.event(index)
            + "\n  expected: " + expected
            + "\n  actual:   " + actual
            + "\n  reproduce with -Dringbook.differential.seed=" + seed);
    }

    private AssertionError stateMismatch(final String what, final Object expected, final Object actual) {
        return new AssertionError("seed=" + seed + " after request=" + requestNumber + " " + what + " differs"
            + "\n  expected: " + expected
            + "\n  actual:   " + actual
            + "\n  reproduce with -Dringbook.differential.seed=" + seed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Invariants of the engine's state.

    private void checkInvariants(final Request r) {
        final Map<Integer, BigInteger[]> sums = new TreeMap<>();
        for (final Account a : lookupAll(requests.accountIdsSeen(), engine::lookupAccounts)) {
            if (a.debitsPending() < 0 || a.debitsPosted() < 0 || a.creditsPending() < 0 || a.creditsPosted() < 0) {
                throw invariant(r, "negative balance: " + a);
            }
            final BigInteger debits = BigInteger.valueOf(a.debitsPending()).add(BigInteger.valueOf(a.debitsPosted()));
            final BigInteger credits = BigInteger.valueOf(a.creditsPending())
                .add(BigInteger.valueOf(a.creditsPosted()));
            if (a.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && debits.compareTo(BigInteger.valueOf(a.creditsPosted())) > 0) {
                throw invariant(r, "debits exceed credits: " + a);
            }
            if (a.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && credits.compareTo(BigInteger.valueOf(a.debitsPosted())) > 0) {
                throw invariant(r, "credits exceed debits: " + a);
            }
            final BigInteger[] s = sums.computeIfAbsent(a.ledger(),
                l -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            s[0] = s[0].add(BigInteger.valueOf(a.debitsPending()));
            s[1] = s[1].add(BigInteger.valueOf(a.debitsPosted()));
            s[2] = s[2].add(BigInteger.valueOf(a.creditsPending()));
            s[3] = s[3].add(BigInteger.valueOf(a.creditsPosted()));
        }
        for (final Map.Entry<Integer, BigInteger[]> e : sums.entrySet()) {
            final BigInteger[] s = e.getValue();
            if (!s[0].equals(s[2]) || !s[1].equals(s[3])) {
                throw invariant(r, "ledger " + e.getKey() + " does not balance: " + Arrays.toString(s));
            }
            if (requestNumber % TOTALS_CHECK_EVERY == 0) {
                checkTotals(r, e.getKey(), s);
            }
        }
        checkReversedAmounts(r);
    }

    private void checkTotals(final Request r, final int ledger, final BigInteger[] sums) {
        BigInteger debitsPending = BigInteger.ZERO;
        BigInteger debitsPosted = BigInteger.ZERO;
        BigInteger creditsPending = BigInteger.ZERO;
        BigInteger creditsPosted = BigInteger.ZERO;
        for (final CodeTotals t : engine.ledgerTotals(ledger)) {
            debitsPending = debitsPending.add(t.debitsPending());
            debitsPosted = debitsPosted.add(t.debitsPosted());
            creditsPending = creditsPending.add(t.creditsPending());
            creditsPosted = creditsPosted.add(t.creditsPosted());
        }
        final BigInteger[] totals = {debitsPending, debitsPosted, creditsPending, creditsPosted};
        if (!Arrays.equals(totals, sums)) {
            throw invariant(r, "ledger " + ledger + " totals " + Arrays.toString(totals)
                + " differ from the sums of its accounts " + Arrays.toString(sums));
        }
    }

    private void checkReversedAmounts(final Request r) {
        final List<Long> ids = new ArrayList<>();
        for (final Transfer t : r.transfers()) {
            ids.add(t.id());
            ids.add(t.pendingId());
            ids.add(t.reversesId());
        }
        final long[] touched = ids.stream().mapToLong(Long::longValue).toArray();
        for (final Transfer t : lookupAll(touched, engine::lookupTransfers)) {
            if (t.reversedAmount() < 0 || t.reversedAmount() > t.amount()) {
                throw invariant(r, "reversed amount out of 0..amount: " + t);
            }
        }
    }

    private AssertionError invariant(final Request r, final String what) {
        return new AssertionError(where(r) + " engine invariant broken: " + what
            + "\n  reproduce with -Dringbook.differential.seed=" + seed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Whole-state comparison.

    private void compareState() {
        final long[] accountIds = requests.accountIdsSeen();
        compare("accounts", lookupAll(accountIds, model::lookupAccounts), lookupAll(accountIds,
            engine::lookupAccounts));
        final long[] transferIds = requests.transferIdsSeen();
        compare("transfers", lookupAll(transferIds, model::lookupTransfers),
            lookupAll(transferIds, engine::lookupTransfers));
        if (accountIds.length > 0 && transferIds.length > 0) {
            final long[] repeated = {accountIds[0], 0, accountIds[accountIds.length - 1], accountIds[0], -1};
            compare("accounts looked up twice", model.lookupAccounts(repeated), engine.lookupAccounts(repeated));
            final long[] again = {transferIds[transferIds.length - 1], transferIds[0], transferIds[0], Long.MAX_VALUE};
            compare("transfers looked up twice", model.lookupTransfers(again), engine.lookupTransfers(again));
        }
        for (int i = 0; i < QUERIES_PER_CHECK; i++) {
            final AccountFilter af = requests.accountFilter();
            compare("get_account_transfers " + af, model.getAccountTransfers(af), engine.getAccountTransfers(af));
            final AccountFilter bf = requests.accountFilter();
            compare("get_account_balances " + bf, model.getAccountBalances(bf), engine.getAccountBalances(bf));
            final QueryFilter qa = requests.queryFilter();
            compare("query_accounts " + qa, model.queryAccounts(qa), engine.queryAccounts(qa));
            final QueryFilter qt = requests.queryFilter();
            compare("query_transfers " + qt, model.queryTransfers(qt), engine.queryTransfers(qt));
        }
        for (int ledger = 0; ledger <= LEDGER_MAX; ledger++) {
            compare("ledger totals of " + ledger, model.ledgerTotals(ledger), engine.ledgerTotals(ledger));
        }
    }

    private <T> void compare(final String what, final List<T> expected, final List<T> actual) {
        if (engine.ledger().queryRowsExamined() > queryScanMax + 3) {
            throw new AssertionError(what + ": the last read examined " + engine.ledger().queryRowsExamined()
                + " rows, over the scan budget of " + queryScanMax + "\n  reproduce with -Dringbook.differential.seed="
                + seed);
        }
        if (expected.equals(actual)) {
            return;
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw stateMismatch(what + " (row " + i + " of " + expected.size() + " expected, " + actual.size()
                    + " actual)", expected.get(i), actual.get(i));
            }
        }
        throw stateMismatch(what + " (row counts)", expected.size() + " rows " + tail(expected, actual.size()),
            actual.size() + " rows " + tail(actual, expected.size()));
    }

    private static <T> String tail(final List<T> rows, final int from) {
        return from < rows.size() ? "first extra: " + rows.get(from) : "";
    }

    private static <T> List<T> lookupAll(final long[] ids, final Function<long[], List<T>> lookup) {
        final List<T> found = new ArrayList<>();
        for (int from = 0; from < ids.length; from += CHUNK) {
            found.addAll(lookup.apply(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK))));
        }
        return found;
    }
}
