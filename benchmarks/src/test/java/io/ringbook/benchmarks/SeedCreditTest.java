package io.ringbook.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed-credit model's numbers: g against a direct integral, its inverse, and the seed's parts. */
class SeedCreditTest {
    /** g(x) = integral over u in (0,1] of phi(x / sqrt(u)) / sqrt(u) du, by the midpoint rule after u = v^2. */
    private static double gByIntegral(final double x) {
        final int steps = 200_000;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            final double v = (i + 0.5) / steps;
            sum += 2 * Math.exp(-x * x / (2 * v * v)) / Math.sqrt(2 * Math.PI);
        }
        return sum / steps;
    }

    @Test
    void shouldMatchTheDefiningIntegral() {
        for (final double x : new double[] {0, 0.25, 0.77, 1.5, 2.5, 4}) {
            assertEquals(gByIntegral(x), SeedCredit.g(x), 1e-6, "g(" + x + ")");
        }
        assertEquals(2 / Math.sqrt(2 * Math.PI), SeedCredit.g(0), 1e-12);
    }

    @Test
    void shouldInvertG() {
        for (final double x : new double[] {0.1, 0.77, 1.5, 3}) {
            assertEquals(x, SeedCredit.solve(SeedCredit.g(x)), 1e-4);
        }
        assertEquals(0, SeedCredit.solve(0.9));
    }

    @Test
    void shouldFundExpectedNetOutflowPlusABufferThatMeetsTheTarget() {
        final double transfers = 10_000_000;
        final double share = 1 / 10_000.0;
        final double sigma = Math.sqrt(transfers * 2 * share * SeedCredit.AMOUNT_SQUARE_MEAN);
        final long balanced = SeedCredit.credit(share, share, transfers, 1, 0.01);
        assertEquals(0.01, SeedCredit.rejectionRate(balanced, sigma), 1e-4);

        final long paying = SeedCredit.credit(0.1, share, transfers, 1, 0.01);
        final double netOutflow = transfers * (0.1 - share) * SeedCredit.AMOUNT_MEAN;
        assertTrue(paying >= netOutflow && paying < netOutflow * 1.01, "hot payer: " + paying);

        final long receiving = SeedCredit.credit(share / 2, share, transfers, 1, 0.01);
        assertTrue(receiving < balanced, "an account with more inflow than outflow needs less");
    }
}
