package io.ringbook.gateway.binary;

import io.ringbook.engine.command.CommandFiller;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.AccountFilterCodec;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.IdCodec;
import io.ringbook.protocol.LedgerTotalsRequestCodec;
import io.ringbook.protocol.QueryFilterCodec;
import io.ringbook.protocol.TransferCodec;

/**
 * Copies the request records of a validated frame straight into ring slots, one constant filler per record type, so
 * that the binary path builds no {@code Account} or {@code Transfer} objects. The source of each filler is the
 * connection's codec of that record, wrapped at the frame's first record (index 0 of the frame is the first header
 * byte, the length field already stripped); a filler moves it to record {@code index} and copies the fields. The
 * field mapping mirrors {@code CommandCodec} (user_data_128's high word into {@code userData128Hi}, ...); the layout
 * is the protocol module's.
 */
final class FrameFillers {
    /** Account records: balances and timestamp are passed on as sent, the ledger decides what is allowed. */
    static final CommandFiller<AccountCodec> ACCOUNTS = (slot, index, record) -> {
        record.wrap(record.buffer(), Frame.recordIndex(index, AccountCodec.BYTES));
        slot.id = record.id();
        slot.debitsPending = record.debitsPending();
        slot.debitsPosted = record.debitsPosted();
        slot.creditsPending = record.creditsPending();
        slot.creditsPosted = record.creditsPosted();
        slot.userData128Lo = record.userData128Lo();
        slot.userData128Hi = record.userData128Hi();
        slot.userData64 = record.userData64();
        slot.userData32 = record.userData32();
        slot.ledger = record.ledger();
        slot.code = record.code();
        slot.flags = record.flags();
        slot.timestamp = record.timestamp();
    };

    /** Transfer records; {@code reversed_amount} is a reply-only field and is not read. */
    static final CommandFiller<TransferCodec> TRANSFERS = (slot, index, record) -> {
        record.wrap(record.buffer(), Frame.recordIndex(index, TransferCodec.BYTES));
        slot.id = record.id();
        slot.debitAccountId = record.debitAccountId();
        slot.creditAccountId = record.creditAccountId();
        slot.amount = record.amount();
        slot.pendingId = record.pendingId();
        slot.reversesId = record.reversesId();
        slot.userData128Lo = record.userData128Lo();
        slot.userData128Hi = record.userData128Hi();
        slot.userData64 = record.userData64();
        slot.userData32 = record.userData32();
        slot.timeout = record.timeout();
        slot.ledger = record.ledger();
        slot.code = record.code();
        slot.flags = record.flags();
        slot.timestamp = record.timestamp();
    };

    /** Id records of lookups, one per slot. */
    static final CommandFiller<IdCodec> IDS =
        (slot, index, record) -> slot.id = record.wrap(record.buffer(), Frame.recordIndex(index, IdCodec.BYTES)).id();

    /** The AccountFilter into slot 0; the other slots are room for result rows. */
    static final CommandFiller<AccountFilterCodec> ACCOUNT_FILTER = (slot, index, filter) -> {
        if (index == 0) {
            slot.id = filter.accountId();
            slot.userData128Lo = filter.userData128Lo();
            slot.userData128Hi = filter.userData128Hi();
            slot.userData64 = filter.userData64();
            slot.userData32 = filter.userData32();
            slot.code = filter.code();
            slot.timestampMin = filter.timestampMin();
            slot.timestampMax = filter.timestampMax();
            slot.limit = limit(filter.limit());
            slot.flags = filter.flags();
        }
    };

    /** The QueryFilter into slot 0; the other slots are room for result rows. */
    static final CommandFiller<QueryFilterCodec> QUERY_FILTER = (slot, index, filter) -> {
        if (index == 0) {
            slot.userData128Lo = filter.userData128Lo();
            slot.userData128Hi = filter.userData128Hi();
            slot.userData64 = filter.userData64();
            slot.userData32 = filter.userData32();
            slot.ledger = filter.ledger();
            slot.code = filter.code();
            slot.timestampMin = filter.timestampMin();
            slot.timestampMax = filter.timestampMax();
            slot.limit = limit(filter.limit());
            slot.flags = filter.flags();
        }
    };

    /** The LedgerTotalsRequest into slot 0; the other slots are room for one row per code. */
    static final CommandFiller<LedgerTotalsRequestCodec> LEDGER_TOTALS = (slot, index, request) -> {
        if (index == 0) {
            slot.ledger = request.ledger();
        }
    };

    private FrameFillers() {
    }

    /**
     * A filter's u32 limit (its bits in an int) as the engine's int: values above {@code Integer.MAX_VALUE} mean "as
     * many as fit", so a client in a language with unsigned integers never sees a huge limit turn into an invalid
     * negative one.
     */
    static int limit(final int u32) {
        return (int) Math.min(Integer.toUnsignedLong(u32), Integer.MAX_VALUE);
    }
}
