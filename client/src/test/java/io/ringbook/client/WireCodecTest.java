package io.ringbook.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireCodecTest {
    private static final BigInteger U128_MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    @Test
    void shouldRoundTripAccountsIncludingExtremeValues() {
        final Account plain = Account.of(42, 700, 10, AccountFlags.HISTORY)
            .withUserData(0x1122_3344_5566_7788L, 0x99AA_BBCC_DDEE_FF00L, 77, 88)
            .withBalances(1, 2, 3, 4).withTimestamp(123_456_789L);
        final Account extreme = new Account(-1, Long.MAX_VALUE, Long.MIN_VALUE, -2, 1, -3, -4, -5, -1, -1, 0xFFFF,
            0xFFFF, -6);
        for (final Account account : new Account[] {plain, extreme}) {
            final ByteBuf buf = Unpooled.buffer();
            WireCodec.encodeAccount(buf, account);
            assertEquals(Protocol.ACCOUNT, buf.readableBytes());
            assertEquals(account, WireCodec.decodeAccount(buf, 0));
        }
    }

    @Test
    void shouldPlaceAccountFieldsAtTheDocumentedOffsetsWithReservedBytesZero() {
        final Account account = new Account(1, 2, 3, 4, 5, 7, 6, 8, -1, -1, 0xFFFF, 0xFFFF, -1);
        final ByteBuf buf = Unpooled.buffer();
        WireCodec.encodeAccount(buf, account);
        assertEquals(6, buf.getLongLE(40), "user_data_128 low half at 40");
        assertEquals(7, buf.getLongLE(48), "user_data_128 high half at 48");
        assertEquals(0, buf.getIntLE(68), "reserved u32 after user_data_32");
        assertEquals(0xFFFF_FFFFL, buf.getUnsignedIntLE(72), "ledger as u32");
        assertEquals(0xFFFF, buf.getUnsignedShortLE(76));
        assertEquals(0, buf.getLongLE(88), "trailing reserved u64");
    }

    @Test
    void shouldRoundTripTransfersIncludingTheReversedAmount() {
        final Transfer built = Transfer.builder().id(9).debitAccountId(1).creditAccountId(2).amount(Transfer.AMOUNT_MAX)
            .pendingId(3).reversesId(4).userData128(5, 6).userData64(7).userData32(8).timeout(-1).ledger(700).code(1)
            .flags(TransferFlags.LINKED | TransferFlags.PENDING).timestamp(11).build();
        final Transfer answered = new Transfer(-9, -8, -7, -6, -5, -4, -3, -2, -1, -1, -1, -1, 0xFFFF, 0xFFFF,
            Long.MIN_VALUE, 12_345);
        for (final Transfer transfer : new Transfer[] {built, answered}) {
            final ByteBuf buf = Unpooled.buffer();
            WireCodec.encodeTransfer(buf, transfer);
            assertEquals(Protocol.TRANSFER, buf.readableBytes());
            assertEquals(transfer, WireCodec.decodeTransfer(buf, 0));
        }
        final ByteBuf buf = Unpooled.buffer();
        WireCodec.encodeTransfer(buf, answered);
        assertEquals(12_345, buf.getLongLE(96), "reversed_amount at 96");
        assertEquals(0, buf.getLongLE(104), "trailing reserved u64");
    }

    @Test
    void shouldRoundTripCreateResultsWithTheCallersIndexAndId() {
        final ByteBuf buf = Unpooled.buffer();
        WireCodec.encodeCreateResult(buf, 46, 999);
        WireCodec.encodeCreateResult(buf, 0, Long.MAX_VALUE);
        assertEquals(2 * Protocol.CREATE_RESULT, buf.readableBytes());
        assertEquals(new CreateResult(0, 5, 46, 999), WireCodec.decodeCreateResult(buf, 0, 0, 5));
        assertEquals(new CreateResult(1, 6, 0, Long.MAX_VALUE), WireCodec.decodeCreateResult(buf, 16, 1, 6));
        assertEquals(0, buf.getIntLE(4), "reserved u32 after status");
    }

    @Test
    void shouldRoundTripFiltersIdsBalancesAndStateHash() {
        final AccountFilter accountFilter = new AccountFilter(1, 2, 3, 4, -1, 0xFFFF, 5, -6, 8190, AccountFilter.ALL);
        final QueryFilter queryFilter = new QueryFilter(-1, -2, -3, -4, -5, 0xFFFF, 6, 7, 100, QueryFilter.REVERSED);
        final AccountBalance balance = new AccountBalance(Long.MAX_VALUE, 1, 2, 3, -4);
        final ByteBuf buf = Unpooled.buffer();
        WireCodec.encodeAccountFilter(buf, accountFilter);
        WireCodec.encodeQueryFilter(buf, queryFilter);
        WireCodec.encodeAccountBalance(buf, balance);
        WireCodec.encodeId(buf, -77);
        WireCodec.encodeLedgerTotalsRequest(buf, -1);
        WireCodec.encodeStateHash(buf, 0xDEAD_BEEF_CAFE_F00DL);
        int at = 0;
        assertEquals(accountFilter, WireCodec.decodeAccountFilter(buf, at));
        at += Protocol.ACCOUNT_FILTER;
        assertEquals(queryFilter, WireCodec.decodeQueryFilter(buf, at));
        assertEquals(0, buf.getShortLE(at + 34), "query filter reserved u16");
        assertEquals(0, buf.getIntLE(at + 36), "query filter reserved u32");
        at += Protocol.QUERY_FILTER;
        assertEquals(balance, WireCodec.decodeAccountBalance(buf, at));
        at += Protocol.ACCOUNT_BALANCE;
        assertEquals(-77, WireCodec.decodeId(buf, at));
        at += Protocol.ID;
        assertEquals(-1, WireCodec.decodeLedgerTotalsRequest(buf, at));
        assertEquals(0, buf.getIntLE(at + 4), "ledger totals request reserved u32");
        at += Protocol.LEDGER_TOTALS_REQUEST;
        assertEquals(0xDEAD_BEEF_CAFE_F00DL, WireCodec.decodeStateHash(buf, at));
        assertEquals(at + Protocol.STATE_HASH_RECORD, buf.readableBytes());
    }

    @Test
    void shouldRoundTripCodeTotalsWithSumsBeyondSixtyFourBits() {
        final CodeTotals totals = new CodeTotals(-1, 0xFFFF, Long.MAX_VALUE, BigInteger.ZERO,
            BigInteger.TWO.pow(64), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), U128_MAX);
        final ByteBuf buf = Unpooled.buffer();
        WireCodec.encodeCodeTotals(buf, totals);
        assertEquals(Protocol.CODE_TOTALS, buf.readableBytes());
        assertEquals(totals, WireCodec.decodeCodeTotals(buf, 0));
        assertEquals(0, buf.getLongLE(32), "2^64: low half zero");
        assertEquals(1, buf.getLongLE(40), "2^64: high half one");
        assertEquals(-1, buf.getLongLE(64), "u128 max: all ones");
        assertEquals(-1, buf.getLongLE(72), "u128 max: all ones");
    }

    @Test
    void shouldRefuseCodeTotalsThatAreNotUnsigned128BitValues() {
        final CodeTotals negative = new CodeTotals(1, 1, 1, BigInteger.valueOf(-1), BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ZERO);
        final CodeTotals tooLarge = new CodeTotals(1, 1, 1, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.TWO.pow(128));
        assertThrows(IllegalArgumentException.class, () -> WireCodec.encodeCodeTotals(Unpooled.buffer(), negative));
        assertThrows(IllegalArgumentException.class, () -> WireCodec.encodeCodeTotals(Unpooled.buffer(), tooLarge));
    }

    @Test
    void shouldWriteTheGoldenRequestBytesOfTheProtocolExample() {
        final ByteBuf frame = Unpooled.buffer();
        WireCodec.encodeRequestHeader(frame, Protocol.CREATE_TRANSFERS, 1, 7, Protocol.TRANSFER);
        WireCodec.encodeTransfer(frame, Transfer.builder().id(1).debitAccountId(1).creditAccountId(2).amount(10)
            .ledger(700).code(1).build());
        assertEquals(4 + 16 + 112, frame.readableBytes());
        final byte[] golden = ByteBufUtil.decodeHexDump("80000000" + "01020000" + "01000000" + "0700000000000000");
        final byte[] first20 = new byte[20];
        frame.getBytes(0, first20);
        assertArrayEquals(golden, first20);
    }

    @Test
    void shouldReadTheGoldenReplyBytesOfTheProtocolExample() {
        final ByteBuf reply = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("20000000" + "01020000" + "01000000"
            + "0700000000000000" + "0000000000000000" + "0807060504030201"));
        assertEquals(32, reply.getIntLE(0), "length");
        final ByteBuf frame = reply.slice(Protocol.LENGTH_FIELD, 32);
        assertEquals(Protocol.VERSION, frame.getUnsignedByte(Protocol.HEADER_VERSION));
        assertEquals(Protocol.CREATE_TRANSFERS, frame.getUnsignedByte(Protocol.HEADER_OPERATION));
        assertEquals(Protocol.OK, frame.getUnsignedShortLE(Protocol.HEADER_ERROR));
        assertEquals(1, frame.getIntLE(Protocol.HEADER_COUNT));
        assertEquals(7, frame.getLongLE(Protocol.HEADER_REQUEST_ID));
        assertEquals(new CreateResult(0, 1, 0, 0x0102_0304_0506_0708L),
            WireCodec.decodeCreateResult(frame, Protocol.HEADER, 0, 1));

        final ByteBuf encoded = Unpooled.buffer();
        WireCodec.encodeReplyHeader(encoded, Protocol.CREATE_TRANSFERS, Protocol.OK, 1, 7, Protocol.CREATE_RESULT);
        WireCodec.encodeCreateResult(encoded, 0, 0x0102_0304_0506_0708L);
        assertEquals(reply, encoded);
    }
}
