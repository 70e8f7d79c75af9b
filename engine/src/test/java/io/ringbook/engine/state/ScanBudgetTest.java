package io.ringbook.engine.state;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan budget of reads: no read examines more than the budget (plus a constant for locating its start), a read
 * that stops early names where to continue, and following the continuations gives exactly the unbudgeted answer.
 */
class ScanBudgetTest {
    private static final int BOTH = AccountFilter.DEBITS | AccountFilter.CREDITS;
    /** Rows a read may examine beyond the budget: locating examines two rows a step, and steps past a tie. */
    private static final int SLACK = 3;
    private static final int TRANSFERS = 600;
    private static final long HOT = 1;

    private final LedgerFixture f = new LedgerFixture();
    private final DirectLedger d = f.direct();
    private final Ledger ledger = d.ledger();

    /** Accounts 1 (on half the transfers) and 2..6, history on 1..4; seeded traffic with pendings and posts. */
    private void traffic() {
        f.givenAccount(account(HOT, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY),
            account(3, AccountFlags.HISTORY), account(4, AccountFlags.HISTORY),
            account(5), account(6));
        final Random random = new Random(42);
        final List<Transfer.Builder> batch = new ArrayList<>();
        for (int id = 1; id <= TRANSFERS; id++) {
            final long debit = random.nextBoolean() ? HOT : 2 + random.nextInt(5);
            long credit = 2 + random.nextInt(5);
            credit = credit == debit ? (credit == 6 ? 2 : credit + 1) : credit;
            final boolean swap = random.nextInt(4) == 0;
            final Transfer.Builder t = random.nextInt(10) == 0 ? pending(id, swap ? credit : debit,
                swap ? debit : credit, 5) : transfer(id, swap ? credit : debit, swap ? debit : credit, 1 + id % 7);
            batch.add(t.code(1 + random.nextInt(3)).userData64(random.nextInt(2)));
            if (id % 10 == 0 && id > 100 && random.nextBoolean()) {
                batch.add(post(100_000 + id, id - 95 - (id % 9 == 0 ? 0 : 1), 0));
            }
        }
        f.createAll(batch.toArray(new Transfer.Builder[0]));
    }

    private List<AccountFilter> accountFilters() {
        final List<AccountFilter> filters = new ArrayList<>();
        for (final long account : new long[] {HOT, 2, 3}) {
            for (final int flags : new int[] {BOTH, AccountFilter.DEBITS, AccountFilter.CREDITS}) {
                final AccountFilter all = AccountFilter.of(account, 1000).withFlags(flags);
                filters.add(all);
                filters.add(all.withFlags(flags | AccountFilter.REVERSED));
                filters.add(all.withTimestampRange(150, 400));
                filters.add(all.withTimestampRange(150, 400).withFlags(flags | AccountFilter.REVERSED));
                filters.add(new AccountFilter(account, 0, 0, 1, 0, 2, 0, 0, 1000, flags));
                filters.add(new AccountFilter(account, 0, 0, 0, 0, 99, 0, 0, 1000, flags | AccountFilter.REVERSED));
                filters.add(new AccountFilter(account, 0, 0, 0, 0, 0, 0, 0, 13, flags));
            }
        }
        return filters;
    }

    private static List<QueryFilter> queryFilters() {
        final List<QueryFilter> filters = new ArrayList<>();
        for (final int flags : new int[] {0, QueryFilter.REVERSED}) {
            filters.add(QueryFilter.of(0, 0, 1000).withFlags(flags));
            filters.add(QueryFilter.of(LedgerFixture.LEDGER, 2, 1000).withFlags(flags));
            filters.add(QueryFilter.of(0, 99, 1000).withFlags(flags));
            filters.add(new QueryFilter(0, 0, 1, 0, 0, 0, 100, 300, 17, flags));
        }
        return filters;
    }

    @Test
    void shouldAnswerEveryQueryKindPageByPageExactlyAsWithoutBudget() {
        traffic();
        for (final int budget : new int[] {1, 2, 3, 7, 50}) {
            for (final AccountFilter filter : accountFilters()) {
                assertPaged(budget, filter, d::getAccountTransfersPage, AccountFilter::continuedAt,
                    AccountFilter::limit);
                assertPaged(budget, filter, d::getAccountBalancesPage, AccountFilter::continuedAt,
                    AccountFilter::limit);
            }
            for (final QueryFilter filter : queryFilters()) {
                assertPaged(budget, filter, d::queryTransfersPage, QueryFilter::continuedAt, QueryFilter::limit);
                assertPaged(budget, filter, d::queryAccountsPage, QueryFilter::continuedAt, QueryFilter::limit);
            }
        }
    }

    @Test
    void shouldMakeProgressFromEveryStartingTimestamp() {
        traffic();
        for (long start = 0; start <= ledger.lastTimestamp() + 1; start += 3) {
            for (final long account : new long[] {HOT, 2}) {
                final AccountFilter from = AccountFilter.of(account, 1000).withTimestampRange(start, 0);
                final AccountFilter until = AccountFilter.of(account, 1000).withTimestampRange(0, start)
                    .withFlags(BOTH | AccountFilter.REVERSED);
                for (final AccountFilter filter : List.of(from, until)) {
                    assertPaged(1, filter, d::getAccountBalancesPage, AccountFilter::continuedAt,
                        AccountFilter::limit);
                    assertPaged(1, filter, d::getAccountTransfersPage, AccountFilter::continuedAt,
                        AccountFilter::limit);
                }
            }
        }
    }

