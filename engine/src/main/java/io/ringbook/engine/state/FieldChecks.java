package io.ringbook.engine.state;

import io.ringbook.engine.command.Command;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.TransferFlags;

/**
 * The create rules that read only the event's own fields, no state: what an event asks must make sense before
 * anything is looked up. {@link Ledger} calls each group at its place in the precedence order (docs/SEMANTICS.md:
 * create_accounts after {@code accounts_capacity_exceeded}, create_transfers steps 6-9, post/void steps 1-2);
 * {@code created} means "no objection".
 */
final class FieldChecks {
    private static final int CLOSING = TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT;
    private static final int BALANCING = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
    private static final int NOT_WITH_POST_OR_VOID = TransferFlags.PENDING | BALANCING | CLOSING;

    private FieldChecks() {
    }

    /** create_accounts: mutually exclusive flags, balances given, ledger and code missing. */
    static CreateAccountResult newAccount(final Command c) {
        if ((c.flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) != 0
            && (c.flags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) != 0) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (c.debitsPending != 0) {
            return CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
        }
        if (c.debitsPosted != 0) {
            return CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
        }
        if (c.creditsPending != 0) {
            return CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
        }
        if (c.creditsPosted != 0) {
            return CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
        }
        if (c.ledger == 0) {
            return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (c.code == 0) {
            return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        }
        return CreateAccountResult.CREATED;
    }

    /** Steps 6-9 of create_transfers, for a transfer that neither posts nor voids. */
    static CreateTransferResult newTransfer(final Command c) {
        if (c.debitAccountId == 0) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (Ledger.isIntMax(c.debitAccountId)) {
            return CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.creditAccountId == 0) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (Ledger.isIntMax(c.creditAccountId)) {
            return CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.debitAccountId == c.creditAccountId) {
            return CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (c.pendingId != 0) {
            return CreateTransferResult.PENDING_ID_MUST_BE_ZERO;
        }
        if ((c.flags & TransferFlags.PENDING) == 0) {
            if (c.timeout != 0) {
                return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
            }
            if ((c.flags & CLOSING) != 0) {
                return CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING;
            }
        }
        if (c.reversesId != 0) {
            if (Ledger.isIntMax(c.reversesId)) {
                return CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX;
            }
            if (c.reversesId == c.id) {
                return CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT;
            }
        }
        if (c.amount < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (c.ledger == 0) {
            return CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (c.code == 0) {
            return CreateTransferResult.CODE_MUST_NOT_BE_ZERO;
        }
        return CreateTransferResult.CREATED;
    }

    /** Steps 1-2 of the post/void path. */
    static CreateTransferResult postOrVoid(final Command c, final boolean isVoid) {
        final boolean isPost = (c.flags & TransferFlags.POST_PENDING_TRANSFER) != 0;
        if (isPost && isVoid || (c.flags & NOT_WITH_POST_OR_VOID) != 0) {
            return CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (c.pendingId == 0) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (Ledger.isIntMax(c.pendingId)) {
            return CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX;
        }
        if (c.pendingId == c.id) {
            return CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (c.timeout != 0) {
            return CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (c.reversesId != 0) {
            return CreateTransferResult.REVERSES_ID_MUST_BE_ZERO;
        }
        if (c.amount < 0) {
            return CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        return CreateTransferResult.CREATED;
    }
}
