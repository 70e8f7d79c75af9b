package io.ringbook.client;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;

import java.math.BigInteger;

/**
 * Model records to and from the little-endian records of {@code docs/PROTOCOL.md}, at the offsets named in
 * {@link Protocol}. Public so that a server or a test can speak the same bytes as the client.
 *
 * <p>Every {@code encode*} method appends one whole record at the buffer's writer index, reserved bytes zero. Every
 * {@code decode*} method reads the record starting at an absolute index and moves no index, so that replies can be
 * read in any order (lookups route records back by id). Unsigned 32-bit fields travel in a Java {@code int} with the
 * same bits; unsigned 16-bit fields ({@code code}, {@code flags}) are read as 0..65535.
 */
public final class WireCodec {
    private static final BigInteger U128_LIMIT = BigInteger.ONE.shiftLeft(128);

    private WireCodec() {
    }

    /** Appends a request's length field and header; {@code bodyBytes} is the size of the body that will follow. */
    public static void encodeRequestHeader(final ByteBuf out, final int operation, final int count,
                                           final long requestId, final int bodyBytes) {
        encodeHeader(out, operation, 0, count, requestId, bodyBytes);
    }

    /** Appends a reply's length field and header (servers and tests); {@code error} is 0 for ok. */
    public static void encodeReplyHeader(final ByteBuf out, final int operation, final int error, final int count,
                                         final long requestId, final int bodyBytes) {
        encodeHeader(out, operation, error, count, requestId, bodyBytes);
    }

    private static void encodeHeader(final ByteBuf out, final int operation, final int errorOrReserved,
                                     final int count, final long requestId, final int bodyBytes) {
        final int base = begin(out, Protocol.LENGTH_FIELD + Protocol.HEADER);
        out.setIntLE(base, Protocol.HEADER + bodyBytes);
        final int header = base + Protocol.LENGTH_FIELD;
        out.setByte(header + Protocol.HEADER_VERSION, Protocol.VERSION);
        out.setByte(header + Protocol.HEADER_OPERATION, operation);
        out.setShortLE(header + Protocol.HEADER_ERROR, errorOrReserved);
        out.setIntLE(header + Protocol.HEADER_COUNT, count);
        out.setLongLE(header + Protocol.HEADER_REQUEST_ID, requestId);
    }

