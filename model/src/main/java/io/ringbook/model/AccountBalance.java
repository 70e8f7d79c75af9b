package io.ringbook.model;

/** An account's balances right after the event at {@code timestamp} (accounts with the {@code history} flag). */
public record AccountBalance(long timestamp, long debitsPending, long debitsPosted, long creditsPending,
                             long creditsPosted) {
}
