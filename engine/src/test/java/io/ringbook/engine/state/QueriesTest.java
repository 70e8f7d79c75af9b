package io.ringbook.engine.state;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.accountIds;
import static io.ringbook.engine.state.LedgerFixture.ids;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads: lookups, an account's transfers, queries by field, and per-code ledger totals. */
class QueriesTest {
    private static final long MAX = Long.MAX_VALUE;
    private static final int BOTH = AccountFilter.DEBITS | AccountFilter.CREDITS;
    private final LedgerFixture f = new LedgerFixture();

    private DirectLedger d() {
        return f.direct();
    }

    /** Accounts 1..3 (ts 1..3); transfers 1..5 at timestamps 4..8, account 1 on both sides. */
    private void fiveTransfers() {
        f.givenAccounts(1, 2, 3);
        f.given(transfer(1, 1, 2, 10).code(7), transfer(2, 2, 1, 20).userData64(64), transfer(3, 1, 3, 30)
            .userData32(32), transfer(4, 3, 2, 40), transfer(5, 3, 1, 50).userData128(12, 8));
    }

    private List<Long> accountTransfers(final AccountFilter filter) {
        return ids(d().getAccountTransfers(filter));
    }

    private static AccountFilter filter(final long account, final long hi, final long lo, final long u64,
                                        final int u32, final int code) {
        return new AccountFilter(account, hi, lo, u64, u32, code, 0, 0, 100, BOTH);
    }

    @Test
    void shouldLookUpAccountsInRequestOrderSkippingMissingOnes() {
        f.givenAccounts(1, 2, 3);
        assertEquals(List.of(3L, 1L), accountIds(d().lookupAccounts(3, 99, 1, 0, MAX)));
        assertEquals(List.of(), d().lookupAccounts(42));
    }

    @Test
    void shouldLookUpTransfersInRequestOrderSkippingMissingOnes() {
        fiveTransfers();
        assertEquals(List.of(5L, 2L), ids(d().lookupTransfers(5, 77, 2)));
        final Transfer t = d().lookupTransfers(2).get(0);
        assertEquals(new Transfer(2, 2, 1, 20, 0, 0, 0, 0, 64, 0, 0, LEDGER, CODE, 0, 5, 0), t);
    }

    @Test
    void shouldReturnAnAccountsTransfersOnEitherSide() {
        fiveTransfers();
        assertEquals(List.of(1L, 2L, 3L, 5L), accountTransfers(AccountFilter.of(1, 100)));
        assertEquals(List.of(1L, 3L), accountTransfers(AccountFilter.of(1, 100).withFlags(AccountFilter.DEBITS)));
        assertEquals(List.of(2L, 5L), accountTransfers(AccountFilter.of(1, 100).withFlags(AccountFilter.CREDITS)));
        assertEquals(List.of(5L, 3L, 2L, 1L),
            accountTransfers(AccountFilter.of(1, 100).withFlags(BOTH | AccountFilter.REVERSED)));
    }

    @Test
    void shouldFilterAnAccountsTransfersByCodeAndUserData() {
        fiveTransfers();
        assertEquals(List.of(1L), accountTransfers(filter(1, 0, 0, 0, 0, 7)));
        assertEquals(List.of(2L), accountTransfers(filter(1, 0, 0, 64, 0, 0)));
        assertEquals(List.of(3L), accountTransfers(filter(1, 0, 0, 0, 32, 0)));
        assertEquals(List.of(5L), accountTransfers(filter(1, 12, 8, 0, 0, 0)));
        assertEquals(List.of(), accountTransfers(filter(1, 12, 9, 0, 0, 0)));
        assertEquals(List.of(), accountTransfers(filter(1, 12, 0, 0, 0, 0)), "user_data_128 is one 128-bit value");
        assertEquals(List.of(), accountTransfers(filter(1, 0, 0, 64, 0, 7)));
    }

