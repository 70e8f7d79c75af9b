package io.ringbook.engine.pipeline;

/** The consecutive slots of one request, in order. */
public interface CommandBatch {
    int size();

    Command get(int index);
}
