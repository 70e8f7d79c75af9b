package io.ringbook.engine.command;

/**
 * The consecutive commands of one request, in order: what the ledger applies and the replier answers, wherever they
 * are held (ring slots, an array).
 */
public interface CommandRequest {
    /** Number of commands in the request. */
    int size();

    /** Command {@code index} (0-based) of the request. */
    Command get(int index);
}