    @Test
    void shouldFilterAnAccountsTransfersByTimestampRangeAndLimit() {
        fiveTransfers();
        final AccountFilter all = AccountFilter.of(1, 100);
        assertEquals(List.of(2L, 3L), accountTransfers(all.withTimestampRange(5, 6)));
        assertEquals(List.of(3L, 5L), accountTransfers(all.withTimestampRange(6, 0)));
        assertEquals(List.of(1L, 2L), accountTransfers(all.withTimestampRange(0, 5)));
        assertEquals(List.of(3L), accountTransfers(all.withTimestampRange(6, 6)));
        assertEquals(List.of(1L, 2L), accountTransfers(AccountFilter.of(1, 2)));
        assertEquals(List.of(5L, 3L),
            accountTransfers(AccountFilter.of(1, 2).withFlags(BOTH | AccountFilter.REVERSED)));
    }

    @Test
    void shouldReturnNothingForAnInvalidAccountFilter() {
        fiveTransfers();
        final AccountFilter all = AccountFilter.of(1, 100);
        assertEquals(List.of(), accountTransfers(AccountFilter.of(0, 100)));
        assertEquals(List.of(), accountTransfers(AccountFilter.of(MAX, 100)));
        assertEquals(List.of(), accountTransfers(AccountFilter.of(1, 0)));
        assertEquals(List.of(), accountTransfers(all.withFlags(0)));
        assertEquals(List.of(), accountTransfers(all.withFlags(AccountFilter.REVERSED)));
        assertEquals(List.of(), accountTransfers(all.withFlags(BOTH | 1 << 3)));
        assertEquals(List.of(), accountTransfers(all.withTimestampRange(MAX, 0)));
        assertEquals(List.of(), accountTransfers(all.withTimestampRange(0, MAX)));
        assertEquals(List.of(), accountTransfers(all.withTimestampRange(7, 6)));
        assertEquals(List.of(), accountTransfers(AccountFilter.of(99, 100)));
    }

    @Test
    void shouldListPostsAmongAnAccountsTransfers() {
        f.givenAccounts(1, 2);
        f.given(pending(1, 1, 2, 10), post(2, 1, 4));
        assertEquals(List.of(1L, 2L), accountTransfers(AccountFilter.of(2, 10)));
    }

    @Test
    void shouldQueryAccountsByFields() {
        f.givenAccount(account(1), Account.of(2, LEDGER, 20, 0).withUserData(5, 6, 7, 8), Account.of(3, 2, CODE, 0),
            account(4).withUserData(0, 0, 7, 0));
        assertEquals(List.of(1L, 2L, 4L), accountIds(d().queryAccounts(QueryFilter.of(LEDGER, 0, 100))));
        assertEquals(List.of(1L, 3L, 4L), accountIds(d().queryAccounts(QueryFilter.of(0, CODE, 100))));
        assertEquals(List.of(2L, 4L), accountIds(d().queryAccounts(new QueryFilter(0, 0, 7, 0, 0, 0, 0, 0, 100, 0))));
        assertEquals(List.of(2L), accountIds(d().queryAccounts(new QueryFilter(5, 6, 0, 8, 0, 0, 0, 0, 100, 0))));
        assertEquals(List.of(4L, 3L, 2L, 1L),
            accountIds(d().queryAccounts(QueryFilter.of(0, 0, 100).withFlags(QueryFilter.REVERSED))));
        assertEquals(List.of(1L, 2L), accountIds(d().queryAccounts(QueryFilter.of(0, 0, 2))));
        assertEquals(List.of(2L, 3L),
            accountIds(d().queryAccounts(new QueryFilter(0, 0, 0, 0, 0, 0, 2, 3, 100, 0))));
    }

