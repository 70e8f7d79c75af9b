package io.ringbook.model;

import java.math.BigInteger;

/**
 * Sums of the four balance columns over all accounts of one ledger with one account code (a trial-balance row).
 * Sums are exact: each balance fits in 63 bits but their sum over many accounts may not.
 */
public record CodeTotals(int ledger, int code, long accounts, BigInteger debitsPending, BigInteger debitsPosted,
                         BigInteger creditsPending, BigInteger creditsPosted) {
}
