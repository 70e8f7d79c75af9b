package io.ringbook.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.ringbook.engine.command.Command;

/**
 * Exception handler of every stage: an unexpected throwable is a bug or a broken resource, so it is never swallowed.
 * It is logged with its stack trace and halts the engine; the reply stage also fails the request it was answering.
 */
final class StageExceptionHandler implements ExceptionHandler<Command> {
    private final String stage;
    private final HaltSwitch halt;
    private final ReplyHandler reply;

    /** {@code reply} is the reply stage's handler when this handles the reply stage, otherwise null. */
    StageExceptionHandler(final String stage, final HaltSwitch halt, final ReplyHandler reply) {
        this.stage = stage;
        this.halt = halt;
        this.reply = reply;
    }

    @Override
    public void handleEventException(final Throwable error, final long sequence, final Command command) {
        halt.halt(stage + " stage failed at ring sequence " + sequence, error);
        if (reply != null) {
            reply.failAfterError(command, sequence);
        }
    }

    @Override
    public void handleOnStartException(final Throwable error) {
        halt.halt(stage + " stage failed to start", error);
    }

    @Override
    public void handleOnShutdownException(final Throwable error) {
        halt.halt(stage + " stage failed to shut down", error);
    }
}