    @Test
    void shouldQueryTransfersByFields() {
        fiveTransfers();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(d().queryTransfers(QueryFilter.of(LEDGER, 0, 100))));
        assertEquals(List.of(1L), ids(d().queryTransfers(QueryFilter.of(LEDGER, 7, 100))));
        assertEquals(List.of(2L, 3L, 4L, 5L), ids(d().queryTransfers(QueryFilter.of(0, CODE, 100))));
        assertEquals(List.of(2L), ids(d().queryTransfers(new QueryFilter(0, 0, 64, 0, 0, 0, 0, 0, 100, 0))));
        assertEquals(List.of(3L), ids(d().queryTransfers(new QueryFilter(0, 0, 0, 32, 0, 0, 0, 0, 100, 0))));
        assertEquals(List.of(5L), ids(d().queryTransfers(new QueryFilter(12, 8, 0, 0, 0, 0, 0, 0, 100, 0))));
        assertEquals(List.of(), ids(d().queryTransfers(QueryFilter.of(2, 0, 100))));
        assertEquals(List.of(5L, 4L),
            ids(d().queryTransfers(QueryFilter.of(0, 0, 2).withFlags(QueryFilter.REVERSED))));
        assertEquals(List.of(3L, 4L), ids(d().queryTransfers(new QueryFilter(0, 0, 0, 0, 0, 0, 6, 7, 100, 0))));
    }

    @Test
    void shouldReturnNothingForAnInvalidQueryFilter() {
        fiveTransfers();
        assertEquals(List.of(), d().queryTransfers(QueryFilter.of(0, 0, 0)));
        assertEquals(List.of(), d().queryTransfers(QueryFilter.of(0, 0, 10).withFlags(2)));
        assertEquals(List.of(), d().queryTransfers(new QueryFilter(0, 0, 0, 0, 0, 0, MAX, 0, 100, 0)));
        assertEquals(List.of(), d().queryTransfers(new QueryFilter(0, 0, 0, 0, 0, 0, 0, MAX, 100, 0)));
        assertEquals(List.of(), d().queryTransfers(new QueryFilter(0, 0, 0, 0, 0, 0, 7, 6, 100, 0)));
        assertEquals(List.of(), d().queryAccounts(QueryFilter.of(0, 0, 0)));
        assertEquals(List.of(), d().queryAccounts(QueryFilter.of(0, 0, 10).withFlags(2)));
        assertEquals(List.of(), d().queryAccounts(new QueryFilter(0, 0, 0, 0, 0, 0, 3, 2, 100, 0)));
    }

    @Test
    void shouldTotalEachCodeOfALedger() {
        f.givenAccount(Account.of(1, LEDGER, 30, 0), Account.of(2, LEDGER, 20, 0), Account.of(3, LEDGER, 20, 0),
            Account.of(4, 2, 20, 0), Account.of(5, 2, 20, 0));
        f.given(transfer(1, 1, 2, 100), transfer(2, 1, 3, 50), pending(3, 3, 1, 7), transfer(4, 4, 5, 9).ledger(2));
        final List<CodeTotals> totals = d().ledgerTotals(LEDGER);
        assertEquals(List.of(
            new CodeTotals(LEDGER, 20, 2, big(7), big(0), big(0), big(150)),
            new CodeTotals(LEDGER, 30, 1, big(0), big(150), big(7), big(0))), totals);
        assertEquals(List.of(new CodeTotals(2, 20, 2, big(0), big(9), big(0), big(9))), d().ledgerTotals(2));
        assertEquals(List.of(), d().ledgerTotals(3));
    }

    @Test
    void shouldSumTotalsExactlyBeyondSixtyFourBits() {
        f.givenAccounts(1, 2, 3, 4);
        f.given(transfer(1, 1, 2, MAX), transfer(2, 3, 4, MAX));
        final BigInteger twice = BigInteger.valueOf(MAX).multiply(BigInteger.TWO);
        assertEquals(List.of(new CodeTotals(LEDGER, CODE, 4, big(0), twice, big(0), twice)),
            d().ledgerTotals(LEDGER));
    }

    private static BigInteger big(final long value) {
        return BigInteger.valueOf(value);
    }
}
