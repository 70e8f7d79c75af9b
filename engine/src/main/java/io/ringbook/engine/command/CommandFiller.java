package io.ringbook.engine.command;

/**
 * Writes the event fields of one command from a caller's source (a list of records, a decoded network buffer), so
 * that a producer can publish without allocating per event: pass a constant filler and the source as an argument
 * instead of a capturing lambda. The header fields are already written when it is called.
 *
 * @param <S> the source type
 */
@FunctionalInterface
public interface CommandFiller<S> {
    /** Writes the event at {@code index} (0-based within the request) of {@code source} into {@code command}. */
    void fill(Command command, int index, S source);
}