    @Test
    void shouldGiveFullAnswersThroughTheAutomaticallyContinuingCalls() {
        traffic();
        ledger.queryScanMax(Integer.MAX_VALUE);
        final List<Transfer> all = d.queryTransfers(QueryFilter.of(0, 0, 1000));
        final List<Transfer> hot = d.getAccountTransfers(AccountFilter.of(HOT, 1000).withFlags(BOTH
            | AccountFilter.REVERSED));
        ledger.queryScanMax(3);
        assertEquals(all, d.queryTransfers(QueryFilter.of(0, 0, 1000)));
        assertEquals(hot, d.getAccountTransfers(AccountFilter.of(HOT, 1000).withFlags(BOTH | AccountFilter.REVERSED)));
        assertEquals(all.subList(0, 10), d.queryTransfers(QueryFilter.of(0, 0, 10)));
    }

    @Test
    void shouldPageAHotAccountWithoutWalkingFromItsHeadEachPage() {
        traffic();
        ledger.queryScanMax(Integer.MAX_VALUE);
        final List<Transfer> expected = d.getAccountTransfers(AccountFilter.of(HOT, 1000));
        assertTrue(expected.size() > 250, "the hot account has many transfers");
        final List<Transfer> paged = new ArrayList<>();
        long examinedMax = 0;
        AccountFilter filter = AccountFilter.of(HOT, 10);
        while (true) {
            final Page<Transfer> page = d.getAccountTransfersPage(filter);
            examinedMax = Math.max(examinedMax, ledger.queryRowsExamined());
            paged.addAll(page.rows());
            if (page.rows().size() < 10) {
                break;
            }
            final long last = page.rows().get(page.rows().size() - 1).timestamp();
            filter = filter.withTimestampRange(last + 1, 0);
        }
        assertEquals(expected, paged);
        assertTrue(examinedMax <= 10 + SLACK, "rows examined per page: " + examinedMax);
        filter = AccountFilter.of(HOT, 10).withFlags(BOTH | AccountFilter.REVERSED);
        paged.clear();
        while (true) {
            final Page<Transfer> page = d.getAccountTransfersPage(filter);
            examinedMax = Math.max(examinedMax, ledger.queryRowsExamined());
            paged.addAll(page.rows());
            if (page.rows().size() < 10) {
                break;
            }
            filter = filter.withTimestampRange(0, page.rows().get(page.rows().size() - 1).timestamp() - 1);
        }
        Collections.reverse(paged);
        assertEquals(expected, paged);
        assertTrue(examinedMax <= 10 + SLACK, "rows examined per reversed page: " + examinedMax);
    }

    @Test
    void shouldStopAScanThatMatchesNothingAtTheBudget() {
        traffic();
        ledger.queryScanMax(50);
        QueryFilter filter = QueryFilter.of(0, 99, 100);
        int pages = 0;
        while (true) {
            final Page<Transfer> page = d.queryTransfersPage(filter);
            pages++;
            assertEquals(List.of(), page.rows());
            assertTrue(ledger.queryRowsExamined() <= 50, "examined " + ledger.queryRowsExamined());
            if (!page.hasContinuation()) {
                break;
            }
            filter = filter.continuedAt(page.continuation(), 0);
        }
        assertTrue(pages >= ledger.transferCount() / 50, "pages: " + pages);
    }

    /** Pages through {@code filter} with the budget and compares the concatenation with the unbudgeted answer. */
    private <F, T> void assertPaged(final int budget, final F filter, final Function<F, Page<T>> fetch,
                                    final Continuation<F> next, final Function<F, Integer> limit) {
        ledger.queryScanMax(Integer.MAX_VALUE);
        final Page<T> whole = fetch.apply(filter);
        assertEquals(0, whole.continuation(), "no continuation without a budget");
        ledger.queryScanMax(budget);
        final List<T> paged = new ArrayList<>();
        Page<T> page = fetch.apply(filter);
        int requests = 1;
        while (true) {
            assertTrue(ledger.queryRowsExamined() <= budget + SLACK,
                "budget " + budget + " examined " + ledger.queryRowsExamined() + " for " + filter);
            paged.addAll(page.rows());
            if (!page.hasContinuation() || paged.size() >= limit.apply(filter)) {
                break;
            }
            assertTrue(requests++ < 100_000, "no progress for " + filter);
            page = fetch.apply(next.at(filter, page.continuation(), paged.size()));
        }
        assertEquals(whole.rows(), paged, "budget " + budget + " for " + filter);
    }

    /** A filter's continuation, as {@code continuedAt}. */
    @FunctionalInterface
    private interface Continuation<F> {
        F at(F filter, long continuation, int rowsFound);
    }
}
