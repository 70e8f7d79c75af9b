package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.Transfer;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandCodec;

import java.util.function.IntToLongFunction;

import static io.ringbook.engine.state.Layout.A_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.A_CREDITS_PENDING;
import static io.ringbook.engine.state.Layout.A_CREDITS_POSTED;
import static io.ringbook.engine.state.Layout.A_DEBITS_PENDING;
import static io.ringbook.engine.state.Layout.A_DEBITS_POSTED;
import static io.ringbook.engine.state.Layout.A_ID;
import static io.ringbook.engine.state.Layout.A_TIMESTAMP;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.A_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.A_USER_DATA_32_LEDGER;
import static io.ringbook.engine.state.Layout.A_USER_DATA_64;
import static io.ringbook.engine.state.Layout.T_ACCOUNTS;
import static io.ringbook.engine.state.Layout.T_AMOUNT;
import static io.ringbook.engine.state.Layout.T_ID;
import static io.ringbook.engine.state.Layout.T_LEDGER_CODE_FLAGS;
import static io.ringbook.engine.state.Layout.T_REFERENCES;
import static io.ringbook.engine.state.Layout.T_REVERSED;
import static io.ringbook.engine.state.Layout.T_TIMESTAMP;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_HI;
import static io.ringbook.engine.state.Layout.T_USER_DATA_128_LO;
import static io.ringbook.engine.state.Layout.T_USER_DATA_32_TIMEOUT;
import static io.ringbook.engine.state.Layout.T_USER_DATA_64;
import static io.ringbook.engine.state.Records.high;
import static io.ringbook.engine.state.Records.low;

/**
 * Reads the engine's account and transfer rows (the words of a {@link LedgerCut} section, or of the live records)
 * back into model records: the one place that knows the row layouts outside the state machine. Used by the ledger's
 * own lookups and queries, and by snapshot exports that stream rows without building a ledger.
 */
public final class RowDecoder {
    /** Transfer status names (pending transfers and their resolution); "" for a transfer that was never pending. */
    private static final String[] STATUS_NAMES = {"", "pending", "posted", "voided", "expired"};

    private RowDecoder() {
    }

    /** The account in the row starting at word {@code base} of {@code words}. */
    public static Account account(final long[] words, final int base) {
        final Command c = new Command();
        fillAccount(c, words, base);
        return CommandCodec.readAccount(c);
    }

    /**
     * The transfer in the row starting at word {@code base}. Rows refer to accounts and to other transfers by row
     * number; the two functions map a row number to its id.
     */
    public static Transfer transfer(final long[] words, final int base, final IntToLongFunction accountIdOfRow,
                                    final IntToLongFunction transferIdOfRow) {
        final Command c = new Command();
        fillTransfer(c, words, base, accountIdOfRow, transferIdOfRow);
        return CommandCodec.readTransfer(c);
    }

    /** "pending", "posted", "voided" or "expired" for a pending transfer (by its resolution), else "". */
    public static String transferStatus(final long[] words, final int base) {
        return STATUS_NAMES[Layout.statusOf(words[base + T_LEDGER_CODE_FLAGS])];
    }

    static void fillAccount(final Command c, final long[] d, final int base) {
        c.id = d[base + A_ID];
        c.debitsPending = d[base + A_DEBITS_PENDING];
        c.debitsPosted = d[base + A_DEBITS_POSTED];
        c.creditsPending = d[base + A_CREDITS_PENDING];
        c.creditsPosted = d[base + A_CREDITS_POSTED];
        c.userData128Hi = d[base + A_USER_DATA_128_HI];
        c.userData128Lo = d[base + A_USER_DATA_128_LO];
        c.userData64 = d[base + A_USER_DATA_64];
        final long userData32Ledger = d[base + A_USER_DATA_32_LEDGER];
        c.userData32 = high(userData32Ledger);
        c.ledger = low(userData32Ledger);
        final long codeFlags = d[base + A_CODE_FLAGS];
        c.code = Layout.codeOf(codeFlags);
        c.flags = Layout.flagsOf(codeFlags);
        c.timestamp = d[base + A_TIMESTAMP];
    }

    static void fillTransfer(final Command c, final long[] d, final int base, final IntToLongFunction accountId,
                             final IntToLongFunction transferId) {
        c.id = d[base + T_ID];
        final long accounts = d[base + T_ACCOUNTS];
        c.debitAccountId = accountId.applyAsLong(high(accounts));
        c.creditAccountId = accountId.applyAsLong(low(accounts));
        c.amount = d[base + T_AMOUNT];
        final long references = d[base + T_REFERENCES];
        c.pendingId = transferId.applyAsLong(high(references));
        c.reversesId = transferId.applyAsLong(low(references));
        c.userData128Hi = d[base + T_USER_DATA_128_HI];
        c.userData128Lo = d[base + T_USER_DATA_128_LO];
        c.userData64 = d[base + T_USER_DATA_64];
        final long userData32Timeout = d[base + T_USER_DATA_32_TIMEOUT];
        c.userData32 = high(userData32Timeout);
        c.timeout = low(userData32Timeout);
        final long ledgerCodeFlags = d[base + T_LEDGER_CODE_FLAGS];
        c.ledger = Layout.ledgerOfTransfer(ledgerCodeFlags);
        c.code = Layout.codeOf(ledgerCodeFlags);
        c.flags = Layout.flagsOf(ledgerCodeFlags);
        c.timestamp = d[base + T_TIMESTAMP];
        c.reversedAmount = d[base + T_REVERSED];
    }
}
