package io.ringbook.benchmarks;

import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;

/**
 * One pass of a {@link WorkloadStream}, generated ahead of time into primitive arrays (14 bytes per event, 140 MB for
 * the standard 10,000,000), so that a ring producer writes each slot with a handful of copies instead of running the
 * generator while the ledger thread competes for the same cores. {@link #write} produces exactly what
 * {@link WorkloadStream#writeEvent} does.
 */
public final class EventTable {
    private static final int RESOLUTION = TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER;

    private final int[] debitIndexes;
    private final int[] creditIndexes;
    private final int[] amounts;
    private final short[] flags;

    private EventTable(final int size) {
        debitIndexes = new int[size];
        creditIndexes = new int[size];
        amounts = new int[size];
        flags = new short[size];
    }

    /** Generates every event of {@code stream}. */
    public static EventTable of(final WorkloadStream stream) {
        if (stream.events() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many events for one table: " + stream.events());
        }
        final EventTable table = new EventTable((int) stream.events());
        final Command slot = new Command();
        for (int e = 0; e < stream.events(); e++) {
            stream.writeEvent(slot, e);
            table.debitIndexes[e] = (int) (slot.debitAccountId - 1);
            table.creditIndexes[e] = (int) (slot.creditAccountId - 1);
            table.amounts[e] = (int) slot.amount;
            table.flags[e] = (short) slot.flags;
        }
        return table;
    }

    public int size() {
        return amounts.length;
    }

    /** Writes the event and result fields of event {@code event}, leaving the request header alone. */
    public void write(final Command slot, final int event) {
        slot.resetEvent();
        slot.resetResult();
        slot.id = event + 1L;
        slot.debitAccountId = WorkloadStream.accountId(debitIndexes[event]);
        slot.creditAccountId = WorkloadStream.accountId(creditIndexes[event]);
        slot.amount = amounts[event];
        slot.flags = flags[event];
        slot.ledger = WorkloadStream.LEDGER;
        slot.code = WorkloadStream.TRANSFER_CODE;
        if ((slot.flags & RESOLUTION) != 0) {
            slot.pendingId = slot.id - WorkloadStream.TWO_PHASE_LAG;
        }
    }
}
