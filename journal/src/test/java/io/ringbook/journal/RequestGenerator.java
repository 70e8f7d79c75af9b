package io.ringbook.journal;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;

import java.util.SplittableRandom;

/**
 * A seeded stream of mutating requests, valid and invalid: account batches, transfer batches (plain, pending, post,
 * void, linked, with ids and amounts across the full long range now and then) and pulses. Fills a reused
 * {@link CommandArray} the way the ring's producers do.
 */
final class RequestGenerator {
    private static final int ACCOUNT_IDS = 200;
    private static final int[] TRANSFER_FLAGS = {0, 0, 0, 0, TransferFlags.PENDING, TransferFlags.PENDING,
        TransferFlags.POST_PENDING_TRANSFER, TransferFlags.VOID_PENDING_TRANSFER, TransferFlags.LINKED,
        TransferFlags.BALANCING_DEBIT, TransferFlags.IMPORTED};

    private final SplittableRandom random;
    private final int transfersPerRequestMax;
    private final CommandArray request;
    private long nextTransferId = 1;
    private long requestId;
    private long arrivalNs = 1_000_000_000L;

    RequestGenerator(final long seed, final int transfersPerRequestMax) {
        this.random = new SplittableRandom(seed);
        this.transfersPerRequestMax = transfersPerRequestMax;
        this.request = new CommandArray(Math.max(transfersPerRequestMax, ACCOUNT_IDS));
    }

    /** The next request, in a slot array that the following call overwrites. */
    CommandArray next() {
        requestId++;
        arrivalNs += random.nextInt(2_000_000);
        final int pick = random.nextInt(100);
        if (pick < 12 || requestId < 3) {
            fillAccounts(1 + random.nextInt(requestId < 3 ? ACCOUNT_IDS / 2 : 8));
        } else if (pick < 95) {
            fillTransfers(1 + random.nextInt(transfersPerRequestMax));
        } else {
            request.size(1);
            request.get(0).prepare(Operation.PULSE, requestId, 0, 1, arrivalNs, null);
        }
        return request;
    }

    private void fillAccounts(final int count) {
        request.size(count);
        for (int i = 0; i < count; i++) {
            final Command c = request.get(i);
            c.prepare(Operation.CREATE_ACCOUNTS, requestId, i, count, arrivalNs, null);
            c.id = 1 + random.nextInt(ACCOUNT_IDS);
            c.ledger = random.nextInt(50) == 0 ? 2 : 1;
            c.code = 1 + random.nextInt(3);
            c.flags = random.nextInt(6) == 0 ? AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                : random.nextInt(20) == 0 ? AccountFlags.HISTORY : 0;
            c.userData128Hi = random.nextLong();
            c.userData128Lo = random.nextLong();
            c.userData64 = random.nextLong();
            c.userData32 = random.nextInt();
            if (random.nextInt(40) == 0) {
                c.debitsPosted = random.nextLong();
                c.timestamp = random.nextLong();
            }
        }
    }

    private void fillTransfers(final int count) {
        request.size(count);
        for (int i = 0; i < count; i++) {
            final Command c = request.get(i);
            c.prepare(Operation.CREATE_TRANSFERS, requestId, i, count, arrivalNs, null);
            c.flags = TRANSFER_FLAGS[random.nextInt(TRANSFER_FLAGS.length)];
            c.id = random.nextInt(30) == 0 ? random.nextLong() : nextTransferId++;
            c.debitAccountId = 1 + random.nextInt(ACCOUNT_IDS + 5);
            c.creditAccountId = 1 + random.nextInt(ACCOUNT_IDS + 5);
            c.amount = random.nextInt(50) == 0 ? random.nextLong() : random.nextInt(1000);
            c.ledger = 1;
            c.code = 1 + random.nextInt(3);
            c.userData64 = random.nextLong();
            c.userData32 = random.nextInt();
            if ((c.flags & (TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER)) != 0) {
                c.pendingId = 1 + random.nextLong(Math.max(1, nextTransferId));
                c.amount = random.nextInt(3) == 0 ? 0 : c.amount;
            }
            if ((c.flags & TransferFlags.PENDING) != 0) {
                c.timeout = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : random.nextInt(3) - 1;
            }
            if ((c.flags & TransferFlags.IMPORTED) != 0) {
                c.timestamp = random.nextInt(3) == 0 ? random.nextLong() : arrivalNs - random.nextInt(1000);
            }
        }
    }

    /** Copies the header and event fields of {@code from} into {@code to} (what a ring producer writes). */
    static void copyEvent(final Command from, final Command to) {
        to.id = from.id;
        to.debitAccountId = from.debitAccountId;
        to.creditAccountId = from.creditAccountId;
        to.amount = from.amount;
        to.pendingId = from.pendingId;
        to.reversesId = from.reversesId;
        to.userData128Hi = from.userData128Hi;
        to.userData128Lo = from.userData128Lo;
        to.userData64 = from.userData64;
        to.userData32 = from.userData32;
        to.timeout = from.timeout;
        to.ledger = from.ledger;
        to.code = from.code;
        to.flags = from.flags;
        to.timestamp = from.timestamp;
        to.debitsPending = from.debitsPending;
        to.debitsPosted = from.debitsPosted;
        to.creditsPending = from.creditsPending;
        to.creditsPosted = from.creditsPosted;
    }

    /** Appends every slot of {@code request} to {@code writer}, as the journal stage would. */
    static void append(final JournalWriter writer, final CommandArray request) {
        for (int i = 0; i < request.size(); i++) {
            writer.append(request.get(i), 0);
        }
    }
}
