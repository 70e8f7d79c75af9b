package io.ringbook.engine.reference;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded stream of requests for the differential test: create_accounts and create_transfers batches of 1..50
 * events mixing valid and invalid ones, and pulses, with arrival times that stand still, creep and jump. Transfers
 * move money among a small pool of accounts so that limits, overflows, closing and idempotency collisions happen
 * often. The generator peeks at the reference model (read only) to aim posts, voids and reversals at transfers that
 * exist; the stream is a pure function of the seed.
 */
public final class RandomRequests {
    /** What a request does. */
    public enum Kind {
        CREATE_ACCOUNTS, CREATE_TRANSFERS, PULSE
    }

    /** One request: a batch of accounts or transfers (or a pulse) and its arrival time. */
    public record Request(Kind kind, List<Account> accounts, List<Transfer> transfers, long arrivalNs) {
        /** Events in the request (a pulse counts as one). */
        public int size() {
            switch (kind) {
                case CREATE_ACCOUNTS:
                    return accounts.size();
                case CREATE_TRANSFERS:
                    return transfers.size();
                default:
                    return 1;
            }
        }

        /** The event at {@code index}, for failure messages. */
        public String event(final int index) {
            switch (kind) {
                case CREATE_ACCOUNTS:
                    return index < accounts.size() ? accounts.get(index).toString() : "-";
                case CREATE_TRANSFERS:
                    return index < transfers.size() ? transfers.get(index).toString() : "-";
                default:
                    return "pulse at " + arrivalNs;
            }
        }
    }

    private static final long NS_PER_S = 1_000_000_000L;
    private static final int RECENT_MAX = 3000;
    private static final int LEDGERS = 2;
    private static final long FIRST_TRANSFER_ID = 10_000;
    private static final long FIRST_EXTRA_ACCOUNT_ID = 1_000;
    private static final long MISSING_ACCOUNT_ID = 888_888;
    /** Percent of linked-chain events that repeat the chain's first event, to answer exists in a failing chain. */
    private static final int REPEAT_IN_CHAIN_PERCENT = 10;

    private final SplittableRandom random;
    private final ReferenceLedger model;
    private final int poolSize;
    private final List<Account> submittedAccounts = new ArrayList<>();
    private final List<Transfer> submittedTransfers = new ArrayList<>();
    private final List<Long> pendingIds = new ArrayList<>();
    private final List<Long> postedIds = new ArrayList<>();
    private final Set<Long> accountIdsSeen = new LinkedHashSet<>();
    private final Set<Long> transferIdsSeen = new LinkedHashSet<>();
    private long nextTransferId = FIRST_TRANSFER_ID;
    private long nextAccountId = FIRST_EXTRA_ACCOUNT_ID;
    private final List<Long> closingIds = new ArrayList<>();
    private final List<Long> timedPendingIds = new ArrayList<>();
    private long[] accountIds = new long[0];
    private long clockNs;
    private int requests;
    /** Set when the previous request created accounts that the next imported transfers should predate. */
    private boolean importAfterAccounts;

    /**
     * @param seed     the seed of the whole stream
     * @param model    the reference model the caller applies every request to (read here, never written)
     * @param poolSize accounts created up front (ids 1..poolSize, split over two ledgers)
     */
    public RandomRequests(final long seed, final ReferenceLedger model, final int poolSize) {
        this.random = new SplittableRandom(seed);
        this.model = model;
        this.poolSize = poolSize;
        this.clockNs = 1 + random.nextInt(1_000);
    }

    /** Every account id any request mentioned, so state comparisons can look for accounts the model refused. */
    public long[] accountIdsSeen() {
        return accountIdsSeen.stream().mapToLong(Long::longValue).toArray();
    }

    /** Every transfer id any request used as an id. */
    public long[] transferIdsSeen() {
        return transferIdsSeen.stream().mapToLong(Long::longValue).toArray();
    }

