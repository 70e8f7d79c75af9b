package io.ringbook.engine;

import io.ringbook.engine.pipeline.JournalSink;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;

import io.ringbook.model.Limits;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Settings of one engine (ring, stages, state capacities), each with a default and checked once here, so that a bad
 * value fails at start with a clear message instead of misbehaving under load. Copy with the {@code with*} methods;
 * each copy is checked too, so when shrinking the ring below the default request size lower
 * {@code requestSizeMax} first: {@code defaults().withRequestSizeMax(16).withRingSize(16)}.
 *
 * @param ringSize        slots in the command ring: a power of two, at least {@code requestSizeMax} (default 65536)
 * @param requestSizeMax  most events (or result rows) in one request, 1..{@link Limits#REQUEST_SIZE_MAX} (default)
 * @param waitStrategy    how idle stage threads wait for work (default {@link WaitStrategyType#BLOCKING})
 * @param ledgerConfig    capacities of the ledger state (default {@link LedgerConfig#defaults()})
 * @param journalSink     where mutating commands are journaled; closed with the engine (default
 *                        {@link JournalSink#NONE})
 * @param clock           arrival time of a request in epoch nanoseconds, read once per request by the thread that
 *                        submits it (default: the wall clock)
 * @param haltPolicy      what an unexpected error in a stage does (default {@link HaltPolicy#FAIL_REQUESTS})
 * @param queryScanMax    most rows one read examines before it answers with a continuation, at least 1 (default
 *                        {@link #QUERY_SCAN_MAX_DEFAULT}; docs/SEMANTICS.md, "Scan budget")
 */
public record EngineConfig(int ringSize, int requestSizeMax, WaitStrategyType waitStrategy, LedgerConfig ledgerConfig,
                           JournalSink journalSink, LongSupplier clock, HaltPolicy haltPolicy,
                           int queryScanMax) {

    /** Largest ring: every slot is a pre-allocated object of a few hundred bytes. */
    public static final int RING_SIZE_LIMIT = 1 << 22;

    /** Default scan budget of a read, in rows: {@link Ledger#QUERY_SCAN_MAX_DEFAULT}. */
    public static final int QUERY_SCAN_MAX_DEFAULT = Ledger.QUERY_SCAN_MAX_DEFAULT;

    private static final int RING_SIZE_DEFAULT = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public EngineConfig {
        if (Integer.bitCount(ringSize) != 1 || ringSize > RING_SIZE_LIMIT) {
            throw new IllegalArgumentException(
                "ringSize must be a power of two in 1.." + RING_SIZE_LIMIT + ": " + ringSize);
        }
        if (requestSizeMax < 1 || requestSizeMax > Limits.REQUEST_SIZE_MAX) {
            throw new IllegalArgumentException(
                "requestSizeMax must be in 1.." + Limits.REQUEST_SIZE_MAX + ": " + requestSizeMax);
        }
        if (ringSize < requestSizeMax) {
            throw new IllegalArgumentException("ringSize (" + ringSize + ") must be at least requestSizeMax ("
                + requestSizeMax + "): a request occupies consecutive slots");
        }
        requireSet("waitStrategy", waitStrategy);
        requireSet("ledgerConfig", ledgerConfig);
        requireSet("journalSink", journalSink);
        requireSet("clock", clock);
        requireSet("haltPolicy", haltPolicy);
        if (queryScanMax < 1) {
            throw new IllegalArgumentException("queryScanMax must be at least 1: " + queryScanMax);
        }
    }

    /** Every setting at its default: suitable for embedding and tests, no journal. */
    public static EngineConfig defaults() {
        return new EngineConfig(RING_SIZE_DEFAULT, Limits.REQUEST_SIZE_MAX, WaitStrategyType.BLOCKING,
            LedgerConfig.defaults(), JournalSink.NONE, EngineConfig::wallClockNs, HaltPolicy.FAIL_REQUESTS,
            QUERY_SCAN_MAX_DEFAULT);
    }

    /** The wall clock in nanoseconds since the epoch (microsecond resolution on most systems). */
    public static long wallClockNs() {
        final Instant now = Instant.now();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }

    /** A copy with another {@code ringSize}, checked like any other. */
    public EngineConfig withRingSize(final int value) {
        return new EngineConfig(value, requestSizeMax, waitStrategy, ledgerConfig, journalSink, clock, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code requestSizeMax}, checked like any other. */
    public EngineConfig withRequestSizeMax(final int value) {
        return new EngineConfig(ringSize, value, waitStrategy, ledgerConfig, journalSink, clock, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code waitStrategy}, checked like any other. */
    public EngineConfig withWaitStrategy(final WaitStrategyType value) {
        return new EngineConfig(ringSize, requestSizeMax, value, ledgerConfig, journalSink, clock, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code ledgerConfig}, checked like any other. */
    public EngineConfig withLedgerConfig(final LedgerConfig value) {
        return new EngineConfig(ringSize, requestSizeMax, waitStrategy, value, journalSink, clock, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code journalSink}, checked like any other. */
    public EngineConfig withJournalSink(final JournalSink value) {
        return new EngineConfig(ringSize, requestSizeMax, waitStrategy, ledgerConfig, value, clock, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code clock}, checked like any other. */
    public EngineConfig withClock(final LongSupplier value) {
        return new EngineConfig(ringSize, requestSizeMax, waitStrategy, ledgerConfig, journalSink, value, haltPolicy,
            queryScanMax);
    }

    /** A copy with another {@code haltPolicy}, checked like any other. */
    public EngineConfig withHaltPolicy(final HaltPolicy value) {
        return new EngineConfig(ringSize, requestSizeMax, waitStrategy, ledgerConfig, journalSink, clock, value,
            queryScanMax);
    }

    /** A copy with another {@code queryScanMax}, checked like any other. */
    public EngineConfig withQueryScanMax(final int value) {
        return new EngineConfig(ringSize, requestSizeMax, waitStrategy, ledgerConfig, journalSink, clock, haltPolicy,
            value);
    }

    private static void requireSet(final String name, final Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** How stage threads wait for work. */
    public enum WaitStrategyType {
        /**
         * Sleeps on a lock while the ring is empty and backs off (spin, yield, park) while an earlier stage is still
         * busy: little CPU when idle, suits shared and 2-core machines.
         */
        BLOCKING,
        /** Spins, yields, then sleeps in short naps: lower latency, some CPU when idle. */
        SLEEPING,
        /** Spins then yields: low latency, one busy core per stage when idle. */
        YIELDING,
        /** Spins: lowest latency, only for dedicated cores (one per stage). */
        BUSY_SPIN
    }

    /** What the engine does after an unexpected throwable in a stage. */
    public enum HaltPolicy {
        /** Logs to stderr and halts the JVM with a non-zero status; restart recovers from the journal (servers). */
        EXIT_PROCESS,
        /** Logs to stderr and fails every outstanding and later request with {@code EngineHaltedException}. */
        FAIL_REQUESTS
    }
}
