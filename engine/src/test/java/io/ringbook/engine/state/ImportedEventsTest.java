package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_EXPECTED;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_NOT_EXPECTED;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE;
import static io.ringbook.model.CreateTransferResult.IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO;
import static io.ringbook.model.CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
import static io.ringbook.model.CreateTransferResult.TIMESTAMP_MUST_BE_ZERO;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Imported events carry their own timestamp (history migrated from another system): a request is all imported or
 * none, and imported timestamps must lie in the past, never regress, and postdate the accounts they touch.
 */
class ImportedEventsTest {
    private static final int IMP = TransferFlags.IMPORTED;
    private static final long NOW = 1_000_000L;
    private final LedgerFixture f = new LedgerFixture();

    /** Accounts 1 and 2 imported at timestamps 10 and 20, the clock at {@link #NOW}. */
    private void importedAccounts() {
        f.at(NOW).givenAccount(imported(1, 10), imported(2, 20));
    }

    private static Account imported(final long id, final long timestamp) {
        return account(id, AccountFlags.IMPORTED).withTimestamp(timestamp);
    }

    private static Transfer.Builder imported(final long id, final long debit, final long credit, final long ts) {
        return transfer(id, debit, credit, 1).flags(IMP).timestamp(ts);
    }

    @Test
    void shouldKeepImportedTimestampsAsGiven() {
        final List<CreateResult> accounts = f.at(NOW).createAccountsRaw(imported(1, 10), imported(2, 20));
        assertEquals(List.of(10L, 20L), List.of(accounts.get(0).timestamp(), accounts.get(1).timestamp()));
        final List<CreateResult> transfers = f.createRaw(imported(1, 1, 2, 30), imported(2, 2, 1, 500));
        assertEquals(List.of(30L, 500L), List.of(transfers.get(0).timestamp(), transfers.get(1).timestamp()));
        assertEquals(10, f.accountById(1).timestamp());
        assertEquals(500, f.transferById(2).timestamp());
        f.assertBalances(1, 0, 1, 0, 1);
    }

    @Test
    void shouldRequireEveryEventOfARequestToBeImportedOrNone() {
        importedAccounts();
        assertEquals(List.of(CREATED, IMPORTED_EVENT_EXPECTED), f.createAll(imported(1, 1, 2, 30),
            transfer(2, 1, 2, 1)));
        assertEquals(List.of(CREATED, IMPORTED_EVENT_NOT_EXPECTED), f.createAll(transfer(3, 1, 2, 1),
            imported(4, 1, 2, 40)));
    }