    /** The next request. */
    public Request next() {
        requests++;
        advanceClock();
        accountIds = model.accountIds();
        final Request r;
        if (importAfterAccounts) {
            importAfterAccounts = false;
            r = importedTransfers(true);
        } else if (requests <= 2) {
            r = poolAccounts(requests == 1 ? 1 : poolSize / 2 + 1, requests == 1 ? poolSize / 2 : poolSize);
        } else {
            final int roll = random.nextInt(100);
            if (roll < 7) {
                r = new Request(Kind.PULSE, List.of(), List.of(), pulseArrival());
            } else if (roll < 10) {
                importAfterAccounts = random.nextInt(4) == 0;
                r = importAfterAccounts ? newAccounts(2) : importedTransfers(false);
            } else if (roll < 12) {
                r = importedAccounts();
            } else if (roll < 20) {
                r = accounts();
            } else if (random.nextInt(300) == 0) {
                r = bigTransfers();
            } else {
                r = transfers();
            }
        }
        remember(r);
        return r;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time.

    private void advanceClock() {
        final int roll = random.nextInt(100);
        if (roll < 15) {
            return;
        }
        if (roll < 20) {
            clockNs = Math.max(1, clockNs - random.nextInt(1_000_000));
        } else if (roll < 55) {
            clockNs += 1 + random.nextInt(1_000);
        } else if (roll < 85) {
            clockNs += 1 + random.nextInt(200_000_000);
        } else if (roll < 97) {
            clockNs += NS_PER_S + random.nextLong(3 * NS_PER_S);
        } else {
            clockNs += 5 * NS_PER_S + random.nextLong(10 * NS_PER_S);
        }
    }

    private long pulseArrival() {
        final int roll = random.nextInt(100);
        if (roll < 35) {
            final long[] deadline = someDeadline();
            if (deadline.length > 0) {
                clockNs = Math.max(clockNs, deadline[1]);
                return deadline[1];
            }
        }
        return roll < 60 ? clockNs + random.nextLong(5 * NS_PER_S) : clockNs;
    }

    /**
     * A transfer the model still holds pending with a short timeout and a moment one nanosecond before, at, or after
     * its deadline, so that expiry boundaries are hit exactly: {id, moment}, or an empty array if there is none.
     */
    private long[] someDeadline() {
        for (int attempt = 0; attempt < 5 && !timedPendingIds.isEmpty(); attempt++) {
            final long id = pick(timedPendingIds);
            final Optional<Transfer> p = model.transfer(id);
            if (model.isPending(id) && p.get().timeout() > 0 && p.get().timeout() <= 60) {
                final long deadline = p.get().timestamp() + p.get().timeout() * NS_PER_S;
                return new long[] {id, deadline - 1 + random.nextInt(3)};
            }
        }
        return new long[0];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accounts.

    private static int poolLedger(final long id) {
        return (int) (id % LEDGERS) + 1;
    }

    private Request newAccounts(final int count) {
        final long first = nextAccountId;
        nextAccountId += count;
        return poolAccounts(first, first + count - 1);
    }

    private Request poolAccounts(final long from, final long to) {
        final List<Account> batch = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            batch.add(freshAccount(id, poolLedger(id), false));
        }
        return new Request(Kind.CREATE_ACCOUNTS, batch, List.of(), clockNs);
    }

    private Account freshAccount(final long id, final int ledger, final boolean mayClose) {
        int flags = 0;
        final int limit = random.nextInt(100);
        if (limit < 25) {
            flags |= AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
        } else if (limit < 45) {
            flags |= AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
        }
        if (random.nextInt(100) < 35) {
            flags |= AccountFlags.HISTORY;
        }
        if (mayClose && random.nextInt(100) < 5) {
            flags |= AccountFlags.CLOSED;
        }
        final Account a = Account.of(id, ledger, 1 + random.nextInt(3), flags);
        return random.nextInt(100) < 30 ? a.withUserData(smallOrZero(), smallOrZero(), smallOrZero(),
            (int) smallOrZero()) : a;
    }

    private Request accounts() {
        final int size = batchSize();
        final List<Account> batch = new ArrayList<>();
        while (batch.size() < size) {
            if (random.nextInt(100) < 12) {
                final int chain = 2 + random.nextInt(3);
                final int start = batch.size();
                for (int i = 0; i < chain && batch.size() < size; i++) {
                    final Account a = i > 0 && random.nextInt(100) < REPEAT_IN_CHAIN_PERCENT ? batch.get(start)
                        : accountEvent();
                    final boolean linked = i < chain - 1 || random.nextInt(100) < 15;
                    batch.add(a.withFlags(linked ? a.flags() | AccountFlags.LINKED : a.flags() & ~AccountFlags.LINKED));
                }
            } else {
                batch.add(accountEvent());
            }
        }
        return new Request(Kind.CREATE_ACCOUNTS, batch, List.of(), clockNs);
    }

    private Account accountEvent() {
        final int roll = random.nextInt(100);
        if (roll < 25 && !submittedAccounts.isEmpty()) {
            return pick(submittedAccounts);
        }
        if (roll < 45 && !submittedAccounts.isEmpty()) {
            return mutateAccount(pick(submittedAccounts));
        }
        if (roll < 75) {
            final long id = random.nextInt(100) < 70 ? nextAccountId++ : 1 + random.nextInt(poolSize + 10);
            return freshAccount(id, 1 + random.nextInt(LEDGERS), true);
        }
        return invalidAccount(freshAccount(nextAccountId++, 1 + random.nextInt(LEDGERS), true));
    }

    private Account mutateAccount(final Account a) {
        switch (random.nextInt(7)) {
            case 0:
                return a.withFlags(a.flags() ^ AccountFlags.HISTORY);
            case 1:
                return a.withFlags(a.flags() ^ AccountFlags.CLOSED);
            case 2:
                return a.withUserData(a.userData128Hi() + 1, a.userData128Lo(), a.userData64(), a.userData32());
            case 3:
                return a.withUserData(a.userData128Hi(), a.userData128Lo(), a.userData64() + 1, a.userData32());
            case 4:
                return a.withUserData(a.userData128Hi(), a.userData128Lo(), a.userData64(), a.userData32() + 1);
            case 5:
                return new Account(a.id(), 0, 0, 0, 0, a.userData128Hi(), a.userData128Lo(), a.userData64(),
                    a.userData32(), a.ledger() + 1, a.code(), a.flags(), 0);
            default:
                return new Account(a.id(), 0, 0, 0, 0, a.userData128Hi(), a.userData128Lo(), a.userData64(),
                    a.userData32(), a.ledger(), a.code() % 3 + 1, a.flags(), 0);
        }
    }

    private Account invalidAccount(final Account a) {
        switch (random.nextInt(12)) {
            case 0:
                return a.withFlags(a.flags() | 1 << (6 + random.nextInt(10)));
            case 1:
                return copyAccount(a, 0, a.ledger(), a.code());
            case 2:
                return copyAccount(a, Long.MAX_VALUE, a.ledger(), a.code());
            case 3:
                return copyAccount(a, -1 - random.nextInt(3), a.ledger(), a.code());
            case 4:
                return a.withFlags(a.flags() | AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                    | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS);
            case 5:
                return a.withBalances(1, 0, 0, 0);
            case 6:
                return a.withBalances(0, 5, 0, 0);
            case 7:
                return a.withBalances(0, 0, 7, 0);
            case 8:
                return a.withBalances(0, 0, 0, 9);
            case 9:
                return copyAccount(a, a.id(), 0, a.code());
            case 10:
                return copyAccount(a, a.id(), a.ledger(), 0);
            default:
                return a.withTimestamp(1 + random.nextInt(1000));
        }
    }

    private static Account copyAccount(final Account a, final long id, final int ledger, final int code) {
        return new Account(id, a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted(),
            a.userData128Hi(), a.userData128Lo(), a.userData64(), a.userData32(), ledger, code, a.flags(),
            a.timestamp());
    }

    private Request importedAccounts() {
        final long arrival = Math.max(clockNs, model.lastTimestamp() + 1_000_000 + random.nextInt(1_000_000));
        clockNs = arrival;
        final int size = 1 + random.nextInt(6);
        final List<Account> batch = new ArrayList<>();
        long timestamp = model.lastTimestamp() + 1;
        for (int i = 0; i < size; i++) {
            timestamp += 1 + random.nextInt(10);
            final Account a = freshAccount(nextAccountId++, 1 + random.nextInt(LEDGERS), false);
            final int linked = random.nextInt(100) < 20 ? AccountFlags.LINKED : 0;
            final Account imported = a.withFlags(a.flags() | AccountFlags.IMPORTED | linked)
                .withTimestamp(importedTimestamp(timestamp, arrival));
            batch.add(random.nextInt(100) < 5 ? a : imported);
        }
        return new Request(Kind.CREATE_ACCOUNTS, batch, List.of(), arrival);
    }

    /** Mostly the given valid past timestamp, sometimes one that is out of range, advances or regresses. */
    private long importedTimestamp(final long valid, final long arrival) {
        switch (random.nextInt(40)) {
            case 0:
                return 0;
            case 1:
                return Long.MAX_VALUE;
            case 2:
                return arrival + 2 * NS_PER_S;
            case 3:
                return Math.max(1, model.greatestTransferTimestamp());
            case 4:
                return Math.max(1, model.greatestAccountTimestamp());
            case 5:
                return Math.max(1, model.greatestTransferTimestamp() + 1);
            default:
                return valid;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transfers.

    private int batchSize() {
        final int roll = random.nextInt(100);
        if (roll < 40) {
            return 1 + random.nextInt(3);
        }
        if (roll < 80) {
            return 4 + random.nextInt(12);
        }
        return 16 + random.nextInt(35);
    }

    private Request transfers() {
        final List<Transfer> batch = new ArrayList<>();
        if (random.nextInt(100) < 10) {
            final long[] deadline = someDeadline();
            if (deadline.length > 0) {
                clockNs = deadline[1];
                final int kind = random.nextBoolean() ? TransferFlags.POST_PENDING_TRANSFER
                    : TransferFlags.VOID_PENDING_TRANSFER;
                batch.add(resolve(newTransferId(), deadline[0], kind));
            }
        }
        final int size = batchSize();
        while (batch.size() < size) {
            if (random.nextInt(100) < 8) {
                final int chain = 2 + random.nextInt(5);
                final int start = batch.size();
                for (int i = 0; i < chain && batch.size() < size; i++) {
                    final boolean linked = i < chain - 1 || random.nextInt(100) < 15;
                    final Transfer t = i > 0 && random.nextInt(100) < REPEAT_IN_CHAIN_PERCENT ? batch.get(start)
                        : chainEvent();
                    batch.add(withLinked(t, linked));
                }
            } else {
                batch.add(transferEvent());
            }
        }
        return new Request(Kind.CREATE_TRANSFERS, List.of(), batch, clockNs);
    }

    /** A rare large request (200..2000 events), half the time one long linked chain, to stress undo and indexes. */
    private Request bigTransfers() {
        final int size = 200 + random.nextInt(1801);
        final boolean oneChain = random.nextBoolean();
        final List<Transfer> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            final Transfer t = oneChain ? chainEvent() : transferEvent();
            batch.add(oneChain ? withLinked(t, i < size - 1) : t);
        }
        return new Request(Kind.CREATE_TRANSFERS, List.of(), batch, clockNs);
    }

    private static Transfer withLinked(final Transfer t, final boolean linked) {
        final int flags = linked ? t.flags() | TransferFlags.LINKED : t.flags() & ~TransferFlags.LINKED;
        return t.toBuilder().flags(flags).build();
    }

    /** Events of linked chains are mostly valid, so that whole chains succeed as well as fail. */
    private Transfer chainEvent() {
        final int roll = random.nextInt(100);
        if (roll < 45) {
            return plain(0).amount(1 + random.nextInt(100)).build();
        }
        if (roll < 65) {
            return pending().amount(1 + random.nextInt(100)).build();
        }
        if (roll < 80) {
            return post().build();
        }
        return transferEvent();
    }

    private Transfer transferEvent() {
        final int roll = random.nextInt(100);
        final Transfer t;
        if (roll < 22) {
            t = plain(0).build();
        } else if (roll < 36) {
            t = pending().build();
        } else if (roll < 46) {
            t = post().build();
        } else if (roll < 53) {
            t = voiding().build();
        } else if (roll < 61) {
            t = balancing().build();
        } else if (roll < 63) {
            t = closing().build();
        } else if (roll < 73) {
            t = reversal().build();
        } else if (roll < 84 && !submittedTransfers.isEmpty()) {
            t = retry();
        } else if (roll < 99 || random.nextInt(2) == 0) {
            t = invalid(plain(0)).build();
        } else {
            t = plain(TransferFlags.IMPORTED).timestamp(1 + random.nextInt(1000)).build();
        }
        return random.nextInt(200) == 0 ? t.toBuilder().flags(t.flags() | 1 << (9 + random.nextInt(7))).build() : t;
    }

    /** Mostly an account of the small pool, so that transfers collide; sometimes any account or a missing one. */
    private long accountId() {
        final int roll = random.nextInt(100);
        if (roll < 2) {
            return MISSING_ACCOUNT_ID;
        }
        long id = roll < 75 || accountIds.length == 0 ? 1 + random.nextInt(poolSize)
            : accountIds[random.nextInt(accountIds.length)];
        for (int attempt = 0; attempt < 3 && isClosed(id) && random.nextInt(100) < 80; attempt++) {
            id = 1 + random.nextInt(poolSize);
        }
        return id;
    }

    private boolean isClosed(final long id) {
        return model.account(id).map(a -> a.hasFlag(AccountFlags.CLOSED)).orElse(false);
    }

    private long otherAccountId(final long debit) {
        final Optional<Account> dr = model.account(debit);
        for (int attempt = 0; attempt < 20; attempt++) {
            final long credit = accountId();
            final Optional<Account> cr = model.account(credit);
            final boolean sameLedger = dr.isEmpty() || cr.isEmpty() || dr.get().ledger() == cr.get().ledger();
            if (credit != debit && (sameLedger || random.nextInt(100) < 5)) {
                return credit;
            }
        }
        return debit == 1 ? 2 : 1;
    }

    private int ledgerOf(final long accountId) {
        return model.account(accountId).map(Account::ledger).orElse(poolLedger(accountId));
    }

    private Transfer.Builder plain(final int flags) {
        final long dr = accountId();
        final long cr = otherAccountId(dr);
        final Transfer.Builder b = Transfer.builder().id(newTransferId()).debitAccountId(dr).creditAccountId(cr)
            .amount(amount()).ledger(ledgerOf(dr)).code(1 + random.nextInt(3)).flags(flags);
        if (random.nextInt(100) < 30) {
            b.userData128(smallOrZero(), smallOrZero()).userData64(smallOrZero()).userData32((int) smallOrZero());
        }
        return b;
    }

    private long newTransferId() {
        if (random.nextInt(2000) == 0) {
            return Long.MAX_VALUE - 1;
        }
        return nextTransferId++;
    }

    private long amount() {
        final int roll = random.nextInt(1000);
        if (roll < 50) {
            return 0;
        }
        if (roll < 800) {
            return 1 + random.nextInt(1_000);
        }
        if (roll < 970) {
            return 1 + random.nextInt(100_000);
        }
        if (roll < 980) {
            return Long.MAX_VALUE / 2 + random.nextInt(1_000);
        }
        if (roll < 987) {
            return Long.MAX_VALUE - random.nextInt(1_000);
        }
        if (roll < 994) {
            return Transfer.AMOUNT_MAX;
        }
        return -1 - random.nextInt(10);
    }

    private long smallOrZero() {
        return random.nextInt(100) < 40 ? 0 : 1 + random.nextInt(3);
    }

    private int timeout() {
        final int roll = random.nextInt(100);
        if (roll < 55) {
            return 0;
        }
        if (roll < 98) {
            return 1 + random.nextInt(4);
        }
        return roll == 98 ? -1 : 60;
    }

    private Transfer.Builder pending() {
        return plain(TransferFlags.PENDING).timeout(timeout());
    }

    private Transfer.Builder balancing() {
        final int side = random.nextInt(3);
        final int both = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
        int flags = side == 0 ? TransferFlags.BALANCING_DEBIT : side == 1 ? TransferFlags.BALANCING_CREDIT : both;
        if (random.nextInt(100) < 25) {
            flags |= TransferFlags.PENDING;
        }
        final Transfer.Builder b = plain(flags);
        if ((flags & TransferFlags.PENDING) != 0) {
            b.timeout(timeout());
        }
        return random.nextInt(100) < 40 ? b.amount(Transfer.AMOUNT_MAX) : b;
    }

    private Transfer.Builder closing() {
        final int side = random.nextInt(3);
        int flags = side == 0 ? TransferFlags.CLOSING_DEBIT
            : side == 1 ? TransferFlags.CLOSING_CREDIT : TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT;
        if (random.nextInt(100) < 90) {
            flags |= TransferFlags.PENDING;
        }
        final Transfer.Builder b = plain(flags).amount(random.nextInt(100) < 50 ? 0 : 1 + random.nextInt(100));
        return (flags & TransferFlags.PENDING) != 0 ? b.timeout(random.nextInt(100) < 95 ? 1 + random.nextInt(2) : 0)
            : b;
    }

    private long pendingTarget() {
        final int roll = random.nextInt(100);
        if (roll < 85 && !pendingIds.isEmpty()) {
            return stillPending(pendingIds);
        }
        if (roll < 93 && !postedIds.isEmpty()) {
            return pick(postedIds);
        }
        return nextTransferId + 1_000 + random.nextInt(10);
    }

    /** Mostly one of the ids that the model still holds pending, sometimes any of them. */
    private long stillPending(final List<Long> ids) {
        long id = pick(ids);
        for (int attempt = 0; attempt < 4 && !model.isPending(id) && random.nextInt(100) >= 20; attempt++) {
            id = pick(ids);
        }
        return id;
    }

    private Transfer resolve(final long id, final long pendingId, final int kind) {
        return Transfer.builder().id(id).pendingId(pendingId).flags(kind)
            .amount(kind == TransferFlags.POST_PENDING_TRANSFER ? Transfer.AMOUNT_MAX : 0).build();
    }

    private Transfer.Builder post() {
        final long pendingId = pendingTarget();
        final Optional<Transfer> p = model.transfer(pendingId);
        final long pAmount = p.map(Transfer::amount).orElse(100L);
        final int roll = random.nextInt(100);
        final long amount;
        if (roll < 30) {
            amount = Transfer.AMOUNT_MAX;
        } else if (roll < 55) {
            amount = pAmount;
        } else if (roll < 80) {
            amount = pAmount == 0 ? 0 : random.nextLong(pAmount);
        } else if (roll < 90) {
            amount = pAmount + 1;
        } else {
            amount = amount();
        }
        return resolution(TransferFlags.POST_PENDING_TRANSFER, pendingId, p, amount);
    }

    private Transfer.Builder voiding() {
        final List<Long> closingPending = closingIds.stream().filter(model::isPending).toList();
        final long pendingId = random.nextInt(100) < 50 && !closingPending.isEmpty() ? pick(closingPending)
            : pendingTarget();
        final Optional<Transfer> p = model.transfer(pendingId);
        final long pAmount = p.map(Transfer::amount).orElse(100L);
        final int roll = random.nextInt(100);
        final long amount;
        if (roll < 50) {
            amount = 0;
        } else if (roll < 80) {
            amount = pAmount;
        } else if (roll < 90) {
            amount = pAmount > 1 ? pAmount - 1 : 1;
        } else {
            amount = pAmount + 1;
        }
        return resolution(TransferFlags.VOID_PENDING_TRANSFER, pendingId, p, amount);
    }

    private Transfer.Builder resolution(final int kind, final long pendingId, final Optional<Transfer> p,
                                        final long amount) {
        final Transfer.Builder b = Transfer.builder().id(newTransferId()).pendingId(pendingId).amount(amount)
            .flags(kind);
        final int roll = random.nextInt(100);
        if (roll < 10 && p.isPresent()) {
            b.debitAccountId(p.get().debitAccountId()).creditAccountId(p.get().creditAccountId())
                .ledger(p.get().ledger()).code(p.get().code());
        } else if (roll < 13) {
            b.debitAccountId(accountId());
        } else if (roll < 16) {
            b.creditAccountId(accountId());
        } else if (roll < 19) {
            b.ledger(1 + random.nextInt(LEDGERS + 1));
        } else if (roll < 22) {
            b.code(1 + random.nextInt(3));
        }
        if (random.nextInt(100) < 30) {
            b.userData128(smallOrZero(), smallOrZero()).userData64(smallOrZero()).userData32((int) smallOrZero());
        }
        final int bad = random.nextInt(100);
        if (bad < 2) {
            b.flags(kind | TransferFlags.PENDING);
        } else if (bad < 3) {
            b.flags(TransferFlags.POST_PENDING_TRANSFER | TransferFlags.VOID_PENDING_TRANSFER);
        } else if (bad < 4) {
            b.flags(kind | TransferFlags.BALANCING_DEBIT << random.nextInt(4));
        } else if (bad < 5) {
            b.timeout(1);
        } else if (bad < 6) {
            b.reversesId(pendingId);
        } else if (bad < 7) {
            b.pendingId(random.nextInt(2) == 0 ? 0 : Long.MAX_VALUE);
        } else if (bad < 8) {
            b.amount(-5);
        } else if (bad < 9) {
            b.pendingId(b.build().id());
        }
        return b;
    }

    private Transfer.Builder reversal() {
        final int roll = random.nextInt(100);
        long target;
        if (roll < 80 && !postedIds.isEmpty()) {
            target = pick(postedIds);
            for (int attempt = 0; attempt < 4 && model.transfer(target).isEmpty(); attempt++) {
                target = pick(postedIds);
            }
        } else if (roll < 92 && !pendingIds.isEmpty()) {
            target = pick(pendingIds);
        } else {
            target = nextTransferId + 2_000 + random.nextInt(10);
        }
        final Optional<Transfer> o = model.transfer(target);
        final Transfer.Builder b = plain(0).reversesId(target);
        if (o.isPresent() && random.nextInt(100) < 88) {
            b.debitAccountId(o.get().creditAccountId()).creditAccountId(o.get().debitAccountId())
                .ledger(o.get().ledger());
        }
        final long left = o.map(t -> t.amount() - t.reversedAmount()).orElse(50L);
        final int amountRoll = random.nextInt(100);
        int flags = 0;
        if (amountRoll < 40) {
            b.amount(left <= 0 ? 0 : 1 + random.nextLong(left));
        } else if (amountRoll < 60) {
            b.amount(left);
        } else if (amountRoll < 75) {
            b.amount(left + 1 + random.nextInt(10));
        } else if (amountRoll < 88) {
            b.amount(random.nextInt(2) == 0 ? Transfer.AMOUNT_MAX : 1 + random.nextInt(1000));
            flags = random.nextInt(2) == 0 ? TransferFlags.BALANCING_DEBIT : TransferFlags.BALANCING_CREDIT;
        }
        if (random.nextInt(100) < 20) {
            flags |= TransferFlags.PENDING;
            b.timeout(timeout());
        }
        b.flags(flags);
        final int bad = random.nextInt(100);
        if (bad < 3) {
            b.reversesId(Long.MAX_VALUE);
        } else if (bad < 5) {
            b.reversesId(-7);
        }
        return b;
    }

    private Transfer retry() {
        final Transfer t = pick(submittedTransfers);
        final Transfer.Builder b = t.toBuilder();
        switch (random.nextInt(24)) {
            case 0:
                return b.amount(t.amount() == Transfer.AMOUNT_MAX ? 1 : t.amount() + 1).build();
            case 1:
                return b.amount(t.amount() > 0 ? t.amount() - 1 : 0).build();
            case 2:
                return b.debitAccountId(accountId()).build();
            case 3:
                return b.creditAccountId(accountId()).build();
            case 4:
                return b.userData128(t.userData128Hi() + 1, t.userData128Lo()).build();
            case 5:
                return b.userData128(t.userData128Hi(), t.userData128Lo() + 1).build();
            case 6:
                return b.userData64(t.userData64() + 1).build();
            case 7:
                return b.userData32(t.userData32() + 1).build();
            case 8:
                return b.ledger(t.ledger() + 1).build();
            case 9:
                return b.code(t.code() % 3 + 1).build();
            case 10:
                return b.flags(t.flags() ^ (1 << random.nextInt(9))).build();
            case 11:
                return b.timeout(t.timeout() + 1).build();
            case 12:
                return b.pendingId(t.pendingId() + 1).build();
            case 13:
                return b.reversesId(t.reversesId() + 1).build();
            case 14:
                return b.debitAccountId(0).creditAccountId(0).ledger(0).code(0).build();
            case 15:
                return b.userData128(0, 0).userData64(0).userData32(0).build();
            default:
                return t;
        }
    }

    private Transfer.Builder invalid(final Transfer.Builder b) {
        final Transfer t = b.build();
        switch (random.nextInt(22)) {
            case 0:
                return b.id(0);
            case 1:
                return b.id(Long.MAX_VALUE);
            case 2:
                return b.id(-1 - random.nextInt(3));
            case 3:
                return b.debitAccountId(0);
            case 4:
                return b.debitAccountId(random.nextInt(2) == 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 5:
                return b.creditAccountId(0);
            case 6:
                return b.creditAccountId(random.nextInt(2) == 0 ? Long.MAX_VALUE : -2);
            case 7:
                return b.creditAccountId(t.debitAccountId());
            case 8:
                return b.pendingId(1 + random.nextInt(100));
            case 9:
                return b.timeout(1 + random.nextInt(3));
            case 10:
                return b.flags(TransferFlags.CLOSING_DEBIT);
            case 11:
                return b.reversesId(t.id());
            case 12:
                return b.amount(-1 - random.nextInt(1000));
            case 13:
                return b.ledger(0);
            case 14:
                return b.code(0);
            case 15:
                return b.ledger(t.ledger() % LEDGERS + 1);
            case 16:
                return b.ledger(7);
            case 17:
                return b.debitAccountId(MISSING_ACCOUNT_ID + random.nextInt(3));
            case 18:
                return b.creditAccountId(MISSING_ACCOUNT_ID + random.nextInt(3));
            case 19:
                return b.timestamp(1 + random.nextInt(1_000));
            case 20:
                return b.flags(t.flags() | TransferFlags.PENDING).timeout(-1);
            default:
                return b.id(Long.MAX_VALUE - 1);
        }
    }

    /**
     * A batch of imported transfers, mostly valid. With {@code predate} some of them aim at the newest account with
     * a timestamp before it, which must fail with {@code imported_event_timestamp_must_postdate_*_account}.
     */
    private Request importedTransfers(final boolean predate) {
        final long arrival = Math.max(clockNs, model.lastTimestamp() + 1_000_000 + random.nextInt(1_000_000));
        clockNs = arrival;
        final int size = 1 + random.nextInt(8);
        final List<Transfer> batch = new ArrayList<>();
        long timestamp = model.lastTimestamp() + 1;
        for (int i = 0; i < size; i++) {
            timestamp += 1 + random.nextInt(10);
            final int roll = random.nextInt(100);
            final Transfer.Builder b;
            if (roll < 50) {
                b = plain(0);
            } else if (roll < 65) {
                b = pending().timeout(random.nextInt(100) < 80 ? 0 : 1);
            } else if (roll < 75) {
                b = post();
            } else if (roll < 82) {
                b = voiding();
            } else if (roll < 92) {
                b = reversal();
            } else {
                b = invalid(plain(0));
            }
            if (predate && random.nextInt(100) < 50 && accountIds.length > 0) {
                postdateNewestAccount(b, i);
            }
            final Transfer t = b.build();
            final boolean imported = random.nextInt(100) >= 4;
            final long eventTimestamp = t.timestamp() != 0 ? t.timestamp() : importedTimestamp(timestamp, arrival);
            final int linked = random.nextInt(100) < 20 ? TransferFlags.LINKED : 0;
            batch.add(t.toBuilder().flags((imported ? t.flags() | TransferFlags.IMPORTED : t.flags()) | linked)
                .timestamp(imported ? eventTimestamp : 0).build());
        }
        return new Request(Kind.CREATE_TRANSFERS, List.of(), batch, arrival);
    }

    /**
     * Aims an imported transfer at the newest account with a timestamp just after the newest transfer, which is
     * before the account's own timestamp whenever the account was created after the newest transfer.
     */
    private void postdateNewestAccount(final Transfer.Builder b, final int index) {
        final long newest = accountIds[accountIds.length - 1];
        final long other = otherAccountId(newest);
        if (random.nextInt(2) == 0) {
            b.debitAccountId(newest).creditAccountId(other);
        } else {
            b.debitAccountId(other).creditAccountId(newest);
        }
        b.ledger(ledgerOf(newest)).pendingId(0).reversesId(0).flags(0).timeout(0)
            .timestamp(model.greatestTransferTimestamp() + 1 + index);
    }

    /**
     * The last request of a run: pending transfers arriving just before the end of time, so that long timeouts
     * overflow, followed by {@link #endOfTimePulse()}.
     */
    public Request endOfTime() {
        final List<Transfer> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(pending().timeout(1 + random.nextInt(40)).amount(1 + random.nextInt(10)).build());
        }
        final Request r = new Request(Kind.CREATE_TRANSFERS, List.of(), batch, Long.MAX_VALUE - 20 * NS_PER_S);
        remember(r);
        return r;
    }

    /** A pulse a millisecond before the end of time, with room left for the ticks of its expiries. */
    public Request endOfTimePulse() {
        return new Request(Kind.PULSE, List.of(), List.of(), Long.MAX_VALUE - 1_000_000);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries.

    /** A random account filter: usually valid, over the pool, sometimes invalid. */
    public AccountFilter accountFilter() {
        final long accountId = random.nextInt(50) == 0 ? 0 : accountId();
        final int flags = random.nextInt(30) == 0 ? 1 << (3 + random.nextInt(4)) : random.nextInt(8);
        final long[] range = timestampRange();
        final boolean anyData = random.nextInt(100) < 25;
        return new AccountFilter(accountId, anyData ? smallOrZero() : 0, anyData ? smallOrZero() : 0,
            anyData ? smallOrZero() : 0, anyData ? (int) smallOrZero() : 0,
            random.nextInt(100) < 20 ? 1 + random.nextInt(3) : 0, range[0], range[1], limit(), flags);
    }

    /** A random query filter: usually valid, sometimes invalid. */
    public QueryFilter queryFilter() {
        final long[] range = timestampRange();
        final boolean anyData = random.nextInt(100) < 30;
        final int flags = random.nextInt(30) == 0 ? 2 : random.nextInt(2);
        return new QueryFilter(anyData ? smallOrZero() : 0, anyData ? smallOrZero() : 0,
            anyData ? smallOrZero() : 0, anyData ? (int) smallOrZero() : 0,
            random.nextInt(100) < 50 ? random.nextInt(LEDGERS + 1) : 0,
            random.nextInt(100) < 30 ? 1 + random.nextInt(3) : 0, range[0], range[1], limit(), flags);
    }

    private int limit() {
        final int roll = random.nextInt(100);
        if (roll < 3) {
            return 0;
        }
        if (roll < 80) {
            return 1 + random.nextInt(30);
        }
        if (roll < 95) {
            return ReferenceLedger.ROWS_MAX;
        }
        return 100_000;
    }

    private long[] timestampRange() {
        final long last = Math.max(1, model.lastTimestamp());
        final int roll = random.nextInt(100);
        if (roll < 40) {
            return new long[] {0, 0};
        }
        final long a = 1 + random.nextLong(last);
        final long b = 1 + random.nextLong(last);
        if (roll < 70) {
            return new long[] {Math.min(a, b), Math.max(a, b)};
        }
        if (roll < 80) {
            return new long[] {a, 0};
        }
        if (roll < 90) {
            return new long[] {0, b};
        }
        if (roll < 95) {
            return new long[] {Math.max(a, b) + 1, Math.min(a, b)};
        }
        return random.nextInt(2) == 0 ? new long[] {Long.MAX_VALUE, 0} : new long[] {0, Long.MAX_VALUE};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Memory of what was sent.

    private void remember(final Request r) {
        for (final Account a : r.accounts()) {
            accountIdsSeen.add(a.id());
            if (a.id() > 0 && a.id() != Long.MAX_VALUE && a.timestamp() == 0) {
                submittedAccounts.add(a);
            }
        }
        for (final Transfer t : r.transfers()) {
            transferIdsSeen.add(t.id());
            keepRecent(submittedTransfers, t);
            if (t.hasFlag(TransferFlags.PENDING)) {
                keepRecent(pendingIds, t.id());
                if (t.hasFlag(TransferFlags.CLOSING_DEBIT) || t.hasFlag(TransferFlags.CLOSING_CREDIT)) {
                    keepRecent(closingIds, t.id());
                }
                if (t.timeout() != 0) {
                    keepRecent(timedPendingIds, t.id());
                }
            } else if (!t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
                keepRecent(postedIds, t.id());
            }
        }
    }

    private static <T> void keepRecent(final List<T> list, final T item) {
        if (list.size() >= RECENT_MAX) {
            list.remove(0);
        }
        list.add(item);
    }

    private <T> T pick(final List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
