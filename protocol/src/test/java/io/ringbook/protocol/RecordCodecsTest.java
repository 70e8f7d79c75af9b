package io.ringbook.protocol;

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

/** The model-record helpers of the record codecs: round trips, extreme values, reserved bytes, u128 sums. */
class RecordCodecsTest {
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
            new AccountCodec().append(buf).set(account);
            assertEquals(AccountCodec.BYTES, buf.readableBytes());
            assertEquals(account, new AccountCodec().wrap(buf, 0).toAccount());
        }
    }

    @Test
    void shouldPlaceAccountFieldsAtTheDocumentedOffsetsWithReservedBytesZero() {
        final Account account = new Account(1, 2, 3, 4, 5, 7, 6, 8, -1, -1, 0xFFFF, 0xFFFF, -1);
        final ByteBuf buf = Unpooled.buffer();
        new AccountCodec().append(buf).set(account);
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
            new TransferCodec().append(buf).set(transfer);
            assertEquals(TransferCodec.BYTES, buf.readableBytes());
            assertEquals(transfer, new TransferCodec().wrap(buf, 0).toTransfer());
        }
        final ByteBuf buf = Unpooled.buffer();
        new TransferCodec().append(buf).set(answered);
        assertEquals(12_345, buf.getLongLE(96), "reversed_amount at 96");
        assertEquals(0, buf.getLongLE(104), "trailing reserved u64");
    }

    @Test
    void shouldRoundTripCreateResultsWithTheCallersIndexAndId() {
        final ByteBuf buf = Unpooled.buffer();
        new CreateResultCodec().append(buf).status(46).timestamp(999);
        new CreateResultCodec().append(buf).status(0).timestamp(Long.MAX_VALUE);
        assertEquals(2 * CreateResultCodec.BYTES, buf.readableBytes());
        assertEquals(new CreateResult(0, 5, 46, 999), new CreateResultCodec().wrap(buf, 0).toCreateResult(0, 5));
        assertEquals(new CreateResult(1, 6, 0, Long.MAX_VALUE),
            new CreateResultCodec().wrap(buf, 16).toCreateResult(1, 6));
        assertEquals(0, buf.getIntLE(4), "reserved u32 after status");
    }

    @Test
    void shouldRoundTripFiltersIdsBalancesAndStateHash() {
        final AccountFilter accountFilter = new AccountFilter(1, 2, 3, 4, -1, 0xFFFF, 5, -6, 8190, AccountFilter.ALL);
        final QueryFilter queryFilter = new QueryFilter(-1, -2, -3, -4, -5, 0xFFFF, 6, 7, 100, QueryFilter.REVERSED);
        final AccountBalance balance = new AccountBalance(Long.MAX_VALUE, 1, 2, 3, -4);
        final ByteBuf buf = Unpooled.buffer();
        new AccountFilterCodec().append(buf).set(accountFilter);
        new QueryFilterCodec().append(buf).set(queryFilter);
        new AccountBalanceCodec().append(buf).set(balance);
        new IdCodec().append(buf).id(-77);
        new LedgerTotalsRequestCodec().append(buf).ledger(-1);
        new StateHashCodec().append(buf).stateHash(0xDEAD_BEEF_CAFE_F00DL);
        int at = 0;
        assertEquals(accountFilter, new AccountFilterCodec().wrap(buf, at).toAccountFilter());
        at += AccountFilterCodec.BYTES;
        assertEquals(queryFilter, new QueryFilterCodec().wrap(buf, at).toQueryFilter());
        assertEquals(0, buf.getShortLE(at + 34), "query filter reserved u16");
        assertEquals(0, buf.getIntLE(at + 36), "query filter reserved u32");
        at += QueryFilterCodec.BYTES;
        assertEquals(balance, new AccountBalanceCodec().wrap(buf, at).toAccountBalance());
        at += AccountBalanceCodec.BYTES;
        assertEquals(-77, new IdCodec().wrap(buf, at).id());
        at += IdCodec.BYTES;
        assertEquals(-1, new LedgerTotalsRequestCodec().wrap(buf, at).ledger());
        assertEquals(0, buf.getIntLE(at + 4), "ledger totals request reserved u32");
        at += LedgerTotalsRequestCodec.BYTES;
        assertEquals(0xDEAD_BEEF_CAFE_F00DL, new StateHashCodec().wrap(buf, at).stateHash());
        assertEquals(at + StateHashCodec.BYTES, buf.readableBytes());
    }

    @Test
    void shouldRoundTripCodeTotalsWithSumsBeyondSixtyFourBits() {
        final CodeTotals totals = new CodeTotals(-1, 0xFFFF, Long.MAX_VALUE, BigInteger.ZERO,
            BigInteger.TWO.pow(64), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), U128_MAX);
        final ByteBuf buf = Unpooled.buffer();
        new CodeTotalsCodec().append(buf).set(totals);
        assertEquals(CodeTotalsCodec.BYTES, buf.readableBytes());
        assertEquals(totals, new CodeTotalsCodec().wrap(buf, 0).toCodeTotals());
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
        final CodeTotalsCodec codec = new CodeTotalsCodec();
        assertThrows(IllegalArgumentException.class, () -> codec.append(Unpooled.buffer()).set(negative));
        assertThrows(IllegalArgumentException.class, () -> codec.append(Unpooled.buffer()).set(tooLarge));
    }

    @Test
    void shouldWriteTheGoldenRequestBytesOfTheProtocolExample() {
        final ByteBuf frame = Unpooled.buffer();
        new RequestHeaderCodec().appendFrame(frame, TransferCodec.BYTES).operation(OperationCode.CREATE_TRANSFERS)
            .count(1).requestId(7);
        new TransferCodec().append(frame).set(Transfer.builder().id(1).debitAccountId(1).creditAccountId(2).amount(10)
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
        final ByteBuf frame = reply.slice(Frame.LENGTH_FIELD_BYTES, 32);
        final ReplyHeaderCodec header = new ReplyHeaderCodec().wrap(frame, 0);
        assertEquals(Frame.VERSION, header.version());
        assertEquals(OperationCode.CREATE_TRANSFERS, header.operation());
        assertEquals(ErrorCode.OK, header.error());
        assertEquals(1, header.count());
        assertEquals(7, header.requestId());
        assertEquals(new CreateResult(0, 1, 0, 0x0102_0304_0506_0708L),
            new CreateResultCodec().wrap(frame, Frame.HEADER_BYTES).toCreateResult(0, 1));

        final ByteBuf encoded = Unpooled.buffer();
        new ReplyHeaderCodec().appendFrame(encoded, CreateResultCodec.BYTES).operation(OperationCode.CREATE_TRANSFERS)
            .error(ErrorCode.OK).count(1).requestId(7);
        new CreateResultCodec().append(encoded).status(0).timestamp(0x0102_0304_0506_0708L);
        assertEquals(reply, encoded);
    }
}
