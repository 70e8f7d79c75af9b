package io.ringbook.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.ringbook.engine.command.Operation;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Encodes answers as JSON with Jackson's streaming generator into a Netty buffer. Integers are JSON numbers in the
 * same ranges the API reads: user data, ledger and timeout unsigned, ids, amounts, balances and timestamps as the
 * signed 64-bit values the engine stores; flags are arrays of names.
 */
final class JsonPublisher {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private JsonPublisher() {
    }

    /** Writes one JSON document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** A buffer holding the document {@code body} writes. */
    static ByteBuf encode(final ByteBufAllocator allocator, final Body body) {
        final ByteBuf buffer = allocator.buffer();
        try (JsonGenerator json = FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
            body.write(json);
        } catch (final IOException e) {
            buffer.release();
            throw new UncheckedIOException(e);
        } catch (final RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer;
    }

    /** {@code {"error": code, "message": message}}. */
    static Body error(final ApiError error, final String message) {
        return json -> {
            json.writeStartObject();
            json.writeStringField("error", error.wireName());
            json.writeStringField("message", message);
            json.writeEndObject();
        };
    }

    /** One {@code {"index","id","status","timestamp"}} per event, status by its wire name. */
    static Body createResults(final Operation operation, final List<CreateResult> results) {
        return json -> {
            json.writeStartArray();
            for (final CreateResult result : results) {
                json.writeStartObject();
                json.writeNumberField("index", result.index());
                json.writeNumberField("id", result.id());
                json.writeStringField("status", statusName(operation, result.status()));
                json.writeNumberField("timestamp", result.timestamp());
                json.writeEndObject();
            }
            json.writeEndArray();
        };
    }

    static Body accounts(final List<Account> accounts) {
        return json -> {
            json.writeStartArray();
            for (final Account account : accounts) {
                writeAccount(json, account);
            }
            json.writeEndArray();
        };
    }

    static Body account(final Account account) {
        return json -> writeAccount(json, account);
    }

    static Body transfers(final List<Transfer> transfers) {
        return json -> {
            json.writeStartArray();
            for (final Transfer transfer : transfers) {
                writeTransfer(json, transfer);
            }
            json.writeEndArray();
        };
    }

    static Body transfer(final Transfer transfer) {
        return json -> writeTransfer(json, transfer);
    }

    static Body balances(final List<AccountBalance> balances) {
        return json -> {
            json.writeStartArray();
            for (final AccountBalance balance : balances) {
                json.writeStartObject();
                json.writeNumberField("timestamp", balance.timestamp());
                json.writeNumberField("debits_pending", balance.debitsPending());
                json.writeNumberField("debits_posted", balance.debitsPosted());
                json.writeNumberField("credits_pending", balance.creditsPending());
                json.writeNumberField("credits_posted", balance.creditsPosted());
                json.writeEndObject();
            }
            json.writeEndArray();
        };
    }

    /** Trial-balance rows, field names as in the snapshot export's totals. */
    static Body totals(final List<CodeTotals> totals) {
        return json -> {
            json.writeStartArray();
            for (final CodeTotals row : totals) {
                json.writeStartObject();
                json.writeNumberField("ledger", Integer.toUnsignedLong(row.ledger()));
                json.writeNumberField("code", row.code());
                json.writeNumberField("accounts", row.accounts());
                json.writeNumberField("debits_pending", row.debitsPending());
                json.writeNumberField("debits_posted", row.debitsPosted());
                json.writeNumberField("credits_pending", row.creditsPending());
                json.writeNumberField("credits_posted", row.creditsPosted());
                json.writeEndObject();
            }
            json.writeEndArray();
        };
    }

    /** The wire name of a create result code (its number if the code is unknown, which would be a defect). */
    static String statusName(final Operation operation, final int status) {
        if (operation == Operation.CREATE_ACCOUNTS) {
            final CreateAccountResult result = CreateAccountResult.ofCode(status);
            return result == null ? Integer.toString(status) : result.wireName();
        }
        final CreateTransferResult result = CreateTransferResult.ofCode(status);
        return result == null ? Integer.toString(status) : result.wireName();
    }

    private static void writeAccount(final JsonGenerator json, final Account a) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", a.id());
        json.writeNumberField("ledger", Integer.toUnsignedLong(a.ledger()));
        json.writeNumberField("code", a.code());
        writeFlags(json, a.flags(), AccountFlags.NAMES);
        json.writeNumberField("debits_pending", a.debitsPending());
        json.writeNumberField("debits_posted", a.debitsPosted());
        json.writeNumberField("credits_pending", a.creditsPending());
        json.writeNumberField("credits_posted", a.creditsPosted());
        writeUserData(json, a.userData128Hi(), a.userData128Lo(), a.userData64(), a.userData32());
        json.writeNumberField("timestamp", a.timestamp());
        json.writeEndObject();
    }

    private static void writeTransfer(final JsonGenerator json, final Transfer t) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", t.id());
        json.writeNumberField("debit_account_id", t.debitAccountId());
        json.writeNumberField("credit_account_id", t.creditAccountId());
        json.writeNumberField("amount", t.amount());
        json.writeNumberField("pending_id", t.pendingId());
        json.writeNumberField("reverses_id", t.reversesId());
        writeUserData(json, t.userData128Hi(), t.userData128Lo(), t.userData64(), t.userData32());
        json.writeNumberField("timeout", Integer.toUnsignedLong(t.timeout()));
        json.writeNumberField("ledger", Integer.toUnsignedLong(t.ledger()));
        json.writeNumberField("code", t.code());
        writeFlags(json, t.flags(), TransferFlags.NAMES);
        json.writeNumberField("timestamp", t.timestamp());
        json.writeNumberField("reversed_amount", t.reversedAmount());
        json.writeEndObject();
    }

    private static void writeUserData(final JsonGenerator json, final long hi, final long lo, final long u64,
                                      final int u32) throws IOException {
        json.writeFieldName("user_data_128");
        writeUnsigned(json, hi, lo);
        json.writeFieldName("user_data_64");
        writeUnsigned(json, 0, u64);
        json.writeNumberField("user_data_32", Integer.toUnsignedLong(u32));
    }

    /** The unsigned 128-bit value {@code hi * 2^64 + lo} (both words unsigned). */
    private static void writeUnsigned(final JsonGenerator json, final long hi, final long lo) throws IOException {
        if (hi == 0 && lo >= 0) {
            json.writeNumber(lo);
            return;
        }
        BigInteger low = BigInteger.valueOf(lo);
        if (lo < 0) {
            low = low.add(TWO_64);
        }
        BigInteger high = BigInteger.valueOf(hi);
        if (hi < 0) {
            high = high.add(TWO_64);
        }
        json.writeNumber(high.shiftLeft(Long.SIZE).add(low));
    }

    private static void writeFlags(final JsonGenerator json, final int flags, final String[] names)
        throws IOException {
        json.writeArrayFieldStart("flags");
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                json.writeString(names[bit]);
            }
        }
        json.writeEndArray();
    }
}