    @Test
    void shouldRequireEveryAccountOfARequestToBeImportedOrNone() {
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.IMPORTED_EVENT_EXPECTED),
            f.at(NOW).createAccounts(imported(1, 10), account(2)));
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.IMPORTED_EVENT_NOT_EXPECTED),
            f.createAccounts(account(3), imported(4, 40)));
    }

    @Test
    void shouldRejectATimestampOnANonImportedEvent() {
        importedAccounts();
        assertEquals(TIMESTAMP_MUST_BE_ZERO, f.create(transfer(1, 1, 2, 1).timestamp(30)));
    }

    @Test
    void shouldRejectImportedTimestampsOutOfRange() {
        importedAccounts();
        assertEquals(IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE, f.create(imported(1, 1, 2, 0)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE, f.create(imported(1, 1, 2, -5)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE, f.create(imported(1, 1, 2, Long.MAX_VALUE)));
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE,
            f.createAccount(imported(3, Long.MAX_VALUE)));
    }

    @Test
    void shouldRejectImportedTimestampsThatAreNotInThePast() {
        importedAccounts();
        f.at(2 * NOW);
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE, f.create(imported(1, 1, 2, 2 * NOW + 1)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE, f.create(imported(1, 1, 2, 2 * NOW + 1)));
        assertEquals(List.of(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE, CREATED),
            f.createAll(imported(2, 1, 2, 2 * NOW + 2), imported(3, 1, 2, 2 * NOW + 2)));
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE,
            f.at(3 * NOW).createAccount(imported(3, 3 * NOW)));
    }

    @Test
    void shouldRejectImportedTransfersThatRegress() {
        importedAccounts();
        f.given(imported(1, 1, 2, 100));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.create(imported(2, 1, 2, 100)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.create(imported(2, 1, 2, 99)));
        assertEquals(CREATED, f.create(imported(2, 1, 2, 101)));
    }

    @Test
    void shouldRejectAnImportedTransferAtAnAccountsTimestamp() {
        f.at(NOW).givenAccount(imported(1, 10), imported(2, 20), imported(3, 50));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.create(imported(1, 1, 2, 50)));
        assertEquals(CREATED, f.create(imported(1, 1, 2, 51)));
    }

    @Test
    void shouldRejectAnImportedTransferBeforeOrAtItsAccounts() {
        importedAccounts();
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT, f.create(imported(1, 2, 1, 15)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT, f.create(imported(1, 1, 2, 15)));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT, f.create(imported(1, 2, 1, 5)));
        assertEquals(CREATED, f.create(imported(1, 1, 2, 21)));
    }

    @Test
    void shouldRequireZeroTimeoutOnAnImportedPendingTransfer() {
        importedAccounts();
        assertEquals(IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO,
            f.create(pending(1, 1, 2, 1).flags(TransferFlags.PENDING | IMP).timestamp(30).timeout(1)));
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, f.create(imported(1, 1, 2, 30).timeout(1)));
        assertEquals(CREATED, f.create(pending(1, 1, 2, 1).flags(TransferFlags.PENDING | IMP).timestamp(30)));
    }

    @Test
    void shouldApplyRegressionRulesToAnImportedPost() {
        importedAccounts();
        f.given(pending(1, 1, 2, 5).flags(TransferFlags.PENDING | IMP).timestamp(100));
        assertEquals(IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS,
            f.create(post(2, 1, 5).flags(TransferFlags.POST_PENDING_TRANSFER | IMP).timestamp(100)));
        assertEquals(CREATED, f.create(post(2, 1, 5).flags(TransferFlags.POST_PENDING_TRANSFER | IMP)
            .timestamp(150)));
        assertEquals(150, f.transferById(2).timestamp());
        f.assertBalances(1, 0, 5, 0, 0);
    }

    @Test
    void shouldRejectImportedAccountsThatRegress() {
        f.at(NOW).givenAccount(imported(1, 500));
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.createAccount(imported(2, 500)));
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.createAccount(imported(2, 400)));
        assertEquals(CreateAccountResult.CREATED, f.createAccount(imported(2, 501)));
    }

    @Test
    void shouldRejectAnImportedAccountAtATransfersTimestamp() {
        importedAccounts();
        f.given(imported(1, 1, 2, 100));
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, f.createAccount(imported(3, 100)));
        assertEquals(CreateAccountResult.CREATED, f.createAccount(imported(3, 101)));
    }

    @Test
    void shouldRejectAnImportedAccountOlderThanANonImportedOne() {
        f.at(NOW).givenAccounts(1);
        assertEquals(CreateAccountResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS,
            f.at(2 * NOW).createAccount(imported(2, NOW - 1)));
    }

    @Test
    void shouldStillTickTheClockForImportedEvents() {
        importedAccounts();
        f.given(imported(1, 1, 2, 30), imported(2, 1, 2, 31));
        assertEquals(NOW + 4, f.at(0).createRaw(transfer(3, 1, 2, 1)).get(0).timestamp());
    }

    @Test
    void shouldCheckTheImportedFlagBeforeTheTimestamp() {
        importedAccounts();
        assertEquals(List.of(CREATED, CreateTransferResult.IMPORTED_EVENT_EXPECTED),
            f.createAll(imported(1, 1, 2, 30), transfer(2, 1, 2, 1).timestamp(31)));
    }
}