    /** Appends an Account record (96 bytes). */
    public static void encodeAccount(final ByteBuf out, final Account account) {
        final int base = begin(out, Protocol.ACCOUNT);
        out.setLongLE(base + Protocol.ACCOUNT_ID, account.id());
        out.setLongLE(base + Protocol.ACCOUNT_DEBITS_PENDING, account.debitsPending());
        out.setLongLE(base + Protocol.ACCOUNT_DEBITS_POSTED, account.debitsPosted());
        out.setLongLE(base + Protocol.ACCOUNT_CREDITS_PENDING, account.creditsPending());
        out.setLongLE(base + Protocol.ACCOUNT_CREDITS_POSTED, account.creditsPosted());
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_128_LO, account.userData128Lo());
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_128_HI, account.userData128Hi());
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_64, account.userData64());
        out.setIntLE(base + Protocol.ACCOUNT_USER_DATA_32, account.userData32());
        out.setIntLE(base + Protocol.ACCOUNT_LEDGER, account.ledger());
        out.setShortLE(base + Protocol.ACCOUNT_CODE, account.code());
        out.setShortLE(base + Protocol.ACCOUNT_FLAGS, account.flags());
        out.setLongLE(base + Protocol.ACCOUNT_TIMESTAMP, account.timestamp());
    }

    /** Reads the Account record at {@code index}. */
    public static Account decodeAccount(final ByteBuf in, final int index) {
        return new Account(
            in.getLongLE(index + Protocol.ACCOUNT_ID),
            in.getLongLE(index + Protocol.ACCOUNT_DEBITS_PENDING),
            in.getLongLE(index + Protocol.ACCOUNT_DEBITS_POSTED),
            in.getLongLE(index + Protocol.ACCOUNT_CREDITS_PENDING),
            in.getLongLE(index + Protocol.ACCOUNT_CREDITS_POSTED),
            in.getLongLE(index + Protocol.ACCOUNT_USER_DATA_128_HI),
            in.getLongLE(index + Protocol.ACCOUNT_USER_DATA_128_LO),
            in.getLongLE(index + Protocol.ACCOUNT_USER_DATA_64),
            in.getIntLE(index + Protocol.ACCOUNT_USER_DATA_32),
            in.getIntLE(index + Protocol.ACCOUNT_LEDGER),
            in.getUnsignedShortLE(index + Protocol.ACCOUNT_CODE),
            in.getUnsignedShortLE(index + Protocol.ACCOUNT_FLAGS),
            in.getLongLE(index + Protocol.ACCOUNT_TIMESTAMP));
    }

    /**
     * Appends a Transfer record (112 bytes). {@code reversed_amount} is written as the record holds it: zero for a
     * transfer built to be created (servers ignore it on input), the reversed amount when a server answers.
     */
    public static void encodeTransfer(final ByteBuf out, final Transfer transfer) {
        final int base = begin(out, Protocol.TRANSFER);
        out.setLongLE(base + Protocol.TRANSFER_ID, transfer.id());
        out.setLongLE(base + Protocol.TRANSFER_DEBIT_ACCOUNT_ID, transfer.debitAccountId());
        out.setLongLE(base + Protocol.TRANSFER_CREDIT_ACCOUNT_ID, transfer.creditAccountId());
        out.setLongLE(base + Protocol.TRANSFER_AMOUNT, transfer.amount());
        out.setLongLE(base + Protocol.TRANSFER_PENDING_ID, transfer.pendingId());
        out.setLongLE(base + Protocol.TRANSFER_REVERSES_ID, transfer.reversesId());
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_128_LO, transfer.userData128Lo());
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_128_HI, transfer.userData128Hi());
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_64, transfer.userData64());
        out.setIntLE(base + Protocol.TRANSFER_USER_DATA_32, transfer.userData32());
        out.setIntLE(base + Protocol.TRANSFER_TIMEOUT, transfer.timeout());
        out.setIntLE(base + Protocol.TRANSFER_LEDGER, transfer.ledger());
        out.setShortLE(base + Protocol.TRANSFER_CODE, transfer.code());
        out.setShortLE(base + Protocol.TRANSFER_FLAGS, transfer.flags());
        out.setLongLE(base + Protocol.TRANSFER_TIMESTAMP, transfer.timestamp());
        out.setLongLE(base + Protocol.TRANSFER_REVERSED_AMOUNT, transfer.reversedAmount());
    }

    /** Reads the Transfer record at {@code index}, including {@code reversed_amount}. */
    public static Transfer decodeTransfer(final ByteBuf in, final int index) {
        return new Transfer(
            in.getLongLE(index + Protocol.TRANSFER_ID),
            in.getLongLE(index + Protocol.TRANSFER_DEBIT_ACCOUNT_ID),
            in.getLongLE(index + Protocol.TRANSFER_CREDIT_ACCOUNT_ID),
            in.getLongLE(index + Protocol.TRANSFER_AMOUNT),
            in.getLongLE(index + Protocol.TRANSFER_PENDING_ID),
            in.getLongLE(index + Protocol.TRANSFER_REVERSES_ID),
            in.getLongLE(index + Protocol.TRANSFER_USER_DATA_128_HI),
            in.getLongLE(index + Protocol.TRANSFER_USER_DATA_128_LO),
            in.getLongLE(index + Protocol.TRANSFER_USER_DATA_64),
            in.getIntLE(index + Protocol.TRANSFER_USER_DATA_32),
            in.getIntLE(index + Protocol.TRANSFER_TIMEOUT),
            in.getIntLE(index + Protocol.TRANSFER_LEDGER),
            in.getUnsignedShortLE(index + Protocol.TRANSFER_CODE),
            in.getUnsignedShortLE(index + Protocol.TRANSFER_FLAGS),
            in.getLongLE(index + Protocol.TRANSFER_TIMESTAMP),
            in.getLongLE(index + Protocol.TRANSFER_REVERSED_AMOUNT));
    }

    /** Appends a CreateResult record (16 bytes): a result code and a timestamp. */
    public static void encodeCreateResult(final ByteBuf out, final int status, final long timestamp) {
        final int base = begin(out, Protocol.CREATE_RESULT);
        out.setIntLE(base + Protocol.RESULT_STATUS, status);
        out.setLongLE(base + Protocol.RESULT_TIMESTAMP, timestamp);
    }

    /**
     * Reads the CreateResult record at {@code index}; the wire record holds only status and timestamp, so the
     * caller supplies the event's index (in the caller's list) and id.
     */
    public static CreateResult decodeCreateResult(final ByteBuf in, final int index, final int eventIndex,
                                                  final long id) {
        return new CreateResult(eventIndex, id, in.getIntLE(index + Protocol.RESULT_STATUS),
            in.getLongLE(index + Protocol.RESULT_TIMESTAMP));
    }

    /** Appends an Id record (8 bytes) of a lookup. */
    public static void encodeId(final ByteBuf out, final long id) {
        out.writeLongLE(id);
    }

    /** Reads the Id record at {@code index}. */
    public static long decodeId(final ByteBuf in, final int index) {
        return in.getLongLE(index);
    }

    /** Appends an AccountFilter record (64 bytes). */
    public static void encodeAccountFilter(final ByteBuf out, final AccountFilter filter) {
        final int base = begin(out, Protocol.ACCOUNT_FILTER);
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_ACCOUNT_ID, filter.accountId());
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_128_LO, filter.userData128Lo());
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_128_HI, filter.userData128Hi());
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_64, filter.userData64());
        out.setIntLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_32, filter.userData32());
        out.setShortLE(base + Protocol.ACCOUNT_FILTER_CODE, filter.code());
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_TIMESTAMP_MIN, filter.timestampMin());
        out.setLongLE(base + Protocol.ACCOUNT_FILTER_TIMESTAMP_MAX, filter.timestampMax());
        out.setIntLE(base + Protocol.ACCOUNT_FILTER_LIMIT, filter.limit());
        out.setIntLE(base + Protocol.ACCOUNT_FILTER_FLAGS, filter.flags());
    }

    /** Reads the AccountFilter record at {@code index}. */
    public static AccountFilter decodeAccountFilter(final ByteBuf in, final int index) {
        return new AccountFilter(
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_ACCOUNT_ID),
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_USER_DATA_128_HI),
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_USER_DATA_128_LO),
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_USER_DATA_64),
            in.getIntLE(index + Protocol.ACCOUNT_FILTER_USER_DATA_32),
            in.getUnsignedShortLE(index + Protocol.ACCOUNT_FILTER_CODE),
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_TIMESTAMP_MIN),
            in.getLongLE(index + Protocol.ACCOUNT_FILTER_TIMESTAMP_MAX),
            in.getIntLE(index + Protocol.ACCOUNT_FILTER_LIMIT),
            in.getIntLE(index + Protocol.ACCOUNT_FILTER_FLAGS));
    }

    /** Appends a QueryFilter record (64 bytes). */
    public static void encodeQueryFilter(final ByteBuf out, final QueryFilter filter) {
        final int base = begin(out, Protocol.QUERY_FILTER);
        out.setLongLE(base + Protocol.QUERY_FILTER_USER_DATA_128_LO, filter.userData128Lo());
        out.setLongLE(base + Protocol.QUERY_FILTER_USER_DATA_128_HI, filter.userData128Hi());
        out.setLongLE(base + Protocol.QUERY_FILTER_USER_DATA_64, filter.userData64());
        out.setIntLE(base + Protocol.QUERY_FILTER_USER_DATA_32, filter.userData32());
        out.setIntLE(base + Protocol.QUERY_FILTER_LEDGER, filter.ledger());
        out.setShortLE(base + Protocol.QUERY_FILTER_CODE, filter.code());
        out.setLongLE(base + Protocol.QUERY_FILTER_TIMESTAMP_MIN, filter.timestampMin());
        out.setLongLE(base + Protocol.QUERY_FILTER_TIMESTAMP_MAX, filter.timestampMax());
        out.setIntLE(base + Protocol.QUERY_FILTER_LIMIT, filter.limit());
        out.setIntLE(base + Protocol.QUERY_FILTER_FLAGS, filter.flags());
    }

    /** Reads the QueryFilter record at {@code index}. */
    public static QueryFilter decodeQueryFilter(final ByteBuf in, final int index) {
        return new QueryFilter(
            in.getLongLE(index + Protocol.QUERY_FILTER_USER_DATA_128_HI),
            in.getLongLE(index + Protocol.QUERY_FILTER_USER_DATA_128_LO),
            in.getLongLE(index + Protocol.QUERY_FILTER_USER_DATA_64),
            in.getIntLE(index + Protocol.QUERY_FILTER_USER_DATA_32),
            in.getIntLE(index + Protocol.QUERY_FILTER_LEDGER),
            in.getUnsignedShortLE(index + Protocol.QUERY_FILTER_CODE),
            in.getLongLE(index + Protocol.QUERY_FILTER_TIMESTAMP_MIN),
            in.getLongLE(index + Protocol.QUERY_FILTER_TIMESTAMP_MAX),
            in.getIntLE(index + Protocol.QUERY_FILTER_LIMIT),
            in.getIntLE(index + Protocol.QUERY_FILTER_FLAGS));
    }

    /** Appends an AccountBalance record (48 bytes). */
    public static void encodeAccountBalance(final ByteBuf out, final AccountBalance balance) {
        final int base = begin(out, Protocol.ACCOUNT_BALANCE);
        out.setLongLE(base + Protocol.BALANCE_TIMESTAMP, balance.timestamp());
        out.setLongLE(base + Protocol.BALANCE_DEBITS_PENDING, balance.debitsPending());
        out.setLongLE(base + Protocol.BALANCE_DEBITS_POSTED, balance.debitsPosted());
        out.setLongLE(base + Protocol.BALANCE_CREDITS_PENDING, balance.creditsPending());
        out.setLongLE(base + Protocol.BALANCE_CREDITS_POSTED, balance.creditsPosted());
    }

    /** Reads the AccountBalance record at {@code index}. */
    public static AccountBalance decodeAccountBalance(final ByteBuf in, final int index) {
        return new AccountBalance(
            in.getLongLE(index + Protocol.BALANCE_TIMESTAMP),
            in.getLongLE(index + Protocol.BALANCE_DEBITS_PENDING),
            in.getLongLE(index + Protocol.BALANCE_DEBITS_POSTED),
            in.getLongLE(index + Protocol.BALANCE_CREDITS_PENDING),
            in.getLongLE(index + Protocol.BALANCE_CREDITS_POSTED));
    }

    /** Appends a LedgerTotalsRequest record (8 bytes). */
    public static void encodeLedgerTotalsRequest(final ByteBuf out, final int ledger) {
        final int base = begin(out, Protocol.LEDGER_TOTALS_REQUEST);
        out.setIntLE(base + Protocol.TOTALS_REQUEST_LEDGER, ledger);
    }

    /** Reads the ledger of the LedgerTotalsRequest record at {@code index}. */
    public static int decodeLedgerTotalsRequest(final ByteBuf in, final int index) {
        return in.getIntLE(index + Protocol.TOTALS_REQUEST_LEDGER);
    }

    /**
     * Appends a CodeTotals record (80 bytes).
     *
     * @throws IllegalArgumentException if a sum is negative or does not fit in 128 bits
     */
    public static void encodeCodeTotals(final ByteBuf out, final CodeTotals totals) {
        checkU128("debitsPending", totals.debitsPending());
        checkU128("debitsPosted", totals.debitsPosted());
        checkU128("creditsPending", totals.creditsPending());
        checkU128("creditsPosted", totals.creditsPosted());
        final int base = begin(out, Protocol.CODE_TOTALS);
        out.setIntLE(base + Protocol.TOTALS_LEDGER, totals.ledger());
        out.setShortLE(base + Protocol.TOTALS_CODE, totals.code());
        out.setLongLE(base + Protocol.TOTALS_ACCOUNTS, totals.accounts());
        setU128(out, base + Protocol.TOTALS_DEBITS_PENDING, totals.debitsPending());
        setU128(out, base + Protocol.TOTALS_DEBITS_POSTED, totals.debitsPosted());
        setU128(out, base + Protocol.TOTALS_CREDITS_PENDING, totals.creditsPending());
        setU128(out, base + Protocol.TOTALS_CREDITS_POSTED, totals.creditsPosted());
    }

    /** Reads the CodeTotals record at {@code index}; the four sums are unsigned 128-bit values. */
    public static CodeTotals decodeCodeTotals(final ByteBuf in, final int index) {
        return new CodeTotals(
            in.getIntLE(index + Protocol.TOTALS_LEDGER),
            in.getUnsignedShortLE(index + Protocol.TOTALS_CODE),
            in.getLongLE(index + Protocol.TOTALS_ACCOUNTS),
            getU128(in, index + Protocol.TOTALS_DEBITS_PENDING),
            getU128(in, index + Protocol.TOTALS_DEBITS_POSTED),
            getU128(in, index + Protocol.TOTALS_CREDITS_PENDING),
            getU128(in, index + Protocol.TOTALS_CREDITS_POSTED));
    }

    /** Appends a StateHash record (8 bytes). */
    public static void encodeStateHash(final ByteBuf out, final long stateHash) {
        out.writeLongLE(stateHash);
    }

    /** Reads the StateHash record at {@code index}. */
    public static long decodeStateHash(final ByteBuf in, final int index) {
        return in.getLongLE(index);
    }

    /** Reserves {@code size} zeroed bytes at the writer index and answers where they start. */
    private static int begin(final ByteBuf out, final int size) {
        final int base = out.writerIndex();
        out.writeZero(size);
        return base;
    }

    private static void checkU128(final String name, final BigInteger value) {
        if (value.signum() < 0 || value.compareTo(U128_LIMIT) >= 0) {
            throw new IllegalArgumentException(name + " must be an unsigned 128-bit value: " + value);
        }
    }

    private static void setU128(final ByteBuf out, final int index, final BigInteger value) {
        out.setLongLE(index, value.longValue());
        out.setLongLE(index + Long.BYTES, value.shiftRight(Long.SIZE).longValue());
    }

    private static BigInteger getU128(final ByteBuf in, final int index) {
        final long low = in.getLongLE(index);
        final long high = in.getLongLE(index + Long.BYTES);
        if (high == 0 && low >= 0) {
            return BigInteger.valueOf(low);
        }
        final byte[] bigEndian = new byte[2 * Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bigEndian[i] = (byte) (high >>> (Long.SIZE - Byte.SIZE * (i + 1)));
            bigEndian[Long.BYTES + i] = (byte) (low >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
        return new BigInteger(1, bigEndian);
    }
}
