package io.ringbook.engine.state;

import io.ringbook.engine.command.Command;
import io.ringbook.model.CreateAccountResult;

import static io.ringbook.engine.state.Layout.A_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.A_USER_DATA_32_LEDGER;
import static io.ringbook.engine.state.Layout.A_USER_DATA_64;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;

/**
 * Idempotency: compares an account event with the existing account that has its id and names the first field that
 * differs ({@code exists_with_different_*}, in TigerBeetle's precedence order: flags, user data 128/64/32, ledger,
 * code), or {@code exists}. Flags are compared with the account's current flags, so an account closed after creation
 * no longer compares equal to its original event (as in TigerBeetle).
 */
final class AccountComparison {
    private AccountComparison() {
    }

    /** The result for event {@code c} whose id the account in row {@code e} already has. */
    static CreateAccountResult compare(final LedgerTables tables, final Command c, final int e) {
        final Records accounts = tables.accounts;
        final long codeFlags = accounts.get(e, A_CODE_FLAGS);
        if (c.flags != Layout.flagsOf(codeFlags)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (c.userData128Hi != accounts.get(e, A_USER_DATA_128_HI)
            || c.userData128Lo != accounts.get(e, A_USER_DATA_128_LO)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (c.userData64 != accounts.get(e, A_USER_DATA_64)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        final long userData32Ledger = accounts.get(e, A_USER_DATA_32_LEDGER);
        if (c.userData32 != high(userData32Ledger)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (c.ledger != low(userData32Ledger)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (c.code != Layout.codeOf(codeFlags)) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateAccountResult.EXISTS;
    }
}
