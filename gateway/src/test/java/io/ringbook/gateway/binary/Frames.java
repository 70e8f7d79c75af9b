package io.ringbook.gateway.binary;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A test-only codec of the binary protocol's records, written from the layouts drawn in docs/PROTOCOL.md with
 * sequential little-endian puts (deliberately not through the protocol module's record codecs), so that a mistake in
 * a codec's offsets shows up as a difference end to end. The version and the operation and error codes are the
 * protocol module's (pinned to the document by its {@code ProtocolDocumentationTest}).
 */
final class Frames {
    static final int VERSION = Frame.VERSION;
    static final int CREATE_ACCOUNTS = OperationCode.CREATE_ACCOUNTS;
    static final int CREATE_TRANSFERS = OperationCode.CREATE_TRANSFERS;
    static final int LOOKUP_ACCOUNTS = OperationCode.LOOKUP_ACCOUNTS;
    static final int LOOKUP_TRANSFERS = OperationCode.LOOKUP_TRANSFERS;
    static final int GET_ACCOUNT_TRANSFERS = OperationCode.GET_ACCOUNT_TRANSFERS;
    static final int GET_ACCOUNT_BALANCES = OperationCode.GET_ACCOUNT_BALANCES;
    static final int QUERY_ACCOUNTS = OperationCode.QUERY_ACCOUNTS;
    static final int QUERY_TRANSFERS = OperationCode.QUERY_TRANSFERS;
    static final int GET_LEDGER_TOTALS = OperationCode.GET_LEDGER_TOTALS;
    static final int STATE_HASH = OperationCode.STATE_HASH;

    static final int BUSY = ErrorCode.BUSY;
    static final int UNSUPPORTED_VERSION = ErrorCode.UNSUPPORTED_VERSION;
    static final int UNKNOWN_OPERATION = ErrorCode.UNKNOWN_OPERATION;
    static final int INVALID_COUNT = ErrorCode.INVALID_COUNT;
    static final int INVALID_BODY_SIZE = ErrorCode.INVALID_BODY_SIZE;
    static final int FRAME_TOO_LARGE = ErrorCode.FRAME_TOO_LARGE;
    static final int UNAVAILABLE = ErrorCode.UNAVAILABLE;

    private Frames() {
    }

    /** A whole request frame: length prefix, header, body. */
    static byte[] request(final int version, final int operation, final long count, final long requestId,
                          final byte[] body) {
        final ByteBuffer out = buffer(4 + 16 + body.length);
        out.putInt(16 + body.length).put((byte) version).put((byte) operation).putShort((short) 0)
            .putInt((int) count).putLong(requestId).put(body);
        return out.array();
    }

    static byte[] createAccounts(final long requestId, final List<Account> accounts) {
        return request(VERSION, CREATE_ACCOUNTS, accounts.size(), requestId, records(accounts, 96, Frames::put));
    }

    static byte[] createTransfers(final long requestId, final List<Transfer> transfers) {
        return request(VERSION, CREATE_TRANSFERS, transfers.size(), requestId, records(transfers, 112, Frames::put));
    }

    static byte[] lookup(final int operation, final long requestId, final long... ids) {
        final ByteBuffer body = buffer(ids.length * 8);
        for (final long id : ids) {
            body.putLong(id);
        }
        return request(VERSION, operation, ids.length, requestId, body.array());
    }

    static byte[] accountFilter(final int operation, final long requestId, final AccountFilter f) {
        final ByteBuffer body = buffer(64);
        body.putLong(f.accountId()).putLong(f.userData128Lo()).putLong(f.userData128Hi()).putLong(f.userData64())
            .putInt(f.userData32()).putShort((short) f.code()).putShort((short) 0).putLong(f.timestampMin())
            .putLong(f.timestampMax()).putInt(f.limit()).putInt(f.flags());
        return request(VERSION, operation, 1, requestId, body.array());
    }

    static byte[] queryFilter(final int operation, final long requestId, final QueryFilter f) {
        final ByteBuffer body = buffer(64);
        body.putLong(f.userData128Lo()).putLong(f.userData128Hi()).putLong(f.userData64()).putInt(f.userData32())
            .putInt(f.ledger()).putShort((short) f.code()).putShort((short) 0).putInt(0).putLong(f.timestampMin())
            .putLong(f.timestampMax()).putInt(f.limit()).putInt(f.flags());
        return request(VERSION, operation, 1, requestId, body.array());
    }

    static byte[] ledgerTotals(final long requestId, final int ledger) {
        return request(VERSION, GET_LEDGER_TOTALS, 1, requestId, buffer(8).putInt(ledger).putInt(0).array());
    }

    static byte[] stateHash(final long requestId) {
        return request(VERSION, STATE_HASH, 0, requestId, new byte[0]);
    }

    /** Parses a reply frame after its length prefix. */
    static Reply parse(final byte[] afterLength) {
        final ByteBuffer in = ByteBuffer.wrap(afterLength).order(ByteOrder.LITTLE_ENDIAN);
        final int version = Byte.toUnsignedInt(in.get());
        final int operation = Byte.toUnsignedInt(in.get());
        final int error = Short.toUnsignedInt(in.getShort());
        final long count = Integer.toUnsignedLong(in.getInt());
        final long requestId = in.getLong();
        final byte[] body = new byte[in.remaining()];
        in.get(body);
        return new Reply(version, operation, error, count, requestId, body);
    }

    private static void put(final ByteBuffer out, final Account a) {
        out.putLong(a.id()).putLong(a.debitsPending()).putLong(a.debitsPosted()).putLong(a.creditsPending())
            .putLong(a.creditsPosted()).putLong(a.userData128Lo()).putLong(a.userData128Hi()).putLong(a.userData64())
            .putInt(a.userData32()).putInt(0).putInt(a.ledger()).putShort((short) a.code())
            .putShort((short) a.flags()).putLong(a.timestamp()).putLong(0);
    }

    private static void put(final ByteBuffer out, final Transfer t) {
        out.putLong(t.id()).putLong(t.debitAccountId()).putLong(t.creditAccountId()).putLong(t.amount())
            .putLong(t.pendingId()).putLong(t.reversesId()).putLong(t.userData128Lo()).putLong(t.userData128Hi())
            .putLong(t.userData64()).putInt(t.userData32()).putInt(t.timeout()).putInt(t.ledger())
            .putShort((short) t.code()).putShort((short) t.flags()).putLong(t.timestamp()).putLong(0).putLong(0);
    }

    private static <T> byte[] records(final List<T> records, final int size, final RecordWriter<T> writer) {
        final ByteBuffer out = buffer(records.size() * size);
        for (final T record : records) {
            writer.write(out, record);
        }
        return out.array();
    }

    private static ByteBuffer buffer(final int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @FunctionalInterface
    private interface RecordWriter<T> {
        void write(ByteBuffer out, T record);
    }

    /** One reply frame. */
    record Reply(int version, int operation, int error, long count, long requestId, byte[] body) {

        String message() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Status and timestamp of each CreateResult. */
        List<long[]> createResults() {
            return rows(16, in -> {
                final long status = Integer.toUnsignedLong(in.getInt());
                in.getInt();
                return new long[] {status, in.getLong()};
            });
        }

        List<Account> accounts() {
            return rows(96, in -> {
                final long id = in.getLong();
                final long dp = in.getLong();
                final long dpo = in.getLong();
                final long cp = in.getLong();
                final long cpo = in.getLong();
                final long lo = in.getLong();
                final long hi = in.getLong();
                final long u64 = in.getLong();
                final int u32 = in.getInt();
                in.getInt();
                final int ledger = in.getInt();
                final int code = Short.toUnsignedInt(in.getShort());
                final int flags = Short.toUnsignedInt(in.getShort());
                final long timestamp = in.getLong();
                in.getLong();
                return new Account(id, dp, dpo, cp, cpo, hi, lo, u64, u32, ledger, code, flags, timestamp);
            });
        }

        List<Transfer> transfers() {
            return rows(112, in -> {
                final long id = in.getLong();
                final long debit = in.getLong();
                final long credit = in.getLong();
                final long amount = in.getLong();
                final long pendingId = in.getLong();
                final long reversesId = in.getLong();
                final long lo = in.getLong();
                final long hi = in.getLong();
                final long u64 = in.getLong();
                final int u32 = in.getInt();
                final int timeout = in.getInt();
                final int ledger = in.getInt();
                final int code = Short.toUnsignedInt(in.getShort());
                final int flags = Short.toUnsignedInt(in.getShort());
                final long timestamp = in.getLong();
                final long reversed = in.getLong();
                in.getLong();
                return new Transfer(id, debit, credit, amount, pendingId, reversesId, hi, lo, u64, u32, timeout,
                    ledger, code, flags, timestamp, reversed);
            });
        }

        List<AccountBalance> balances() {
            return rows(48, in -> {
                final AccountBalance balance =
                    new AccountBalance(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
                in.getLong();
                return balance;
            });
        }

        List<CodeTotals> codeTotals() {
            return rows(80, in -> {
                final int ledger = in.getInt();
                final int code = Short.toUnsignedInt(in.getShort());
                in.getShort();
                final long accounts = in.getLong();
                return new CodeTotals(ledger, code, accounts, u128(in), u128(in), u128(in), u128(in));
            });
        }

        long stateHash() {
            if (count != 1 || body.length != 8) {
                throw new AssertionError("not a state hash reply: count " + count + ", " + body.length + " bytes");
            }
            return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        private <T> List<T> rows(final int size, final Function<ByteBuffer, T> reader) {
            if (error != 0) {
                throw new AssertionError("error reply " + error + ": " + message());
            }
            if (body.length != count * size) {
                throw new AssertionError("body of " + body.length + " bytes for " + count + " records of " + size);
            }
            final ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            final List<T> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(reader.apply(in));
            }
            return rows;
        }

        private static BigInteger u128(final ByteBuffer in) {
            final long lo = in.getLong();
            final long hi = in.getLong();
            return unsigned(hi).shiftLeft(64).or(unsigned(lo));
        }

        private static BigInteger unsigned(final long value) {
            return new BigInteger(Long.toUnsignedString(value));
        }
    }
}
