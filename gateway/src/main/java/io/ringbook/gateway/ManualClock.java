package io.ringbook.gateway;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The engine's clock under {@code --clock=manual}: arrival times stand still until an operator moves them forward
 * ({@code POST /v1/admin/clock}), like a payment provider's test clock, so timeout flows can be tested without
 * waiting. Only ever moves forward, and never past {@link #LIMIT_NS} (far below where nanosecond arithmetic on
 * timestamps and timeouts could overflow).
 */
public final class ManualClock implements LongSupplier {
    /** The latest time the clock may show: the year 2262 is 2^63 ns; stop well before, at 2^62 ns (year 2116). */
    public static final long LIMIT_NS = 1L << 62;
    /** The largest single advance: 100 years of seconds. */
    public static final long ADVANCE_MAX_SECONDS = 100L * 366 * 24 * 3600;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AtomicLong nowNs;

    public ManualClock(final long startNs) {
        if (startNs < 0 || startNs > LIMIT_NS) {
            throw new IllegalArgumentException("start must be in 0.." + LIMIT_NS + ": " + startNs);
        }
        this.nowNs = new AtomicLong(startNs);
    }

    @Override
    public long getAsLong() {
        return nowNs.get();
    }

    /**
     * Moves the clock to {@code max(now, floorNs) + seconds}: {@code floorNs} is the last timestamp the ledger
     * assigned, so the advance is felt even when the ledger's clock ran ahead of the manual one.
     *
     * @return the new time
     * @throws IllegalArgumentException if {@code seconds} is not in 1..{@link #ADVANCE_MAX_SECONDS} or the result
     *                                  would pass {@link #LIMIT_NS}; the clock is then unchanged
     */
    public long advance(final long floorNs, final long seconds) {
        if (seconds < 1 || seconds > ADVANCE_MAX_SECONDS) {
            throw new IllegalArgumentException("advance_seconds must be in 1.." + ADVANCE_MAX_SECONDS + ": " + seconds);
        }
        return nowNs.updateAndGet(now -> {
            final long target = Math.max(now, floorNs) + seconds * NANOS_PER_SECOND;
            if (Math.max(now, floorNs) > LIMIT_NS || target > LIMIT_NS) {
                throw new IllegalArgumentException("the clock would pass its limit of " + LIMIT_NS + " ns");
            }
            return target;
        });
    }
}
