package io.ringbook.gateway.binary;

import io.ringbook.client.Protocol;
import io.ringbook.engine.command.CommandFiller;
import io.netty.buffer.ByteBuf;

/**
 * Copies the request records of a validated frame straight into ring slots, one constant filler per record type, so
 * that the binary path builds no {@code Account} or {@code Transfer} objects. The field mapping mirrors
 * {@code CommandCodec} (user_data_128's high word into {@code userData128Hi}, ...); every filler reads at absolute
 * offsets of a frame whose index 0 is the first header byte (the length prefix already stripped).
 */
final class FrameFillers {
    /** Account records: balances and timestamp are passed on as sent, the ledger decides what is allowed. */
    static final CommandFiller<ByteBuf> ACCOUNTS = (slot, index, frame) -> {
        final int base = Protocol.HEADER + index * Protocol.ACCOUNT;
        slot.id = frame.getLongLE(base + Protocol.ACCOUNT_ID);
        slot.debitsPending = frame.getLongLE(base + Protocol.ACCOUNT_DEBITS_PENDING);
        slot.debitsPosted = frame.getLongLE(base + Protocol.ACCOUNT_DEBITS_POSTED);
        slot.creditsPending = frame.getLongLE(base + Protocol.ACCOUNT_CREDITS_PENDING);
        slot.creditsPosted = frame.getLongLE(base + Protocol.ACCOUNT_CREDITS_POSTED);
        slot.userData128Lo = frame.getLongLE(base + Protocol.ACCOUNT_USER_DATA_128_LO);
        slot.userData128Hi = frame.getLongLE(base + Protocol.ACCOUNT_USER_DATA_128_HI);
        slot.userData64 = frame.getLongLE(base + Protocol.ACCOUNT_USER_DATA_64);
        slot.userData32 = frame.getIntLE(base + Protocol.ACCOUNT_USER_DATA_32);
        slot.ledger = frame.getIntLE(base + Protocol.ACCOUNT_LEDGER);
        slot.code = frame.getUnsignedShortLE(base + Protocol.ACCOUNT_CODE);
        slot.flags = frame.getUnsignedShortLE(base + Protocol.ACCOUNT_FLAGS);
        slot.timestamp = frame.getLongLE(base + Protocol.ACCOUNT_TIMESTAMP);
    };

    /** Transfer records; {@code reversed_amount} is a reply-only field and is not read. */
    static final CommandFiller<ByteBuf> TRANSFERS = (slot, index, frame) -> {
        final int base = Protocol.HEADER + index * Protocol.TRANSFER;
        slot.id = frame.getLongLE(base + Protocol.TRANSFER_ID);
        slot.debitAccountId = frame.getLongLE(base + Protocol.TRANSFER_DEBIT_ACCOUNT_ID);
        slot.creditAccountId = frame.getLongLE(base + Protocol.TRANSFER_CREDIT_ACCOUNT_ID);
        slot.amount = frame.getLongLE(base + Protocol.TRANSFER_AMOUNT);
        slot.pendingId = frame.getLongLE(base + Protocol.TRANSFER_PENDING_ID);
        slot.reversesId = frame.getLongLE(base + Protocol.TRANSFER_REVERSES_ID);
        slot.userData128Lo = frame.getLongLE(base + Protocol.TRANSFER_USER_DATA_128_LO);
        slot.userData128Hi = frame.getLongLE(base + Protocol.TRANSFER_USER_DATA_128_HI);
        slot.userData64 = frame.getLongLE(base + Protocol.TRANSFER_USER_DATA_64);
        slot.userData32 = frame.getIntLE(base + Protocol.TRANSFER_USER_DATA_32);
        slot.timeout = frame.getIntLE(base + Protocol.TRANSFER_TIMEOUT);
        slot.ledger = frame.getIntLE(base + Protocol.TRANSFER_LEDGER);
        slot.code = frame.getUnsignedShortLE(base + Protocol.TRANSFER_CODE);
        slot.flags = frame.getUnsignedShortLE(base + Protocol.TRANSFER_FLAGS);
        slot.timestamp = frame.getLongLE(base + Protocol.TRANSFER_TIMESTAMP);
    };

    /** Id records of lookups, one per slot. */
    static final CommandFiller<ByteBuf> IDS =
        (slot, index, frame) -> slot.id = frame.getLongLE(Protocol.HEADER + index * Protocol.ID);

    /** The AccountFilter into slot 0; the other slots are room for result rows. */
    static final CommandFiller<ByteBuf> ACCOUNT_FILTER = (slot, index, frame) -> {
        if (index == 0) {
            final int base = Protocol.HEADER;
            slot.id = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_ACCOUNT_ID);
            slot.userData128Lo = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_128_LO);
            slot.userData128Hi = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_128_HI);
            slot.userData64 = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_64);
            slot.userData32 = frame.getIntLE(base + Protocol.ACCOUNT_FILTER_USER_DATA_32);
            slot.code = frame.getUnsignedShortLE(base + Protocol.ACCOUNT_FILTER_CODE);
            slot.timestampMin = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_TIMESTAMP_MIN);
            slot.timestampMax = frame.getLongLE(base + Protocol.ACCOUNT_FILTER_TIMESTAMP_MAX);
            slot.limit = limit(frame, base + Protocol.ACCOUNT_FILTER_LIMIT);
            slot.flags = frame.getIntLE(base + Protocol.ACCOUNT_FILTER_FLAGS);
        }
    };

    /** The QueryFilter into slot 0; the other slots are room for result rows. */
    static final CommandFiller<ByteBuf> QUERY_FILTER = (slot, index, frame) -> {
        if (index == 0) {
            final int base = Protocol.HEADER;
            slot.userData128Lo = frame.getLongLE(base + Protocol.QUERY_FILTER_USER_DATA_128_LO);
            slot.userData128Hi = frame.getLongLE(base + Protocol.QUERY_FILTER_USER_DATA_128_HI);
            slot.userData64 = frame.getLongLE(base + Protocol.QUERY_FILTER_USER_DATA_64);
            slot.userData32 = frame.getIntLE(base + Protocol.QUERY_FILTER_USER_DATA_32);
            slot.ledger = frame.getIntLE(base + Protocol.QUERY_FILTER_LEDGER);
            slot.code = frame.getUnsignedShortLE(base + Protocol.QUERY_FILTER_CODE);
            slot.timestampMin = frame.getLongLE(base + Protocol.QUERY_FILTER_TIMESTAMP_MIN);
            slot.timestampMax = frame.getLongLE(base + Protocol.QUERY_FILTER_TIMESTAMP_MAX);
            slot.limit = limit(frame, base + Protocol.QUERY_FILTER_LIMIT);
            slot.flags = frame.getIntLE(base + Protocol.QUERY_FILTER_FLAGS);
        }
    };

    /** The LedgerTotalsRequest into slot 0; the other slots are room for one row per code. */
    static final CommandFiller<ByteBuf> LEDGER_TOTALS = (slot, index, frame) -> {
        if (index == 0) {
            slot.ledger = frame.getIntLE(Protocol.HEADER + Protocol.TOTALS_REQUEST_LEDGER);
        }
    };

    private FrameFillers() {
    }

    /**
     * A filter's u32 limit as the engine's int: values above {@code Integer.MAX_VALUE} mean "as many as fit", so a
     * client in a language with unsigned integers never sees a huge limit turn into an invalid negative one.
     */
    static int limit(final ByteBuf frame, final int offset) {
        return (int) Math.min(frame.getUnsignedIntLE(offset), Integer.MAX_VALUE);
    }
}
