package io.ringbook.engine.reference;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written request sequences for corners that random streams reach rarely, each run through the engine and the
 * reference model at once ({@link Twin}): every answer and the final state must agree, and the scenario also
 * asserts the results the contract prescribes.
 */
class DifferentialScenariosTest {
    private static final long NS_PER_S = 1_000_000_000L;
    private static final int LEDGER = 1;
    private static final int CODE = 7;

    private static Account account(final long id, final int flags) {
        return Account.of(id, LEDGER, CODE, flags);
    }

    private static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(LEDGER)
            .code(CODE);
    }

    private static Transfer.Builder resolve(final long id, final long pendingId, final long amount, final int kind) {
        return Transfer.builder().id(id).pendingId(pendingId).amount(amount).flags(kind);
    }

    /**
     * An expiry ticks the clock and writes history rows but creates no transfer, so an imported transfer could be
     * dated after the newest transfer yet before the expiry, and the history would leave time order. Such a
     * transfer must be refused as regressing (found by this test, fixed in the engine and in SEMANTICS.md).
     */
    @Test
    void shouldRefuseImportedTransferDatedBeforeTheLatestExpiry() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, 0), account(2, AccountFlags.HISTORY));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 5).build());
        final CreateResult pending = twin.transfer(20, CreateTransferResult.CREATED,
            transfer(101, 1, 2, 3).flags(TransferFlags.PENDING).timeout(1).build());
        assertEquals(1, twin.pulse(pending.timestamp() + 5 * NS_PER_S));
        final long expiredAt = pending.timestamp() + 5 * NS_PER_S;
        final Transfer.Builder imported = transfer(102, 1, 2, 4).flags(TransferFlags.IMPORTED);
        twin.transfer(expiredAt + 10 * NS_PER_S, CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS,
            imported.timestamp(pending.timestamp() + 1).build());
        twin.transfer(expiredAt + 10 * NS_PER_S, CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS,
            imported.id(103).timestamp(expiredAt).build());
        twin.transfer(expiredAt + 10 * NS_PER_S, CreateTransferResult.CREATED,
            imported.id(104).timestamp(expiredAt + 1).build());
        twin.assertSameState();
    }

    @Test
    void shouldForgetTimestampsOfRolledBackImportedEvents() {
        final Twin twin = new Twin();
        final Account importedAccount = account(1, AccountFlags.IMPORTED | AccountFlags.LINKED).withTimestamp(100);
        final List<CreateResult> rolledBack = twin.accounts(1_000, importedAccount,
            account(2, AccountFlags.IMPORTED).withTimestamp(100));
        assertEquals(List.of(1, CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS.code()),
            rolledBack.stream().map(CreateResult::status).toList());
        twin.accounts(2_000, importedAccount.withFlags(AccountFlags.IMPORTED),
            account(2, AccountFlags.IMPORTED).withTimestamp(101));
        final Transfer.Builder imported = transfer(100, 1, 2, 5).flags(TransferFlags.IMPORTED | TransferFlags.LINKED)
            .timestamp(500);
        final List<CreateResult> chain = twin.transfers(3_000, imported.build(),
            imported.id(101).flags(TransferFlags.IMPORTED).timestamp(500).build());
        assertEquals(List.of(1, CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS.code()),
            chain.stream().map(CreateResult::status).toList());
        twin.transfers(4_000, imported.id(102).flags(TransferFlags.IMPORTED).timestamp(500).build());
        assertEquals(500, twin.model().transfer(102).orElseThrow().timestamp());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeThatExistsBreaksALinkedChain() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, 0), account(2, 0));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 10).build());
        final List<CreateResult> results = twin.transfers(20,
            transfer(101, 1, 2, 1).flags(TransferFlags.LINKED).build(),
            transfer(100, 1, 2, 10).flags(TransferFlags.LINKED).build(),
            transfer(102, 1, 2, 1).build());
        assertEquals(List.of(1, CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS.code(), 1),
            results.stream().map(CreateResult::status).toList());
        final List<CreateResult> exact = twin.transfers(30,
            transfer(103, 1, 2, 1).flags(TransferFlags.LINKED).build(),
            transfer(100, 1, 2, 10).build());
        assertEquals(List.of(1, CreateTransferResult.EXISTS.code()), exact.stream().map(CreateResult::status).toList());
        assertEquals(exact.get(1).timestamp(), twin.model().transfer(100).orElseThrow().timestamp());
        final List<CreateResult> accounts = twin.accounts(40, account(3, AccountFlags.LINKED), account(3, 0));
        assertEquals(List.of(1, CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS.code()),
            accounts.stream().map(CreateResult::status).toList());
        assertTrue(twin.model().account(3).isEmpty());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnPendingReversalThatExpires() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, 0), account(2, AccountFlags.HISTORY));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 50).build());
        final CreateResult hold = twin.transfer(20, CreateTransferResult.CREATED,
            transfer(101, 2, 1, 30).reversesId(100).flags(TransferFlags.PENDING).timeout(2).build());
        twin.transfer(30, CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT,
            transfer(102, 2, 1, 21).reversesId(100).build());
        assertEquals(1, twin.pulse(hold.timestamp() + 2 * NS_PER_S));
        twin.transfer(40, CreateTransferResult.CREATED, transfer(103, 2, 1, 50).reversesId(100).build());
        twin.transfer(50, CreateTransferResult.CREATED, transfer(104, 1, 2, 20).reversesId(103).build());
        assertEquals(50, twin.model().transfer(100).orElseThrow().reversedAmount());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnReversalsOfPostsAndPartialPostsOfReversals() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, 0), account(2, 0));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 80).flags(TransferFlags.PENDING).build());
        twin.transfer(20, CreateTransferResult.CREATED,
            resolve(101, 100, 60, TransferFlags.POST_PENDING_TRANSFER).build());
        twin.transfer(30, CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED,
            transfer(102, 2, 1, 1).reversesId(100).build());
        twin.transfer(40, CreateTransferResult.CREATED,
            transfer(103, 2, 1, 60).reversesId(101).flags(TransferFlags.PENDING).build());
        twin.transfer(50, CreateTransferResult.CREATED,
            resolve(104, 103, 25, TransferFlags.POST_PENDING_TRANSFER).build());
        assertEquals(25, twin.model().transfer(101).orElseThrow().reversedAmount());
        twin.transfer(60, CreateTransferResult.CREATED, transfer(105, 2, 1, Transfer.AMOUNT_MAX).reversesId(101)
            .flags(TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT).build());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnClosingBothSidesUntilExpiry() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, AccountFlags.HISTORY), account(2, 0), account(3, 0));
        final CreateResult closing = twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 0)
            .flags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT).timeout(1)
            .build());
        twin.transfer(20, CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED, transfer(101, 1, 3, 1).build());
        twin.transfer(30, CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED, transfer(102, 3, 2, 1).build());
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS.code(),
            twin.accounts(40, account(1, AccountFlags.HISTORY)).get(0).status());
        twin.transfer(closing.timestamp() + NS_PER_S, CreateTransferResult.PENDING_TRANSFER_EXPIRED,
            resolve(103, 100, 0, TransferFlags.VOID_PENDING_TRANSFER).build());
        assertEquals(1, twin.pulse(0));
        twin.transfer(50, CreateTransferResult.CREATED, transfer(104, 1, 2, 1).build());
        twin.transfer(60, CreateTransferResult.ID_ALREADY_FAILED, transfer(101, 1, 3, 1).build());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnChainsThatBuildOnTheirOwnEarlierEvents() {
        final Twin twin = new Twin();
        final List<CreateResult> accounts = twin.accounts(1,
            account(1, AccountFlags.LINKED),
            account(2, AccountFlags.LINKED | AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(3, 0));
        assertEquals(List.of(0, 0, 0), accounts.stream().map(CreateResult::status).toList());
        final List<CreateResult> ok = twin.transfers(10,
            transfer(100, 1, 2, 10).flags(TransferFlags.LINKED).build(),
            transfer(101, 2, 3, 10).flags(TransferFlags.LINKED | TransferFlags.PENDING).build(),
            resolve(102, 101, 4, TransferFlags.POST_PENDING_TRANSFER).build());
        assertEquals(List.of(0, 0, 0), ok.stream().map(CreateResult::status).toList());
        final List<CreateResult> failed = twin.transfers(20,
            transfer(103, 3, 1, 5).flags(TransferFlags.LINKED | TransferFlags.PENDING).build(),
            resolve(104, 103, 5, TransferFlags.POST_PENDING_TRANSFER | TransferFlags.LINKED).build(),
            transfer(105, 2, 1, 7).flags(TransferFlags.LINKED).build(),
            transfer(106, 1, 3, 1).build(),
            transfer(107, 1, 3, 1).flags(TransferFlags.LINKED).build());
        assertEquals(List.of(1, 1, CreateTransferResult.EXCEEDS_CREDITS.code(), 1, 2),
            failed.stream().map(CreateResult::status).toList());
        twin.transfer(30, CreateTransferResult.CREATED, transfer(103, 3, 1, 5).build());
        twin.transfer(30, CreateTransferResult.ID_ALREADY_FAILED, transfer(105, 2, 1, 1).build());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnIdempotentResolutionsAndInheritedUserData() {
        final Twin twin = new Twin();
        twin.accounts(1, account(1, 0), account(2, 0));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 1, 2, 40).flags(TransferFlags.PENDING)
            .userData128(0, 9).userData64(8).userData32(7).build());
        final Transfer post = resolve(101, 100, Transfer.AMOUNT_MAX, TransferFlags.POST_PENDING_TRANSFER)
            .userData128(5, 0).build();
        twin.transfer(20, CreateTransferResult.CREATED, post);
        twin.transfer(30, CreateTransferResult.EXISTS, post);
        twin.transfer(30, CreateTransferResult.EXISTS, post.toBuilder().amount(40).build());
        twin.transfer(30, CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, post.toBuilder().amount(39).build());
        twin.transfer(30, CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128,
            post.toBuilder().userData128(0, 0).build());
        twin.transfer(30, CreateTransferResult.EXISTS, post.toBuilder().userData64(8).debitAccountId(1).build());
        twin.transfer(30, CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
            post.toBuilder().creditAccountId(1).build());
        twin.transfer(30, CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE, post.toBuilder().code(CODE + 1).build());
        assertEquals(1, twin.queryTransfers(new QueryFilter(5, 0, 8, 7, 0, 0, 0, 0, 10, 0)).size());
        assertEquals(1, twin.queryTransfers(new QueryFilter(0, 9, 0, 0, 0, 0, 0, 0, 10, 0)).size());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeWhenTheFailedIdMemoryIsFull() {
        final Twin twin = new Twin(new LedgerConfig(10, 10, 2, 10));
        twin.accounts(1, account(1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(2, 0));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(100, 2, 1, 5).build());
        twin.transfer(20, CreateTransferResult.EXCEEDS_CREDITS, transfer(101, 1, 2, 6).build());
        twin.transfer(30, CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, transfer(102, 9, 2, 6).build());
        twin.transfer(40, CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED, transfer(103, 1, 2, 1).build());
        twin.transfer(50, CreateTransferResult.EXISTS, transfer(100, 2, 1, 5).build());
        twin.transfer(60, CreateTransferResult.ID_ALREADY_FAILED, transfer(101, 1, 2, 1).build());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnHistoryReservationsThroughExpiry() {
        final Twin twin = new Twin(new LedgerConfig(10, 100, 10, 4));
        twin.accounts(1, account(1, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY), account(3, 0),
            account(4, 0));
        final CreateResult hold = twin.transfer(10, CreateTransferResult.CREATED,
            transfer(100, 1, 2, 5).flags(TransferFlags.PENDING).timeout(1).build());
        twin.transfer(20, CreateTransferResult.HISTORY_CAPACITY_EXCEEDED, transfer(101, 1, 3, 1).build());
        twin.transfer(20, CreateTransferResult.CREATED, transfer(102, 3, 4, 0).build());
        assertEquals(1, twin.pulse(hold.timestamp() + NS_PER_S));
        twin.transfer(30, CreateTransferResult.HISTORY_CAPACITY_EXCEEDED, transfer(103, 3, 1, 1).build());
        twin.assertSameState();
    }

    @Test
    void shouldAgreeOnEdgeIdsAmountsAndTimeouts() {
        final Twin twin = new Twin();
        twin.accounts(1, account(Long.MAX_VALUE - 1, 0), account(2, 0));
        twin.transfer(10, CreateTransferResult.CREATED, transfer(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, 2, 0)
            .build());
        final CreateResult forever = twin.transfer(20, CreateTransferResult.CREATED,
            transfer(100, 2, Long.MAX_VALUE - 1, 3).flags(TransferFlags.PENDING).timeout(-1).build());
        assertEquals(0, twin.pulse(forever.timestamp() + 1_000_000 * NS_PER_S));
        twin.transfer(30, CreateTransferResult.CREATED, resolve(101, 100, 0, TransferFlags.POST_PENDING_TRANSFER)
            .build());
        twin.transfer(40, CreateTransferResult.ID_MUST_NOT_BE_INT_MAX, transfer(-5, 2, 1, 1).build());
        twin.transfer(40, CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX,
            transfer(102, 2, Long.MIN_VALUE, 1).build());
        twin.transfer(40, CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX,
            transfer(103, 2, 1, 1).reversesId(-1).build());
        twin.transfer(40, CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX,
            resolve(104, -1, 0, TransferFlags.VOID_PENDING_TRANSFER).build());
        twin.transfer(Long.MAX_VALUE - 10 * NS_PER_S, CreateTransferResult.OVERFLOWS_TIMEOUT,
            transfer(105, 2, Long.MAX_VALUE - 1, 1).flags(TransferFlags.PENDING).timeout(11).build());
        twin.assertSameState();
    }
}
