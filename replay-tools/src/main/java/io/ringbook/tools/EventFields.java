package io.ringbook.tools;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.command.Operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The input fields of a journaled event, by their API names (snake_case, DESIGN.md section 4), in the order the dump
 * prints them. Journaled values are shown as they were submitted, invalid ones included (the ledger rejected those
 * on replay exactly as live). Numbers are written as the engine holds them, like the snapshot export does (Java
 * {@code long} and {@code int} decimals), {@code user_data_128} as an unsigned 128-bit decimal, flags by name.
 */
final class EventFields {
    private EventFields() {
    }

    /** Receives the fields of one event in order. */
    interface Sink {
        void number(String name, long value);

        void wide(String name, BigInteger value);

        void flags(String name, List<String> names);
    }

    /**
     * The kind of event an operation carries ("account", "transfer", "limits" for a CONFIGURE), or null if it carries
     * none (PULSE).
     */
    static String kind(final Operation operation) {
        if (operation == Operation.CREATE_ACCOUNTS) {
            return "account";
        }
        if (operation == Operation.CREATE_TRANSFERS) {
            return "transfer";
        }
        if (operation == Operation.CONFIGURE) {
            return "limits";
        }
        return null;
    }

    /** Hands the fields of event {@code c} of a request of {@code operation} to {@code sink}. */
    static void write(final Operation operation, final Command c, final Sink sink) {
        if (operation == Operation.CREATE_ACCOUNTS) {
            sink.number("id", c.id);
            sink.number("debits_pending", c.debitsPending);
            sink.number("debits_posted", c.debitsPosted);
            sink.number("credits_pending", c.creditsPending);
            sink.number("credits_posted", c.creditsPosted);
            userData(c, sink);
            sink.number("ledger", c.ledger);
            sink.number("code", c.code);
            sink.flags("flags", flagNames(c.flags, AccountFlags.NAMES));
            sink.number("timestamp", c.timestamp);
        } else if (operation == Operation.CREATE_TRANSFERS) {
            sink.number("id", c.id);
            sink.number("debit_account_id", c.debitAccountId);
            sink.number("credit_account_id", c.creditAccountId);
            sink.number("amount", c.amount);
            sink.number("pending_id", c.pendingId);
            sink.number("reverses_id", c.reversesId);
            userData(c, sink);
            sink.number("timeout", c.timeout);
            sink.number("ledger", c.ledger);
            sink.number("code", c.code);
            sink.flags("flags", flagNames(c.flags, TransferFlags.NAMES));
            sink.number("timestamp", c.timestamp);
        } else if (operation == Operation.CONFIGURE) {
            // The Command fields a CONFIGURE uses (engine Command's table): the four capacity limits.
            sink.number("accounts_capacity", c.debitsPending);
            sink.number("transfers_capacity", c.debitsPosted);
            sink.number("failed_transfer_ids_capacity", c.creditsPending);
            sink.number("history_capacity", c.creditsPosted);
        }
    }

    private static void userData(final Command c, final Sink sink) {
        sink.wide("user_data_128", CommandCodec.wide(c.userData128Hi, c.userData128Lo));
        sink.wide("user_data_64", CommandCodec.wide(0, c.userData64));
        sink.number("user_data_32", Integer.toUnsignedLong(c.userData32));
    }

    /** The names of the set bits, lowest first; a bit without a name shows as {@code bit_N}. */
    static List<String> flagNames(final int flags, final String[] names) {
        final List<String> set = new ArrayList<>();
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if ((flags & 1 << bit) != 0) {
                set.add(bit < names.length ? names[bit] : "bit_" + bit);
            }
        }
        return set;
    }
}
