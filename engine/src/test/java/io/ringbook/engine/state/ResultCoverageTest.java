package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.ringbook.model.CreateTransferResult.EXISTS;
import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One minimal scenario per result code: every value of {@link CreateAccountResult} and {@link CreateTransferResult}
 * must be produced by a real request asserting exactly that code. A code added to an enum without a scenario here
 * fails {@link #shouldHaveAScenarioForEveryAccountResult()} / {@link #shouldHaveAScenarioForEveryTransferResult()}.
 * The focused test classes check each rule in depth; this class guarantees nothing is left out.
 */
class ResultCoverageTest {
    private static final long MAX = Long.MAX_VALUE;

    @Test
    void shouldHaveAScenarioForEveryAccountResult() {
        assertEquals(List.of(), uncovered(CreateAccountResult.values(), accountScenarios().keySet()),
            "create_accounts results without a scenario");
    }

    @Test
    void shouldHaveAScenarioForEveryTransferResult() {
        assertEquals(List.of(), uncovered(CreateTransferResult.values(), transferScenarios().keySet()),
            "create_transfers results without a scenario");
    }

    @Test
    void shouldReportACodeWhoseScenarioIsMissing() {
        final Map<CreateTransferResult, Supplier<CreateTransferResult>> scenarios = transferScenarios();
        scenarios.remove(CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT);
        assertEquals(List.of(CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT),
            uncovered(CreateTransferResult.values(), scenarios.keySet()));
    }

    @TestFactory
    List<DynamicTest> shouldProduceEachAccountResult() {
        return dynamicTests(CreateAccountResult.values(), accountScenarios());
    }

    @TestFactory
    List<DynamicTest> shouldProduceEachTransferResult() {
        return dynamicTests(CreateTransferResult.values(), transferScenarios());
    }

    private static <E extends Enum<E>> List<E> uncovered(final E[] all, final Set<E> covered) {
        final List<E> missing = new ArrayList<>();
        for (final E e : all) {
            if (!covered.contains(e)) {
                missing.add(e);
            }
        }
        return missing;
    }

    private static <E extends Enum<E>> List<DynamicTest> dynamicTests(final E[] all,
                                                                      final Map<E, Supplier<E>> scenarios) {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final E code : all) {
            final Supplier<E> scenario = scenarios.get(code);
            tests.add(DynamicTest.dynamicTest("produces " + code.name().toLowerCase(java.util.Locale.ROOT), () -> {
                if (scenario == null) {
                    fail("no scenario produces " + code);
                }
                assertEquals(code, scenario.get());
            }));
        }
        return tests;
    }

    // ------------------------------------------------------------------------------------------ create_accounts

    private static Map<CreateAccountResult, Supplier<CreateAccountResult>> accountScenarios() {
        final Map<CreateAccountResult, Supplier<CreateAccountResult>> s = new EnumMap<>(CreateAccountResult.class);
        s.put(CreateAccountResult.CREATED, () -> new LedgerFixture().createAccount(account(1)));
        s.put(CreateAccountResult.LINKED_EVENT_FAILED, () -> new LedgerFixture()
            .createAccounts(account(1, AccountFlags.LINKED), Account.of(2, 0, CODE, 0)).get(0));
        s.put(CreateAccountResult.LINKED_EVENT_CHAIN_OPEN,
            () -> new LedgerFixture().createAccount(account(1, AccountFlags.LINKED)));
        s.put(CreateAccountResult.IMPORTED_EVENT_EXPECTED, () -> new LedgerFixture().at(1000)
            .createAccounts(account(1, AccountFlags.IMPORTED).withTimestamp(10), account(2)).get(1));
        s.put(CreateAccountResult.IMPORTED_EVENT_NOT_EXPECTED, () -> new LedgerFixture().at(1000)
            .createAccounts(account(1), account(2, AccountFlags.IMPORTED).withTimestamp(10)).get(1));
        s.put(CreateAccountResult.TIMESTAMP_MUST_BE_ZERO,
            () -> new LedgerFixture().createAccount(account(1).withTimestamp(5)));
        s.put(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE,
            () -> new LedgerFixture().at(1000).createAccount(account(1, AccountFlags.IMPORTED)));
        s.put(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE,
            () -> new LedgerFixture().at(1000).createAccount(account(1, AccountFlags.IMPORTED).withTimestamp(1000)));
        s.put(CreateAccountResult.RESERVED_FLAG, () -> new LedgerFixture().createAccount(account(1, 1 << 6)));
        s.put(CreateAccountResult.ID_MUST_NOT_BE_ZERO, () -> new LedgerFixture().createAccount(account(0)));
        s.put(CreateAccountResult.ID_MUST_NOT_BE_INT_MAX, () -> new LedgerFixture().createAccount(account(MAX)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS,
            () -> accountAgain(account(1, AccountFlags.HISTORY)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128,
            () -> accountAgain(account(1).withUserData(0, 1, 0, 0)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            () -> accountAgain(account(1).withUserData(0, 0, 1, 0)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32,
            () -> accountAgain(account(1).withUserData(0, 0, 0, 1)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER, () -> accountAgain(Account.of(1, 2, CODE, 0)));
        s.put(CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE, () -> accountAgain(Account.of(1, LEDGER, 11, 0)));
        s.put(CreateAccountResult.EXISTS, () -> accountAgain(account(1)));
        s.put(CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED, () -> {
            final LedgerFixture f = LedgerFixture.withCapacities(1, 10, 10, 10);
            f.givenAccounts(1);
            return f.createAccount(account(2));
        });
        s.put(CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE, () -> new LedgerFixture().createAccount(account(1,
            AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)));
        s.put(CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO,
            () -> new LedgerFixture().createAccount(account(1).withBalances(1, 0, 0, 0)));
        s.put(CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO,
            () -> new LedgerFixture().createAccount(account(1).withBalances(0, 1, 0, 0)));
        s.put(CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO,
            () -> new LedgerFixture().createAccount(account(1).withBalances(0, 0, 1, 0)));
        s.put(CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO,
            () -> new LedgerFixture().createAccount(account(1).withBalances(0, 0, 0, 1)));
        s.put(CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO,
            () -> new LedgerFixture().createAccount(Account.of(1, 0, CODE, 0)));
        s.put(CreateAccountResult.CODE_MUST_NOT_BE_ZERO,
            () -> new LedgerFixture().createAccount(Account.of(1, LEDGER, 0, 0)));
        s.put(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, () -> {
            final LedgerFixture f = new LedgerFixture().at(1000);
            f.givenAccount(account(1, AccountFlags.IMPORTED).withTimestamp(500));
            return f.createAccount(account(2, AccountFlags.IMPORTED).withTimestamp(400));
        });
        return s;
    }

    private static CreateAccountResult accountAgain(final Account again) {
        final LedgerFixture f = new LedgerFixture();
        f.givenAccounts(1);
        return f.createAccount(again);
    }

    // ------------------------------------------------------------------------------------------ create_transfers

    private static Map<CreateTransferResult, Supplier<CreateTransferResult>> transferScenarios() {
        final Map<CreateTransferResult, Supplier<CreateTransferResult>> s = new EnumMap<>(CreateTransferResult.class);
        requestScenarios(s);
        idempotencyScenarios(s);
        shapeScenarios(s);
        lookupScenarios(s);
        pendingScenarios(s);
        balanceScenarios(s);
        return s;
    }

    /** Accounts 1 and 2 on {@link LedgerFixture#LEDGER}, 3 on ledger 2. */
    private static LedgerFixture accounts() {
        final LedgerFixture f = new LedgerFixture();
        f.givenAccount(account(1), account(2), Account.of(3, 2, CODE, 0));
        return f;
    }

    private static Supplier<CreateTransferResult> one(final Transfer.Builder t) {
        return () -> accounts().create(t);
    }

    private static Supplier<CreateTransferResult> after(final Transfer.Builder given, final Transfer.Builder t) {
        return () -> {
            final LedgerFixture f = accounts();
            f.given(given);
            return f.create(t);
        };
    }

    private static void requestScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        s.put(CreateTransferResult.CREATED, one(transfer(1, 1, 2, 10)));
        s.put(CreateTransferResult.LINKED_EVENT_FAILED, () -> accounts().createAll(
            transfer(1, 1, 2, 10).flags(TransferFlags.LINKED), transfer(2, 1, 2, 10).ledger(0)).get(0));
        s.put(CreateTransferResult.LINKED_EVENT_CHAIN_OPEN, one(transfer(1, 1, 2, 10).flags(TransferFlags.LINKED)));
        s.put(CreateTransferResult.IMPORTED_EVENT_EXPECTED, () -> accounts().at(1000).createAll(
            transfer(1, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(500), transfer(2, 1, 2, 1)).get(1));
        s.put(CreateTransferResult.IMPORTED_EVENT_NOT_EXPECTED, () -> accounts().at(1000).createAll(
            transfer(1, 1, 2, 1), transfer(2, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(500)).get(1));
        s.put(CreateTransferResult.TIMESTAMP_MUST_BE_ZERO, one(transfer(1, 1, 2, 1).timestamp(5)));
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE,
            () -> accounts().at(1000).create(transfer(1, 1, 2, 1).flags(TransferFlags.IMPORTED)));
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE,
            () -> accounts().at(1000).create(transfer(1, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(1000)));
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, () -> {
            final LedgerFixture f = accounts().at(1000);
            f.given(transfer(1, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(500));
            return f.create(transfer(2, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(400));
        });
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT,
            () -> importedAccounts().create(transfer(1, 2, 1, 1).flags(TransferFlags.IMPORTED).timestamp(15)));
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT,
            () -> importedAccounts().create(transfer(1, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(15)));
        s.put(CreateTransferResult.IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO, () -> accounts().at(1000).create(
            pending(1, 1, 2, 1).flags(TransferFlags.PENDING | TransferFlags.IMPORTED).timestamp(500).timeout(5)));
        s.put(CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED, () -> {
            final LedgerFixture f = LedgerFixture.withCapacities(10, 1, 10, 10);
            f.givenAccounts(1, 2);
            f.given(transfer(1, 1, 2, 1));
            return f.create(transfer(2, 1, 2, 1));
        });
        s.put(CreateTransferResult.HISTORY_CAPACITY_EXCEEDED, () -> {
            final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 1);
            f.givenAccount(account(1, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY));
            return f.create(transfer(1, 1, 2, 1));
        });
    }

    /** Account 1 imported at timestamp 10, account 2 at 20; the clock at 1000. */
    private static LedgerFixture importedAccounts() {
        final LedgerFixture f = new LedgerFixture().at(1000);
        f.givenAccount(account(1, AccountFlags.IMPORTED).withTimestamp(10),
            account(2, AccountFlags.IMPORTED).withTimestamp(20));
        return f;
    }

    private static void idempotencyScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        final Transfer.Builder first = transfer(1, 1, 2, 10);
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS,
            after(first, transfer(1, 1, 2, 10).flags(TransferFlags.PENDING)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID, after(first, transfer(1, 1, 2, 10).pendingId(7)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_REVERSES_ID,
            after(first, transfer(1, 1, 2, 10).reversesId(7)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_TIMEOUT,
            after(pending(1, 1, 2, 10).timeout(10), pending(1, 1, 2, 10).timeout(20)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID, after(first, transfer(1, 3, 2, 10)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID, after(first, transfer(1, 1, 3, 10)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, after(first, transfer(1, 1, 2, 11)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128,
            after(first, transfer(1, 1, 2, 10).userData128(1, 0)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            after(first, transfer(1, 1, 2, 10).userData64(1)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32,
            after(first, transfer(1, 1, 2, 10).userData32(1)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER, after(first, transfer(1, 1, 2, 10).ledger(2)));
        s.put(CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE, after(first, transfer(1, 1, 2, 10).code(11)));
        s.put(EXISTS, after(first, transfer(1, 1, 2, 10)));
        s.put(CreateTransferResult.ID_ALREADY_FAILED, () -> {
            final LedgerFixture f = accounts();
            assertEquals(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 1, 99, 1)));
            return f.create(transfer(1, 1, 99, 1));
        });
    }

    private static void shapeScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        s.put(CreateTransferResult.RESERVED_FLAG, one(transfer(1, 1, 2, 1).flags(1 << 9)));
        s.put(CreateTransferResult.ID_MUST_NOT_BE_ZERO, one(transfer(0, 1, 2, 1)));
        s.put(CreateTransferResult.ID_MUST_NOT_BE_INT_MAX, one(transfer(MAX, 1, 2, 1)));
        s.put(CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, one(transfer(1, 0, 2, 1)));
        s.put(CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, one(transfer(1, MAX, 2, 1)));
        s.put(CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, one(transfer(1, 1, 0, 1)));
        s.put(CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, one(transfer(1, 1, MAX, 1)));
        s.put(CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT, one(transfer(1, 1, 1, 1)));
        s.put(CreateTransferResult.PENDING_ID_MUST_BE_ZERO, one(transfer(1, 1, 2, 1).pendingId(5)));
        s.put(CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, one(transfer(1, 1, 2, 1).timeout(1)));
        s.put(CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING,
            one(transfer(1, 1, 2, 1).flags(TransferFlags.CLOSING_DEBIT)));
        s.put(CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX, one(transfer(1, 2, 1, 1).reversesId(MAX)));
        s.put(CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT, one(transfer(1, 2, 1, 1).reversesId(1)));
        s.put(CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE, one(transfer(1, 1, 2, -1)));
        s.put(CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO, one(transfer(1, 1, 2, 1).ledger(0)));
        s.put(CreateTransferResult.CODE_MUST_NOT_BE_ZERO, one(transfer(1, 1, 2, 1).code(0)));
    }

    private static void lookupScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        s.put(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, one(transfer(1, 99, 2, 1)));
        s.put(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND, one(transfer(1, 1, 99, 1)));
        s.put(CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER, one(transfer(1, 1, 3, 1)));
        s.put(CreateTransferResult.TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS,
            one(transfer(1, 1, 2, 1).ledger(2)));
        s.put(CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND, one(transfer(1, 2, 1, 1).reversesId(99)));
        s.put(CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED,
            after(pending(1, 1, 2, 10), transfer(2, 2, 1, 1).reversesId(1)));
        s.put(CreateTransferResult.REVERSAL_MUST_SWAP_ACCOUNTS,
            after(transfer(1, 1, 2, 10), transfer(2, 1, 2, 1).reversesId(1)));
        s.put(CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT,
            after(transfer(1, 1, 2, 10), transfer(2, 2, 1, 11).reversesId(1)));
        s.put(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED, () -> {
            final LedgerFixture f = new LedgerFixture();
            f.givenAccount(account(1, AccountFlags.CLOSED), account(2));
            return f.create(transfer(1, 1, 2, 1));
        });
        s.put(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED, () -> {
            final LedgerFixture f = new LedgerFixture();
            f.givenAccount(account(1), account(2, AccountFlags.CLOSED));
            return f.create(transfer(1, 1, 2, 1));
        });
    }

    private static void pendingScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        final Transfer.Builder p = pending(1, 1, 2, 10);
        s.put(CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE, after(p, post(2, 1, Transfer.AMOUNT_MAX)
            .flags(TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER)));
        s.put(CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO, one(post(2, 0, 1)));
        s.put(CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX, one(post(2, MAX, 1)));
        s.put(CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT, one(post(2, 2, 1)));
        s.put(CreateTransferResult.REVERSES_ID_MUST_BE_ZERO, after(p, post(2, 1, Transfer.AMOUNT_MAX).reversesId(5)));
        s.put(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND, one(post(2, 99, 1)));
        s.put(CreateTransferResult.PENDING_TRANSFER_NOT_PENDING, after(transfer(1, 1, 2, 10), post(2, 1, 1)));
        s.put(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID,
            after(p, post(2, 1, Transfer.AMOUNT_MAX).debitAccountId(3)));
        s.put(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID,
            after(p, post(2, 1, Transfer.AMOUNT_MAX).creditAccountId(3)));
        s.put(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_LEDGER,
            after(p, post(2, 1, Transfer.AMOUNT_MAX).ledger(2)));
        s.put(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CODE,
            after(p, post(2, 1, Transfer.AMOUNT_MAX).code(11)));
        s.put(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT, after(p, post(2, 1, 11)));
        s.put(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT, after(p, voiding(2, 1).amount(5)));
        s.put(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED, () -> {
            final LedgerFixture f = accounts();
            f.given(p, post(2, 1, Transfer.AMOUNT_MAX));
            return f.create(post(3, 1, Transfer.AMOUNT_MAX));
        });
        s.put(CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED, () -> {
            final LedgerFixture f = accounts();
            f.given(p, voiding(2, 1));
            return f.create(post(3, 1, Transfer.AMOUNT_MAX));
        });
        s.put(CreateTransferResult.PENDING_TRANSFER_EXPIRED, () -> {
            final LedgerFixture f = accounts();
            f.given(pending(1, 1, 2, 10).timeout(1));
            return f.at(2 * SECOND_NS).create(post(2, 1, Transfer.AMOUNT_MAX));
        });
    }

    private static void balanceScenarios(final Map<CreateTransferResult, Supplier<CreateTransferResult>> s) {
        s.put(CreateTransferResult.OVERFLOWS_DEBITS_PENDING, () -> overflow(pending(1, 1, 2, MAX),
            pending(2, 1, 4, 1)));
        s.put(CreateTransferResult.OVERFLOWS_CREDITS_PENDING, () -> {
            final LedgerFixture f = accounts();
            f.givenAccounts(4);
            f.given(pending(1, 1, 2, MAX));
            return f.create(pending(2, 4, 2, 1));
        });
        s.put(CreateTransferResult.OVERFLOWS_DEBITS_POSTED, () -> overflow(transfer(1, 1, 2, MAX),
            transfer(2, 1, 4, 1)));
        s.put(CreateTransferResult.OVERFLOWS_CREDITS_POSTED, () -> overflow(transfer(1, 1, 2, MAX),
            transfer(2, 4, 2, 1)));
        s.put(CreateTransferResult.OVERFLOWS_DEBITS, () -> overflow(pending(1, 1, 2, 5), transfer(2, 1, 4, MAX - 4)));
        s.put(CreateTransferResult.OVERFLOWS_CREDITS, () -> overflow(pending(1, 1, 2, 5),
            transfer(2, 4, 2, MAX - 4)));
        s.put(CreateTransferResult.OVERFLOWS_TIMEOUT,
            () -> accounts().at(MAX - 1000 * SECOND_NS).create(pending(1, 1, 2, 1).timeout(2000)));
        s.put(CreateTransferResult.EXCEEDS_CREDITS, () -> {
            final LedgerFixture f = new LedgerFixture();
            f.givenAccount(account(1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(2));
            return f.create(transfer(1, 1, 2, 1));
        });
        s.put(CreateTransferResult.EXCEEDS_DEBITS, () -> {
            final LedgerFixture f = new LedgerFixture();
            f.givenAccount(account(1), account(2, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
            return f.create(transfer(1, 1, 2, 1));
        });
    }

    private static CreateTransferResult overflow(final Transfer.Builder given, final Transfer.Builder t) {
        final LedgerFixture f = accounts();
        f.givenAccounts(4);
        f.given(given);
        return f.create(t);
    }

    /** Guards the helper itself: an empty scenario map must report every code. */
    @Test
    void shouldReportEveryCodeWhenNoScenarioExists() {
        final Collection<CreateAccountResult> missing =
            uncovered(CreateAccountResult.values(), new EnumMap<CreateAccountResult, Object>(
                CreateAccountResult.class).keySet());
        assertEquals(CreateAccountResult.values().length, missing.size());
        assertTrue(missing.contains(CreateAccountResult.CREATED));
    }
}
