package io.ringbook.client;

import java.util.ArrayDeque;

/** Calls of one operation waiting for a free request slot, oldest first. Touched only on the I/O thread. */
final class OperationQueue {
    private final ArrayDeque<Call<?>> calls = new ArrayDeque<>();

    void add(final Call<?> call) {
        calls.addLast(call);
    }

    /** The oldest call still waiting, dropping calls that completed (timed out) while queued; null if none. */
    Call<?> head() {
        Call<?> head = calls.peekFirst();
        while (head != null && head.done) {
            calls.pollFirst();
            head = calls.peekFirst();
        }
        return head;
    }

    Call<?> poll() {
        return calls.pollFirst();
    }
}
