package io.ringbook.engine.state;

import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The state hash: equal for ledgers fed the same commands, different as soon as their state differs. */
class StateHashTest {

    /** A mix of every kind of command, with the given amount for one transfer. */
    private static Consumer<LedgerFixture> commands(final long amount) {
        return f -> {
            f.givenAccount(account(1), account(2, AccountFlags.HISTORY), account(3).withUserData(1, 2, 3, 4));
            f.given(transfer(1, 1, 2, amount), pending(2, 2, 3, 5).timeout(1), pending(3, 3, 1, 7),
                pending(4, 1, 3, 9));
            f.given(post(5, 3, 4), voiding(6, 4), transfer(7, 2, 1, 3).reversesId(1));
            f.create(transfer(8, 1, 99, 1));
            f.direct().pulse(10 * SECOND_NS);
        };
    }

    private static long hashAfter(final Consumer<LedgerFixture> commands) {
        final LedgerFixture f = new LedgerFixture();
        commands.accept(f);
        return f.direct().stateHash();
    }

    @Test
    void shouldBeEqualForTwoLedgersFedTheSameCommands() {
        assertEquals(hashAfter(commands(10)), hashAfter(commands(10)));
    }

    @Test
    void shouldBeEqualForTwoEmptyLedgers() {
        assertEquals(new LedgerFixture().direct().stateHash(), new LedgerFixture().direct().stateHash());
    }

    @Test
    void shouldDifferAfterOneMoreTransfer() {
        final long base = hashAfter(commands(10));
        assertNotEquals(base, hashAfter(commands(10).andThen(f -> f.given(transfer(9, 1, 2, 1)))));
    }

    @Test
    void shouldDifferForADifferentBalance() {
        assertNotEquals(hashAfter(commands(10)), hashAfter(commands(11)));
    }

    @Test
    void shouldDifferForAnotherAccount() {
        assertNotEquals(hashAfter(commands(10)), hashAfter(commands(10).andThen(f -> f.givenAccounts(50))));
    }

    @Test
    void shouldDifferWhenAPendingTransferIsPostedInsteadOfVoided() {
        final Consumer<LedgerFixture> setup = f -> {
            f.givenAccounts(1, 2);
            f.given(pending(1, 1, 2, 5));
        };
        assertNotEquals(hashAfter(setup.andThen(f -> f.given(post(2, 1, Transfer.AMOUNT_MAX)))),
            hashAfter(setup.andThen(f -> f.given(voiding(2, 1)))));
    }

    @Test
    void shouldNotChangeOnReads() {
        final LedgerFixture f = new LedgerFixture();
        commands(10).accept(f);
        final long before = f.direct().stateHash();
        f.direct().lookupAccounts(1, 2, 3);
        f.direct().lookupTransfers(1, 2);
        f.direct().getAccountTransfers(AccountFilter.of(1, 10));
        f.direct().getAccountBalances(AccountFilter.of(2, 10));
        f.direct().queryTransfers(QueryFilter.of(0, 0, 10));
        f.direct().ledgerTotals(1);
        assertEquals(before, f.direct().stateHash());
    }

    @Test
    void shouldDifferWhenATransferIsReversed() {
        final Consumer<LedgerFixture> setup = f -> {
            f.givenAccounts(1, 2, 3);
            f.given(transfer(1, 1, 2, 5), transfer(2, 1, 2, 5));
        };
        assertNotEquals(hashAfter(setup.andThen(f -> f.given(transfer(3, 2, 1, 5).reversesId(1)))),
            hashAfter(setup.andThen(f -> f.given(transfer(3, 2, 1, 5).reversesId(2)))));
    }
}
