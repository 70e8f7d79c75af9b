package io.ringbook.benchmarks;

import java.util.Locale;

/**
 * The standard workloads of benchmarks/WORKLOADS.md, by the names every benchmark and report uses, so that figures
 * can be compared run to run. A workload only describes the shape (accounts, how pairs are drawn, the event kinds);
 * the seeded events themselves come from {@link WorkloadStream}.
 */
public enum Workload {
    /** 10,000 accounts, uniform distinct pairs: the whole state fits in cache. */
    UNIFORM_10K("uniform-10k", 10_000, Pairs.UNIFORM, Kind.SINGLE_PHASE),
    /** 1,000,000 accounts, uniform distinct pairs: state larger than the caches. */
    UNIFORM_1M("uniform-1m", 1_000_000, Pairs.UNIFORM, Kind.SINGLE_PHASE),
    /** 100,000 accounts; one account is the debit side of 10% of transfers, the rest uniform. */
    HOT_10PCT("hot-10pct", 100_000, Pairs.HOT, Kind.SINGLE_PHASE),
    /** 100,000 accounts, zipfian (s = 1.0) on both sides. */
    ZIPF("zipf", 100_000, Pairs.ZIPF, Kind.SINGLE_PHASE),
    /** 100,000 accounts, uniform; every transfer pending, then posted (80%) or voided (20%) in a later batch. */
    TWO_PHASE("two-phase", 100_000, Pairs.UNIFORM, Kind.TWO_PHASE),
    /** 100,000 accounts, uniform, in linked chains of 4 (linked flag on the first three). */
    LINKED_4("linked-4", 100_000, Pairs.UNIFORM, Kind.LINKED_4);

    /** Events in a standard run (WORKLOADS.md). */
    public static final long EVENTS_DEFAULT = 10_000_000L;

    /** How debit and credit accounts are drawn. */
    public enum Pairs {
        /** Both sides uniform over all accounts, debit != credit. */
        UNIFORM,
        /** Debit is the hot account with probability 0.1, otherwise uniform over the others; credit uniform. */
        HOT,
        /** Both sides zipfian (s = 1.0) over one seeded ranking of the accounts, debit != credit. */
        ZIPF
    }

    /** Which events the stream holds. */
    public enum Kind {
        /** Plain posted transfers. */
        SINGLE_PHASE,
        /** Pending transfers, each resolved (post or void) by a later event. */
        TWO_PHASE,
        /** Posted transfers in all-or-nothing chains of four. */
        LINKED_4
    }

    private final String id;
    private final int accounts;
    private final Pairs pairs;
    private final Kind kind;

    Workload(final String id, final int accounts, final Pairs pairs, final Kind kind) {
        this.id = id;
        this.accounts = accounts;
        this.pairs = pairs;
        this.kind = kind;
    }

    /** The standard name, for example {@code uniform-10k}. */
    public String id() {
        return id;
    }

    /** Number of user accounts in the standard run (the bank account comes on top). */
    public int accounts() {
        return accounts;
    }

    public Pairs pairs() {
        return pairs;
    }

    public Kind kind() {
        return kind;
    }

    /** Events that must travel in the same request: 4 for linked chains, otherwise 1. */
    public int chainLength() {
        return kind == Kind.LINKED_4 ? 4 : 1;
    }

    /**
     * The request size to use when {@code requested} events per request are asked for: cut down to whole chains
     * (8190 becomes 8188 for {@code linked-4}), never below one chain, so a chain never straddles two requests.
     */
    public int batchSizeFor(final int requested) {
        if (requested < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + requested);
        }
        final int chain = chainLength();
        return Math.max(chain, requested - requested % chain);
    }

    /** A stream of this workload with its standard account count and {@link #EVENTS_DEFAULT} events. */
    public WorkloadStream stream(final long seed) {
        return new WorkloadStream(this, seed, accounts, EVENTS_DEFAULT);
    }

    /** A stream of this workload with a chosen size (smaller runs for tests, or a prefix per benchmark pass). */
    public WorkloadStream stream(final long seed, final int accountCount, final long events) {
        return new WorkloadStream(this, seed, accountCount, events);
    }

    /** The workload with the given standard name. */
    public static Workload of(final String name) {
        final String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (final Workload workload : values()) {
            if (workload.id.equals(wanted)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload: " + name);
    }

    @Override
    public String toString() {
        return id;
    }
}
