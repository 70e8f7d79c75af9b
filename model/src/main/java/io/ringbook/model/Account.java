package io.ringbook.model;

/**
 * An account as submitted to {@code create_accounts} or returned by lookups and queries. Balances and timestamp are
 * assigned by the ledger; on creation the balances must be zero and the timestamp zero unless the account is imported.
 * {@code ledger} is an unsigned 32-bit value, {@code code} and {@code flags} are unsigned 16-bit values.
 */
public record Account(
    long id,
    long debitsPending,
    long debitsPosted,
    long creditsPending,
    long creditsPosted,
    long userData128Hi,
    long userData128Lo,
    long userData64,
    int userData32,
    int ledger,
    int code,
    int flags,
    long timestamp) {

    public Account {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("code must be an unsigned 16-bit value: " + code);
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags must be an unsigned 16-bit value: " + flags);
        }
    }

    /** A new account with zero balances and no user data. */
    public static Account of(final long id, final int ledger, final int code, final int flags) {
        return new Account(id, 0, 0, 0, 0, 0, 0, 0, 0, ledger, code, flags, 0);
    }

    public Account withUserData(final long hi, final long lo, final long u64, final int u32) {
        return new Account(id, debitsPending, debitsPosted, creditsPending, creditsPosted, hi, lo, u64, u32, ledger,
            code, flags, timestamp);
    }

    public Account withTimestamp(final long newTimestamp) {
        return new Account(id, debitsPending, debitsPosted, creditsPending, creditsPosted, userData128Hi,
            userData128Lo, userData64, userData32, ledger, code, flags, newTimestamp);
    }

    public Account withFlags(final int newFlags) {
        return new Account(id, debitsPending, debitsPosted, creditsPending, creditsPosted, userData128Hi,
            userData128Lo, userData64, userData32, ledger, code, newFlags, timestamp);
    }

    public Account withBalances(final long dPending, final long dPosted, final long cPending, final long cPosted) {
        return new Account(id, dPending, dPosted, cPending, cPosted, userData128Hi, userData128Lo, userData64,
            userData32, ledger, code, flags, timestamp);
    }

    public boolean hasFlag(final int flag) {
        return (flags & flag) != 0;
    }
}
