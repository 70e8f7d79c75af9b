package io.ringbook.snapshot;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerConfig;

import java.util.ArrayList;
import java.util.List;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_CREDITS;
import static io.ringbook.model.CreateTransferResult.LINKED_EVENT_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small, fixed ledger states for the snapshot tests, built through {@link DirectLedger} with fixed arrival times so
 * every run (and the golden export files) sees the same timestamps. The standard state has a row in every section:
 * accounts on two ledgers (some keeping history), posted, pending, posted-from-pending, voided, expired and reversing
 * transfers, a linked chain that failed and transient failures (remembered failed ids).
 */
final class LedgerStates {
    static final long SECOND_NS = 1_000_000_000L;
    static final long[] ACCOUNT_IDS = {1, 2, 3, 4, 5, 6};
    static final long[] TRANSFER_IDS = {101, 102, 103, 104, 105, 106, 107, 108, 109, 112};

    private LedgerStates() {
    }

    /** Room for the standard state and what the tests add to it. */
    static LedgerConfig config() {
        return new LedgerConfig(64, 256, 32, 128);
    }

    /** The standard state (journal index 4: accounts, transfers, chain + failures, pulse). */
    static DirectLedger standard() {
        final DirectLedger direct = new DirectLedger(config());
        direct.createAccounts(List.of(
            Account.of(1, 1, 10, 0).withUserData(-1, -2, 7, -3),
            Account.of(2, 1, 10, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.HISTORY)
                .withUserData(0, 42, 0, 0),
            Account.of(3, 1, 11, AccountFlags.HISTORY),
            Account.of(4, 1, 11, 0),
            Account.of(5, 2, 20, 0),
            Account.of(6, 2, 20, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)), SECOND_NS);
        expect(direct.createTransfers(List.of(
            transfer(101, 1, 2, 1000).userData128(1, 0).userData64(-5).userData32(9).build(),
            transfer(102, 2, 3, 300).build(),
            transfer(103, 2, 4, 200).flags(TransferFlags.PENDING).build(),
            transfer(104, 2, 4, 150).pendingId(103).flags(TransferFlags.POST_PENDING_TRANSFER).build(),
            transfer(105, 2, 4, 50).flags(TransferFlags.PENDING).build(),
            transfer(106, 2, 4, 0).pendingId(105).flags(TransferFlags.VOID_PENDING_TRANSFER).build(),
            transfer(107, 1, 3, 70).flags(TransferFlags.PENDING).timeout(1).build(),
            transfer(108, 1, 4, 80).flags(TransferFlags.PENDING).build(),
            transfer(109, 3, 2, 100).reversesId(102).code(2).build(),
            transfer(112, 6, 5, 42).ledger(2).code(20).build()), 2 * SECOND_NS),
            CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED);
        expect(direct.createTransfers(List.of(
            transfer(110, 1, 4, 5).flags(TransferFlags.LINKED).build(),
            transfer(111, 2, 4, 1_000_000).build(),
            transfer(113, 999, 4, 1).build()), 3 * SECOND_NS),
            LINKED_EVENT_FAILED, EXCEEDS_CREDITS, DEBIT_ACCOUNT_NOT_FOUND);
        assertEquals(1, direct.pulse(10 * SECOND_NS), "the pending transfer with a timeout expires");
        return direct;
    }

    /** Requests applied after a snapshot to check that a loaded ledger carries on exactly as the live one. */
    static List<List<CreateResult>> continueWith(final DirectLedger direct) {
        final List<List<CreateResult>> results = new ArrayList<>();
        results.add(direct.createTransfers(List.of(
            transfer(120, 2, 4, 0).pendingId(108).flags(TransferFlags.VOID_PENDING_TRANSFER).build(),
            transfer(121, 1, 4, 80).flags(TransferFlags.PENDING).timeout(5).build(),
            transfer(111, 2, 4, 1_000_000).build(),
            transfer(122, 4, 2, 25).reversesId(104).build(),
            transfer(101, 1, 2, 1000).userData128(1, 0).userData64(-5).userData32(9).build()), 20 * SECOND_NS));
        results.add(List.of(new CreateResult(0, 0, direct.pulse(40 * SECOND_NS), 0)));
        results.add(direct.createAccounts(List.of(Account.of(7, 1, 12, AccountFlags.HISTORY)), 41 * SECOND_NS));
        return results;
    }

    static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(1)
            .code(1);
    }

    private static void expect(final List<CreateResult> results, final CreateTransferResult... codes) {
        final List<CreateTransferResult> actual = new ArrayList<>();
        for (final CreateResult result : results) {
            actual.add(CreateTransferResult.ofCode(result.status()));
        }
        assertEquals(List.of(codes), actual, "the fixture state is not what the tests assume");
    }
}
