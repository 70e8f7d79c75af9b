package io.ringbook.engine.command;

/** The consecutive slots of one request, in order. */
public interface CommandRequest {
    /** Number of commands in the request. */
    int size();

    /** Command {@code index} (0-based) of the request. */
    Command get(int index);
}
