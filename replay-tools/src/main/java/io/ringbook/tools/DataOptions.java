package io.ringbook.tools;

import io.ringbook.store.StoreConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the data is ({@code --data DIR}, or {@code --journal}/{@code --snapshots} explicitly) and whether to show
 * progress: the options every subcommand shares. The layout inside the data directory is the store's
 * ({@link StoreConfig#journalDirectory()}, {@link StoreConfig#snapshotDirectory()}).
 */
public final class DataOptions {
    /** System property the launcher script sets when stderr is a terminal (Java cannot tell on its own). */
    static final String STDERR_TERMINAL = "ringbook.replay.stderrTerminal";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = StoreConfig.DATA_DIRECTORY_DEFAULT,
        description = "The server's data directory, with journal/ and snapshots/ inside (default: ./${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--journal", paramLabel = "DIR", description = "The journal directory (default: DATA/journal).")
    private Path journal;

    @Option(names = "--snapshots", paramLabel = "DIR",
        description = "The snapshot directory (default: DATA/snapshots).")
    private Path snapshots;

    @Option(names = "--progress", negatable = true,
        description = "Show a progress bar on stderr (default: only when stderr is a terminal).")
    private Boolean progress;

    /** The journal directory: {@code --journal}, or the store's layout under {@code --data}. */
    public Path journalDirectory() {
        return journal != null ? journal : StoreConfig.defaults(data).journalDirectory();
    }

    /** The snapshot directory: {@code --snapshots}, or the store's layout under {@code --data}. */
    public Path snapshotDirectory() {
        return snapshots != null ? snapshots : StoreConfig.defaults(data).snapshotDirectory();
    }

    /** The journal directory, or a usage error naming it if it is not there. */
    Path requireJournal() {
        final Path directory = journalDirectory();
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(mixee.commandLine(), "no journal directory at " + directory
                + " (give the server's data directory with --data DIR, or --journal DIR)");
        }
        return directory;
    }

    /** The snapshot directory, or a usage error naming it if it is not there. */
    Path requireSnapshots() {
        final Path directory = snapshotDirectory();
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(mixee.commandLine(), "no snapshot directory at " + directory
                + " (give the server's data directory with --data DIR, or --snapshots DIR)");
        }
        return directory;
    }

    /** A progress display on stderr for {@code task}, or one that shows nothing. */
    Progress progress(final String task, final String unit) {
        final boolean show = progress != null ? progress : Boolean.getBoolean(STDERR_TERMINAL);
        return show ? Progress.onStderr(task, unit) : Progress.NONE;
    }

    /** Where results go (the command's stdout). */
    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Where notes and warnings go (the command's stderr). */
    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** A usage error of the command this mixin belongs to. */
    ParameterException usage(final String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
