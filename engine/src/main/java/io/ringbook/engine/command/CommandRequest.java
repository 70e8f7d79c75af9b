package io.ringbook.engine.command;

/** The consecutive slots of one request, in order. */
public interface CommandRequest {
    int size();

    Command get(int index);
}
