package io.ringbook.tools;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run (a journal replay), drawn on stderr by a progress-bar library so that stdout stays clean for
 * results. The journal does not say up front how many requests it holds, so the bar counts up with a rate instead of
 * a percentage unless a total is known.
 */
interface Progress extends AutoCloseable {
    /** Shows nothing: for pipes, files and tests. */
    Progress NONE = new Progress() {
        @Override
        public void stepTo(final long done) {
        }

        @Override
        public void close() {
        }
    };

    /** Redraws at most this often. */
    int UPDATE_MS = 250;

    /** Reports {@code done} units finished (cheap: the bar redraws on its own thread). */
    void stepTo(long done);

    /** Removes nothing: leaves the final state of the bar on stderr. */
    @Override
    void close();

    /** A bar on stderr for {@code task}, counting {@code unit}s with a rate. */
    static Progress onStderr(final String task, final String unit) {
        final ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(-1)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(UPDATE_MS)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
        return new Progress() {
            @Override
            public void stepTo(final long done) {
                bar.stepTo(done);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
