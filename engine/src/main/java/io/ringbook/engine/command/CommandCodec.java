package io.ringbook.engine.command;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;

import java.math.BigInteger;

/**
 * Copies model records into commands and results out of them. The one place that knows which {@link Command}
 * field carries which record field, shared by every producer and consumer of the ring.
 */
public final class CommandCodec {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private CommandCodec() {
    }

    /** Writes an account into a command (create_accounts input or a looked-up row). */
    public static void writeAccount(final Command c, final Account a) {
        c.id = a.id();
        c.debitsPending = a.debitsPending();
        c.debitsPosted = a.debitsPosted();
        c.creditsPending = a.creditsPending();
        c.creditsPosted = a.creditsPosted();
        c.userData128Hi = a.userData128Hi();
        c.userData128Lo = a.userData128Lo();
        c.userData64 = a.userData64();
        c.userData32 = a.userData32();
        c.ledger = a.ledger();
        c.code = a.code();
        c.flags = a.flags();
        c.timestamp = a.timestamp();
    }

    /** The account a command holds. */
    public static Account readAccount(final Command c) {
        return new Account(c.id, c.debitsPending, c.debitsPosted, c.creditsPending, c.creditsPosted,
            c.userData128Hi, c.userData128Lo, c.userData64, c.userData32, c.ledger, c.code, c.flags, c.timestamp);
    }

    /** Writes a transfer into a command (create_transfers input or a looked-up row). */
    public static void writeTransfer(final Command c, final Transfer t) {
        c.id = t.id();
        c.debitAccountId = t.debitAccountId();
        c.creditAccountId = t.creditAccountId();
        c.amount = t.amount();
        c.pendingId = t.pendingId();
        c.reversesId = t.reversesId();
        c.userData128Hi = t.userData128Hi();
        c.userData128Lo = t.userData128Lo();
        c.userData64 = t.userData64();
        c.userData32 = t.userData32();
        c.timeout = t.timeout();
        c.ledger = t.ledger();
        c.code = t.code();
        c.flags = t.flags();
        c.timestamp = t.timestamp();
    }

    /** The transfer a command holds, with its reversed amount. */
    public static Transfer readTransfer(final Command c) {
        return new Transfer(c.id, c.debitAccountId, c.creditAccountId, c.amount, c.pendingId, c.reversesId,
            c.userData128Hi, c.userData128Lo, c.userData64, c.userData32, c.timeout, c.ledger, c.code, c.flags,
            c.timestamp, c.reversedAmount);
    }

    /** Writes an account filter into the head command of a get_account_* request. */
    public static void writeAccountFilter(final Command c, final AccountFilter f) {
        c.id = f.accountId();
        c.userData128Hi = f.userData128Hi();
        c.userData128Lo = f.userData128Lo();
        c.userData64 = f.userData64();
        c.userData32 = f.userData32();
        c.code = f.code();
        c.timestampMin = f.timestampMin();
        c.timestampMax = f.timestampMax();
        c.limit = f.limit();
        c.flags = f.flags();
    }

    /** Writes a query filter into the head command of a query_* request. */
    public static void writeQueryFilter(final Command c, final QueryFilter f) {
        c.userData128Hi = f.userData128Hi();
        c.userData128Lo = f.userData128Lo();
        c.userData64 = f.userData64();
        c.userData32 = f.userData32();
        c.ledger = f.ledger();
        c.code = f.code();
        c.timestampMin = f.timestampMin();
        c.timestampMax = f.timestampMax();
        c.limit = f.limit();
        c.flags = f.flags();
    }

    /** The result of a create_* command. */
    public static CreateResult readCreateResult(final Command c) {
        return new CreateResult(c.indexInRequest, c.id, c.status, c.resultTimestamp);
    }

    /** The balance row a command holds. */
    public static AccountBalance readAccountBalance(final Command c) {
        return new AccountBalance(c.timestamp, c.debitsPending, c.debitsPosted, c.creditsPending, c.creditsPosted);
    }

    /** The per-code totals row a command holds, with its 128-bit sums. */
    public static CodeTotals readCodeTotals(final Command c) {
        return new CodeTotals(c.ledger, c.code, c.id, wide(c.debitsPendingHi, c.debitsPending),
            wide(c.debitsPostedHi, c.debitsPosted), wide(c.creditsPendingHi, c.creditsPending),
            wide(c.creditsPostedHi, c.creditsPosted));
    }

    /** The unsigned 128-bit value hi:lo. */
    public static BigInteger wide(final long hi, final long lo) {
        return unsigned(hi).shiftLeft(64).add(unsigned(lo));
    }

    private static BigInteger unsigned(final long value) {
        final BigInteger signed = BigInteger.valueOf(value);
        return value < 0 ? signed.add(TWO_64) : signed;
    }
}
