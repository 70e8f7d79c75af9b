package io.ringbook.engine.state;

import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;

import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_AMOUNT;
import static io.ringbook.engine.state.Layout.T_LEDGER_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.T_REFERENCES;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.T_USER_DATA_32_TIMEOUT;
import static io.ringbook.engine.state.Layout.T_USER_DATA_64;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;

/**
 * Idempotency: compares a transfer event with the existing transfer that has its id and names the first field that
 * differs ({@code exists_with_different_*}), or {@code exists}. Post/void events may leave fields zero to mean "as the
 * pending transfer", so they are compared through the pending transfer.
 */
final class TransferComparison {
    private static final int BALANCING = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
    private static final int POST_OR_VOID = TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER;

    private TransferComparison() {
    }

    /** The result for event {@code c} whose id the transfer in row {@code e} already has. */
    static CreateTransferResult compare(final LedgerTables tables, final Command c, final int e) {
        final Records transfers = tables.transfers;
        final long ledgerCodeFlags = transfers.get(e, T_LEDGER_CODE_FLAGS);
        if (c.flags != Layout.flagsOf(ledgerCodeFlags)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        final long references = transfers.get(e, T_REFERENCES);
        if (c.pendingId != tables.transferId(high(references))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (c.reversesId != tables.transferId(low(references))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_REVERSES_ID;
        }
        if (c.timeout != tables.timeoutOf(e)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        if ((c.flags & POST_OR_VOID) != 0) {
            return comparePostOrVoid(tables, c, e, high(references));
        }
        final long accounts = transfers.get(e, T_ACCOUNTS);
        if (c.debitAccountId != tables.accountId(high(accounts))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (c.creditAccountId != tables.accountId(low(accounts))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        final long amount = transfers.get(e, T_AMOUNT);
        if ((c.flags & BALANCING) != 0 ? c.amount < amount : c.amount != amount) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if (c.userData128Hi != transfers.get(e, T_USER_DATA_128_HI)
            || c.userData128Lo != transfers.get(e, T_USER_DATA_128_LO)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (c.userData64 != transfers.get(e, T_USER_DATA_64)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        if (c.userData32 != high(transfers.get(e, T_USER_DATA_32_TIMEOUT))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        if (c.ledger != Layout.ledgerOfTransfer(ledgerCodeFlags)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (c.code != Layout.codeOf(ledgerCodeFlags)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateTransferResult.EXISTS;
    }

    private static CreateTransferResult comparePostOrVoid(final LedgerTables tables, final Command c, final int e,
                                                          final int p) {
        final Records transfers = tables.transfers;
        final long accounts = transfers.get(e, T_ACCOUNTS);
        if (c.debitAccountId != 0 && c.debitAccountId != tables.accountId(high(accounts))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (c.creditAccountId != 0 && c.creditAccountId != tables.accountId(low(accounts))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        final boolean isVoid = (c.flags & TransferFlags.VOID_PENDING_TRANSFER) != 0;
        final long pendingAmount = transfers.get(p, T_AMOUNT);
        if (Ledger.resolvedAmount(c.amount, pendingAmount, isVoid) != transfers.get(e, T_AMOUNT)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        final boolean userData128Unset = c.userData128Hi == 0 && c.userData128Lo == 0;
        final long expected128Hi = userData128Unset ? transfers.get(p, T_USER_DATA_128_HI) : c.userData128Hi;
        final long expected128Lo = userData128Unset ? transfers.get(p, T_USER_DATA_128_LO) : c.userData128Lo;
        if (expected128Hi != transfers.get(e, T_USER_DATA_128_HI)
            || expected128Lo != transfers.get(e, T_USER_DATA_128_LO)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        final long expected64 = c.userData64 == 0 ? transfers.get(p, T_USER_DATA_64) : c.userData64;
        if (expected64 != transfers.get(e, T_USER_DATA_64)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        }
        final int expected32 = c.userData32 == 0 ? high(transfers.get(p, T_USER_DATA_32_TIMEOUT)) : c.userData32;
        if (expected32 != high(transfers.get(e, T_USER_DATA_32_TIMEOUT))) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        }
        final long ledgerCodeFlags = transfers.get(e, T_LEDGER_CODE_FLAGS);
        if (c.ledger != 0 && c.ledger != Layout.ledgerOfTransfer(ledgerCodeFlags)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (c.code != 0 && c.code != Layout.codeOf(ledgerCodeFlags)) {
            return CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE;
        }
        return CreateTransferResult.EXISTS;
    }
}
