package io.ringbook.journal;

/**
 * What a replay delivered and found.
 *
 * @param lastIndex        journal index of the last request delivered, or the replay's {@code afterIndex} if none
 * @param requests         requests delivered
 * @param events           events (slots) of the requests delivered
 * @param discardedTail    REQUEST entries dropped because no COMMIT covers them (torn batches of crashed sessions)
 * @param batchesVerified  batches whose chain was recomputed and matched
 * @param committedIndex   last committed journal index seen by the replay (at least {@code lastIndex})
 * @param stoppedByVisitor true if the visitor asked to stop
 */
public record ReplayResult(long lastIndex, long requests, long events, long discardedTail, long batchesVerified,
                           long committedIndex, boolean stoppedByVisitor) {
}
