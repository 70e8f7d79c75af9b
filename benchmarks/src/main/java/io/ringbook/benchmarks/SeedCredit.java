package io.ringbook.benchmarks;

/**
 * How much credit each workload account is seeded with so that roughly a target share of its debits is rejected
 * by {@code debits_must_not_exceed_credits} ({@code exceeds_credits}).
 *
 * <p>The method. Seen from one account, a run is a random walk of its available balance: every transfer it pays moves
 * it down by an amount A (uniform 1..1000), every transfer it receives moves it up. Over a run of M money-moving
 * transfers of which a share f is finally posted, an account that is the debit side with probability p_d and the
 * credit side with probability p_c has
 * <ul>
 *   <li>expected outflow O = M f p_d E[A] and inflow I = M f p_c E[A], so a drift D = I - O over the run;</li>
 *   <li>a spread sigma = sqrt(M f (p_d + p_c) E[A^2]) of its balance at the end of the run.</li>
 * </ul>
 * A debit is rejected when the balance is below its amount. A rejected debit leaves the balance unchanged, so the
 * balance is a walk reflected at zero: after variance v its density at zero is 2 phi(S; v) for a start S, and the
 * chance that a debit of mean size E[A] falls through is about 2 E[A] phi(S; v). Averaged over the run (v growing
 * linearly to sigma^2), the share of rejected debits is
 * <pre>
 *   r(S) = (2 E[A] / sigma) g(S / sigma),   g(x) = integral over u in (0,1] of phi(x / sqrt(u)) / sqrt(u) du
 *                                                 = 2 (phi(x) - x Q(x))       (phi, Q: standard normal pdf, tail)
 * </pre>
 * The seed is the expected net outflow plus the buffer that brings r down to the target:
 * {@code S = max(0, O - I + x sigma)} with {@code g(x) = target sigma / (2 E[A])} ({@code x = 0} when even an
 * unfunded account stays under the target). An account whose drift is in its favour (I &gt; O, the cold accounts of
 * {@code hot-10pct}) gets only half of its expected surplus counted, {@code S = max(0, x sigma - (I - O) / 2)}: the
 * surplus builds up linearly over the run, so half of it is what it has on average.
 *
 * <p>Measured at full size (10,000,000 events, seed 1, {@link WorkloadCalibration}): uniform-10k 1.5%, uniform-1m
 * 1.1%, hot-10pct 0.7%, zipf 1.0%, two-phase 1.1%, linked-4 1.0% of events not applied. The model runs low on long
 * walks (uniform-10k: 2,000 events per account), where a discrete walk with rejections spends more time near zero
 * than the continuous one. The model is checked against real runs by {@code WorkloadStreamTest} and
 * {@link WorkloadCalibration}. Only {@link StrictMath} is used, so seeds are
 * identical on every JVM.
 */
final class SeedCredit {
    /** E[A] for A uniform in 1..1000. */
    static final double AMOUNT_MEAN = (WorkloadStream.AMOUNT_MAX + 1) / 2.0;
    /** E[A^2] for A uniform in 1..1000. */
    static final double AMOUNT_SQUARE_MEAN = (WorkloadStream.AMOUNT_MAX + 1) * (2.0 * WorkloadStream.AMOUNT_MAX + 1)
        / 6.0;

    private static final double STEP = 1.0 / 1024;
    private static final int POINTS = 12 * 1024 + 1;
    private static final double[] G = buildG();

    private SeedCredit() {
    }

    /**
     * The seed credit of one account.
     *
     * @param debitShare     probability that a money-moving transfer has this account as its debit side
     * @param creditShare    probability that it has this account as its credit side
     * @param transfers      money-moving transfers in the run (pending ones for two-phase)
     * @param postedFraction share of them finally posted (1, or 0.8 for two-phase)
     * @param targetRate     wanted share of this account's debits rejected
     */
    static long credit(final double debitShare, final double creditShare, final double transfers,
                       final double postedFraction, final double targetRate) {
        final double moving = transfers * postedFraction;
        final double outflow = moving * debitShare * AMOUNT_MEAN;
        final double inflow = moving * creditShare * AMOUNT_MEAN;
        final double sigma = StrictMath.sqrt(moving * (debitShare + creditShare) * AMOUNT_SQUARE_MEAN);
        final double buffer = sigma == 0 ? 0 : solve(targetRate * sigma / (2 * AMOUNT_MEAN)) * sigma;
        final double drift = inflow - outflow;
        final double needed = drift < 0 ? -drift : -drift / 2;
        return (long) StrictMath.ceil(Math.max(0, needed + buffer));
    }

    /** The model's share of rejected debits for an account with zero drift, seed {@code seed} and spread sigma. */
    static double rejectionRate(final double seed, final double sigma) {
        return Math.min(1, 2 * AMOUNT_MEAN / sigma * g(seed / sigma));
    }

    /** g(x) by interpolation in the table (x beyond the table counts as the table's end). */
    static double g(final double x) {
        final double position = Math.min(x / STEP, POINTS - 1.0);
        final int k = Math.min((int) position, POINTS - 2);
        final double fraction = position - k;
        return G[k] + (G[k + 1] - G[k]) * fraction;
    }

    /** The smallest x >= 0 with g(x) <= target (g falls from g(0) = 0.798 towards 0). */
    static double solve(final double target) {
        if (target >= G[0]) {
            return 0;
        }
        int lo = 0;
        int hi = POINTS - 1;
        if (target <= G[hi]) {
            return hi * STEP;
        }
        while (hi - lo > 1) {
            final int mid = (lo + hi) >>> 1;
            if (G[mid] > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + (G[lo] - target) / (G[lo] - G[hi])) * STEP;
    }

    /** g on the grid, from the normal tail Q integrated backwards from x = 12 with Simpson's rule. */
    private static double[] buildG() {
        final double[] g = new double[POINTS];
        double tail = 0;
        for (int k = POINTS - 1; k >= 0; k--) {
            final double x = k * STEP;
            if (k < POINTS - 1) {
                tail += STEP / 6 * (phi(x) + 4 * phi(x + STEP / 2) + phi(x + STEP));
            }
            g[k] = 2 * (phi(x) - x * tail);
        }
        return g;
    }

    private static double phi(final double x) {
        return StrictMath.exp(-x * x / 2) / StrictMath.sqrt(2 * StrictMath.PI);
    }
}
