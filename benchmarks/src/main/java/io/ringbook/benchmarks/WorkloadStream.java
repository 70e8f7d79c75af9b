package io.ringbook.benchmarks;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded command stream of one {@link Workload}: the account set, the funding transfers and the workload's
 * transfers, written straight into ring slots ({@link Command}) so that a benchmark measures the ledger and not object
 * creation. The same (workload, seed, accounts, events) gives the same stream on every JVM and machine.
 *
 * <p>Randomness is counter based: the k-th draw of event e is {@code draw(seed, 8 e + k)}, which is exactly the
 * {@code (8 e + k + 1)}-th {@code nextLong()} of {@code new SplittableRandom(seed)} (SplitMix64). Any event can
 * therefore be generated on its own, in any order and on any thread, and two-phase resolutions can recompute the
 * pending transfer they resolve.
 *
 * <pre>
 * accounts   ids 1..N: ledger 1, code 1, debits_must_not_exceed_credits
 *            id N+1:   the bank, ledger 1, code 2, no limits (its balance goes negative: it issues the money)
 * funding    N transfers bank -&gt; account i, ids events + 1 + i (right after the workload's), amount from
 *            {@link SeedCredit}
 * events     transfer ids 1..events (event e has id e+1), ledger 1, code 1, amount uniform 1..1000
 *   pairs    uniform: debit uniform, credit uniform over the others
 *            hot:     debit = the hot account with probability 0.1, else uniform over the others; credit uniform
 *            zipf:    both sides zipfian (s = 1.0) over one seeded ranking of the accounts, credit redrawn if equal
 *   two-phase   events in blocks of 8190: even blocks are pending transfers, odd blocks resolve the block before
 *               (event e resolves event e - 8190): post of the full amount with probability 0.8, else void
 *   linked-4    linked flag on events with e % 4 != 3 (and never on the last event of the stream)
 * </pre>
 */
public final class WorkloadStream {
    public static final int LEDGER = 1;
    public static final int ACCOUNT_CODE = 1;
    public static final int BANK_CODE = 2;
    public static final int TRANSFER_CODE = 1;
    public static final int FUNDING_CODE = 2;
    public static final int AMOUNT_MAX = 1000;
    public static final double HOT_SHARE = 0.1;
    public static final double POST_SHARE = 0.8;
    /** Share of events meant to be rejected (directly or as a consequence) because a debit exceeds credits. */
    public static final double REJECTION_TARGET = 0.01;
    /** Two-phase: distance in events between a pending transfer and its resolution (one full request). */
    public static final int TWO_PHASE_LAG = 8190;
    /** Largest stream: ids stay far below any "int max" rule and the funding ids follow the workload's. */
    public static final long EVENTS_MAX = 1L << 40;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final int DRAWS_PER_EVENT = 8;
    private static final int ZIPF_TRIES = 5;
    private static final double UNIT = 0x1.0p-53;

    private final Workload workload;
    private final long seed;
    private final int accountCount;
    private final long events;
    private final int hotAccount;
    private final double[] zipfCdf;
    private final int[] ranking;
    private final long[] seedCredits;

    WorkloadStream(final Workload workload, final long seed, final int accountCount, final long events) {
        if (accountCount < 2) {
            throw new IllegalArgumentException("a workload needs at least 2 accounts: " + accountCount);
        }
        if (events < 1 || events > EVENTS_MAX) {
            throw new IllegalArgumentException("events out of range: " + events);
        }
        this.workload = workload;
        this.seed = seed;
        this.accountCount = accountCount;
        this.events = events;
        final long setupSeed = mix64(seed ^ 0x5EED_5EED_5EED_5EEDL);
        this.hotAccount = uniform(draw(setupSeed, 0), accountCount);
        if (workload.pairs() == Workload.Pairs.ZIPF) {
            this.zipfCdf = zipfCdf(accountCount);
            this.ranking = ranking(setupSeed, accountCount);
        } else {
            this.zipfCdf = null;
            this.ranking = null;
        }
        this.seedCredits = seedCredits();
    }

    public Workload workload() {
        return workload;
    }

    public long seed() {
        return seed;
    }

    /** Number of user accounts (the bank comes on top). */
    public int accountCount() {
        return accountCount;
    }

    /** Number of workload events (transfers, pending and resolutions counted one each). */
    public long events() {
        return events;
    }

    /** Accounts to create: the user accounts, then the bank. */
    public int accountsToCreate() {
        return accountCount + 1;
    }

    /** Funding transfers: one per user account. */
    public int fundingCount() {
        return accountCount;
    }

    public static long accountId(final int index) {
        return index + 1L;
    }

    /**
     * Id of funding transfer {@code index}: the funding ids directly follow the workload's ids. (They are not put in a
     * far-away range such as 2^40 + i on purpose: that collides with the workload ids in the ledger's id index and
     * measures probing instead of the ledger; see the benchmarks README.)
     */
    public long fundingId(final int index) {
        return events + 1 + index;
    }

    public long bankAccountId() {
        return accountId(accountCount);
    }

    /** Account index (id - 1) of the hot account; meaningful for {@code hot-10pct} only. */
    public int hotAccount() {
        return hotAccount;
    }

    /** The seed credit of account {@code index}, funded by the bank before the workload starts. */
    public long seedCredit(final int index) {
        return seedCredits[index];
    }

    /**
     * Writes create_accounts event {@code index} (0..accountCount; the last is the bank) into a slot: every field,
     * header included (a request of one; the caller sets the request header for longer requests).
     */
    public void fillAccount(final Command slot, final int index) {
        slot.prepare(Operation.CREATE_ACCOUNTS, 0, 0, 1, 0, null);
        writeAccount(slot, index);
    }

    /** Writes the event and result fields of create_accounts event {@code index}, leaving the header alone. */
    public void writeAccount(final Command slot, final int index) {
        slot.resetEvent();
        slot.resetResult();
        slot.id = accountId(index);
        slot.ledger = LEDGER;
        if (index == accountCount) {
            slot.code = BANK_CODE;
        } else {
            slot.code = ACCOUNT_CODE;
            slot.flags = AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
        }
    }

    /** Writes funding transfer {@code index} (bank to account {@code index}) into a slot: every field. */
    public void fillFunding(final Command slot, final int index) {
        slot.prepare(Operation.CREATE_TRANSFERS, 0, 0, 1, 0, null);
        writeFunding(slot, index);
    }

    /** Writes the event and result fields of funding transfer {@code index}, leaving the header alone. */
    public void writeFunding(final Command slot, final int index) {
        slot.resetEvent();
        slot.resetResult();
        slot.id = fundingId(index);
        slot.debitAccountId = bankAccountId();
        slot.creditAccountId = accountId(index);
        slot.amount = seedCredits[index];
        slot.ledger = LEDGER;
        slot.code = FUNDING_CODE;
    }

    /**
     * Writes workload event {@code event} (0-based; transfer id {@code event + 1}) into a slot: every field, header
     * included, as a request of one. For longer requests see {@link #fillBatch}.
     */
    public void fill(final Command slot, final long event) {
        slot.prepare(Operation.CREATE_TRANSFERS, 0, 0, 1, 0, null);
        writeEvent(slot, event);
    }

    /**
     * Writes the event and result fields of workload event {@code event}, leaving the request header alone (what a
     * ring producer's slot filler does).
     */
    public void writeEvent(final Command slot, final long event) {
        slot.resetEvent();
        slot.resetResult();
        slot.id = event + 1;
        slot.ledger = LEDGER;
        slot.code = TRANSFER_CODE;
        if (workload.kind() == Workload.Kind.TWO_PHASE && !isPending(event)) {
            final long pending = event - TWO_PHASE_LAG;
            final long pair = pair(pending);
            slot.debitAccountId = accountId(debitOf(pair));
            slot.creditAccountId = accountId(creditOf(pair));
            slot.pendingId = pending + 1;
            if (isPosted(pending)) {
                slot.flags = TransferFlags.POST_PENDING_TRANSFER;
                slot.amount = amount(pending);
            } else {
                slot.flags = TransferFlags.VOID_PENDING_TRANSFER;
            }
            return;
        }
        final long pair = pair(event);
        slot.debitAccountId = accountId(debitOf(pair));
        slot.creditAccountId = accountId(creditOf(pair));
        slot.amount = amount(event);
        if (workload.kind() == Workload.Kind.TWO_PHASE) {
            slot.flags = TransferFlags.PENDING;
        } else if (workload.kind() == Workload.Kind.LINKED_4 && event % 4 != 3 && event != events - 1) {
            slot.flags = TransferFlags.LINKED;
        }
    }

    /**
     * Fills {@code size} slots with events {@code first..first+size-1} as one create_transfers request: every field
     * written, header included.
     */
    public void fillBatch(final CommandArray slots, final long first, final int size, final long requestId) {
        for (int i = 0; i < size; i++) {
            final Command slot = slots.get(i);
            slot.prepare(Operation.CREATE_TRANSFERS, requestId, i, size, 0, null);
            writeEvent(slot, first + i);
        }
        slots.size(size);
    }

    /** The user accounts and the bank, as records (for tests and tools). */
    public List<Account> accounts() {
        return new AbstractList<>() {
            @Override
            public Account get(final int index) {
                final Command slot = new Command();
                fillAccount(slot, index);
                return CommandCodec.readAccount(slot);
            }

            @Override
            public int size() {
                return accountsToCreate();
            }
        };
    }

    /** The funding transfers, as records. */
    public List<Transfer> fundingTransfers() {
        return new AbstractList<>() {
            @Override
            public Transfer get(final int index) {
                final Command slot = new Command();
                fillFunding(slot, index);
                return CommandCodec.readTransfer(slot);
            }

            @Override
            public int size() {
                return fundingCount();
            }
        };
    }

    /** Events {@code first..first+count-1} as transfer records (a lazy view; each get generates the event). */
    public List<Transfer> transfers(final long first, final int count) {
        if (first < 0 || count < 0 || first + count > events) {
            throw new IndexOutOfBoundsException("events " + first + "+" + count + " of " + events);
        }
        return new AbstractList<>() {
            @Override
            public Transfer get(final int index) {
                final Command slot = new Command();
                fill(slot, first + index);
                return CommandCodec.readTransfer(slot);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** Two-phase: true if event {@code event} is a pending transfer (rather than a resolution). */
    public static boolean isPending(final long event) {
        return (event / TWO_PHASE_LAG) % 2 == 0;
    }

    /**
     * The k-th value of the seeded sequence: equal to the {@code (index + 1)}-th {@code nextLong()} of
     * {@code new SplittableRandom(seed)}, computed directly.
     *
     * @see SplittableRandom
     */
    public static long draw(final long seed, final long index) {
        return mix64(seed + (index + 1) * GOLDEN_GAMMA);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Event parts, each a pure function of (seed, event).

    private long eventDraw(final long event, final int k) {
        return draw(seed, event * DRAWS_PER_EVENT + k);
    }

    private long amount(final long event) {
        return 1 + uniform(eventDraw(event, 7), AMOUNT_MAX);
    }

    private boolean isPosted(final long pendingEvent) {
        return unit(eventDraw(pendingEvent, 0)) < POST_SHARE;
    }

    /** Debit and credit account indexes of an event, packed high | low. */
    private long pair(final long event) {
        final int debit;
        int credit;
        switch (workload.pairs()) {
            case HOT:
                debit = unit(eventDraw(event, 0)) < HOT_SHARE ? hotAccount
                    : uniformExcept(eventDraw(event, 1), accountCount, hotAccount);
                credit = uniformExcept(eventDraw(event, 2), accountCount, debit);
                break;
            case ZIPF:
                debit = ranking[zipf(eventDraw(event, 1))];
                credit = debit;
                for (int k = 2; k < 2 + ZIPF_TRIES && credit == debit; k++) {
                    credit = ranking[zipf(eventDraw(event, k))];
                }
                if (credit == debit) {
                    credit = (debit + 1) % accountCount;
                }
                break;
            case UNIFORM:
            default:
                debit = uniform(eventDraw(event, 1), accountCount);
                credit = uniformExcept(eventDraw(event, 2), accountCount, debit);
                break;
        }
        return ((long) debit << 32) | credit;
    }

    private static int debitOf(final long pair) {
        return (int) (pair >>> 32);
    }

    private static int creditOf(final long pair) {
        return (int) pair;
    }

    /** Zipf rank (0-based) for a draw: the first rank whose cumulative probability exceeds a uniform [0,1). */
    private int zipf(final long value) {
        final double u = unit(value);
        int lo = 0;
        int hi = zipfCdf.length - 1;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (zipfCdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Set-up: zipf table, ranking, seed credits.

    private static double[] zipfCdf(final int n) {
        final double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0;
        return cdf;
    }

    /** A seeded permutation rank -&gt; account index, so that hot accounts are not neighbours in memory. */
    private static int[] ranking(final long setupSeed, final int n) {
        final int[] ranking = new int[n];
        for (int i = 0; i < n; i++) {
            ranking[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = uniform(draw(setupSeed, i), i + 1);
            final int swap = ranking[i];
            ranking[i] = ranking[j];
            ranking[j] = swap;
        }
        return ranking;
    }

    /** Probability that a zipf rank is drawn. */
    private double zipfShare(final int rank) {
        return rank == 0 ? zipfCdf[0] : zipfCdf[rank] - zipfCdf[rank - 1];
    }

    private long[] seedCredits() {
        final boolean twoPhase = workload.kind() == Workload.Kind.TWO_PHASE;
        final double moving = twoPhase ? pendingEvents(events) : events;
        final double posted = twoPhase ? POST_SHARE : 1.0;
        final double target = workload.kind() == Workload.Kind.LINKED_4
            ? 1 - StrictMath.pow(1 - REJECTION_TARGET, 1.0 / workload.chainLength()) : REJECTION_TARGET;
        final long[] credits = new long[accountCount];
        final double others = accountCount - 1.0;
        if (workload.pairs() == Workload.Pairs.HOT) {
            final double coldDebit = (1 - HOT_SHARE) / others;
            for (int i = 0; i < accountCount; i++) {
                final double debit = i == hotAccount ? HOT_SHARE : coldDebit;
                credits[i] = SeedCredit.credit(debit, (1 - debit) / others, moving, posted, target);
            }
        } else if (workload.pairs() == Workload.Pairs.ZIPF) {
            // The credit side is redrawn when it equals the debit side: P(credit = i) = z_i * sum_{j != i} z_j/(1-z_j).
            double redraw = 0;
            for (int rank = 0; rank < accountCount; rank++) {
                redraw += zipfShare(rank) / (1 - zipfShare(rank));
            }
            for (int rank = 0; rank < accountCount; rank++) {
                final double z = zipfShare(rank);
                credits[ranking[rank]] = SeedCredit.credit(z, z * (redraw - z / (1 - z)), moving, posted, target);
            }
        } else {
            Arrays.fill(credits, SeedCredit.credit(1 / (double) accountCount, 1 / (double) accountCount, moving,
                posted, target));
        }
        return credits;
    }

    /** Two-phase: how many of the first {@code count} events are pending transfers. */
    static long pendingEvents(final long count) {
        final long blocks = count / (2L * TWO_PHASE_LAG);
        final long rest = count % (2L * TWO_PHASE_LAG);
        return blocks * TWO_PHASE_LAG + Math.min(rest, TWO_PHASE_LAG);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Numbers from draws.

    /** SplitMix64's finaliser (the one {@link SplittableRandom} uses). */
    private static long mix64(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, n) from the high 32 bits (bias below n / 2^32, irrelevant here). */
    private static int uniform(final long value, final int n) {
        return (int) (((value >>> 32) * n) >>> 32);
    }

    /** Uniform over [0, n) without {@code excluded}. */
    private static int uniformExcept(final long value, final int n, final int excluded) {
        final int pick = uniform(value, n - 1);
        return pick >= excluded ? pick + 1 : pick;
    }

    /** Uniform double in [0, 1) from the high 53 bits. */
    private static double unit(final long value) {
        return (value >>> 11) * UNIT;
    }
}
