package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.TransferFlags;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

import static io.ringbook.engine.state.Layout.A_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.A_CREDITS_PENDING;
import static io.ringbook.engine.state.Layout.A_CREDITS_POSTED;
import static io.ringbook.engine.state.Layout.A_DEBITS_PENDING;
import static io.ringbook.engine.state.Layout.A_DEBITS_POSTED;
import static io.ringbook.engine.state.Layout.A_ID;
import static io.ringbook.engine.state.Layout.A_TIMESTAMP;
import static io.ringbook.engine.state.Layout.STATUS_NONE;
import static io.ringbook.engine.state.Layout.STATUS_PENDING;
import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_AMOUNT;
import static io.ringbook.engine.state.Layout.T_ID;
import static io.ringbook.engine.state.Layout.T_LEDGER_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.T_REVERSED;
import static io.ringbook.engine.state.Layout.T_TIMESTAMP;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;

/**
 * Whole-state invariant check (docs/SEMANTICS.md, "Invariants"), plus structural ones: pending balances equal the
 * sum of the pending transfers still pending, timestamps strictly increase in row order, the indexes find every
 * record. Allocates freely: it is a verification tool, not a hot path.
 */
final class Invariants {
    private Invariants() {
    }

    static void check(final LedgerTables tables) {
        final Records accounts = tables.accounts;
        final Records transfers = tables.transfers;
        final long[] debitsPending = new long[accounts.count];
        final long[] creditsPending = new long[accounts.count];
        long previous = 0;
        for (int t = 0; t < transfers.count; t++) {
            final long timestamp = transfers.get(t, T_TIMESTAMP);
            require(timestamp > previous, "transfer timestamps not increasing at row", t);
            previous = timestamp;
            require(tables.transferIndex.get(transfers.get(t, T_ID)) == t, "transfer index misses row", t);
            final long amount = transfers.get(t, T_AMOUNT);
            final long reversed = transfers.get(t, T_REVERSED);
            require(amount >= 0 && reversed >= 0 && reversed <= amount, "reversed amount out of range, row", t);
            final boolean pendingFlag = (Layout.flagsOf(transfers.get(t, T_LEDGER_CODE_FLAGS))
                & TransferFlags.PENDING) != 0;
            final int status = tables.statusOf(t);
            require(pendingFlag == (status != STATUS_NONE), "pending status inconsistent, row", t);
            if (status == STATUS_PENDING) {
                final long pair = transfers.get(t, T_ACCOUNTS);
                debitsPending[high(pair)] += amount;
                creditsPending[low(pair)] += amount;
            }
        }
        checkAccounts(tables, debitsPending, creditsPending);
    }

    private static void checkAccounts(final LedgerTables tables, final long[] debitsPending,
                                      final long[] creditsPending) {
        final Records accounts = tables.accounts;
        final Map<Integer, BigInteger[]> sums = new TreeMap<>();
        long previous = 0;
        for (int a = 0; a < accounts.count; a++) {
            final long timestamp = accounts.get(a, A_TIMESTAMP);
            require(timestamp > previous, "account timestamps not increasing at row", a);
            previous = timestamp;
            require(tables.accountIndex.get(accounts.get(a, A_ID)) == a, "account index misses row", a);
            final long dp = accounts.get(a, A_DEBITS_PENDING);
            final long dpo = accounts.get(a, A_DEBITS_POSTED);
            final long cp = accounts.get(a, A_CREDITS_PENDING);
            final long cpo = accounts.get(a, A_CREDITS_POSTED);
            final long id = accounts.get(a, A_ID);
            require(dp >= 0 && dpo >= 0 && cp >= 0 && cpo >= 0, "negative balance on account", id);
            require(dp + dpo >= 0 && cp + cpo >= 0, "debits or credits overflow on account", id);
            require(dp == debitsPending[a] && cp == creditsPending[a],
                "pending balance != pending transfers on account", id);
            final long codeFlags = accounts.get(a, A_CODE_FLAGS);
            require((codeFlags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) == 0 || dp + dpo <= cpo,
                "debits exceed credits on account", id);
            require((codeFlags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) == 0 || cp + cpo <= dpo,
                "credits exceed debits on account", id);
            final BigInteger[] sum = sums.computeIfAbsent(tables.accountLedger(a),
                k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            sum[0] = sum[0].add(BigInteger.valueOf(dp));
            sum[1] = sum[1].add(BigInteger.valueOf(dpo));
            sum[2] = sum[2].add(BigInteger.valueOf(cp));
            sum[3] = sum[3].add(BigInteger.valueOf(cpo));
        }
        for (final Map.Entry<Integer, BigInteger[]> entry : sums.entrySet()) {
            final BigInteger[] sum = entry.getValue();
            require(sum[0].equals(sum[2]), "ledger " + Integer.toUnsignedString(entry.getKey())
                + ": debits_pending " + sum[0] + " != credits_pending " + sum[2]);
            require(sum[1].equals(sum[3]), "ledger " + Integer.toUnsignedString(entry.getKey())
                + ": debits_posted " + sum[1] + " != credits_posted " + sum[3]);
        }
    }

    private static void require(final boolean condition, final String violation, final long where) {
        if (!condition) {
            throw new IllegalStateException("ledger invariant violated: " + violation + " " + where);
        }
    }

    private static void require(final boolean condition, final String violation) {
        if (!condition) {
            throw new IllegalStateException("ledger invariant violated: " + violation);
        }
    }
}
