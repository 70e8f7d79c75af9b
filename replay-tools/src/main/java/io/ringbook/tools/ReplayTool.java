package io.ringbook.tools;

import io.ringbook.journal.JournalCorruptException;
import io.ringbook.snapshot.SnapshotCorruptException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ringbook-replay}: offline tools over a server's data directory (journal + snapshots). Rebuilds state,
 * verifies the journal's integrity chain and every snapshot against a full replay, dumps journal entries, exports
 * snapshots and point-in-time states for reconciliation. Results go to stdout, progress and diagnostics to stderr,
 * so the output can be piped. Reads the data directory only, except {@code rebuild}, which adds a snapshot.
 */
@Command(name = "ringbook-replay", mixinStandardHelpOptions = true, versionProvider = ReplayTool.Version.class,
    description = "Offline tools over a Ringbook data directory: rebuild, verify, dump, export, at, backup.",
    subcommands = {RebuildCommand.class, VerifyCommand.class, DumpCommand.class, ExportCommand.class,
        AtCommand.class, BackupCommand.class, CommandLine.HelpCommand.class})
public final class ReplayTool implements Runnable {
    /** Everything checked out, or the command did what it was asked. */
    public static final int OK = 0;
    /** Verification failed or corruption was found (journal chain, invariant, snapshot checksum or hash). */
    public static final int FAILED = 1;
    /** Bad command line: unknown option, missing or conflicting values, a directory that is not there. */
    public static final int USAGE = 2;
    /** An I/O or other unexpected error. */
    public static final int ERROR = 3;

    private static final int OUT_BUFFER_BYTES = 1 << 16;
    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error that lists the subcommands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(final String[] args) {
        quietLibraries();
        final CommandLine commandLine = commandLine();
        final PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
            new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), OUT_BUFFER_BYTES));
        commandLine.setOut(out);
        final int exitCode = commandLine.execute(args);
        out.flush();
        System.exit(exitCode);
    }

    /**
     * Chronicle's banner and analytics off, and only warnings from the libraries' loggers: the tool reports what it
     * did itself. Must run before any Chronicle or logger class loads. An explicit -D setting wins.
     */
    private static void quietLibraries() {
        for (final String property : new String[] {"chronicle.analytics.disable", "chronicle.announcer.disable",
            "chronicle.disk.monitor.disable"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    /** The command line with every subcommand, the exit codes in each help and the error-to-exit-code mapping. */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new ReplayTool());
        commandLine.setExecutionExceptionHandler(ReplayTool::onError);
        commandLine.setParameterExceptionHandler(ReplayTool::onUsageError);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        describeExitCodes(commandLine);
        for (final CommandLine sub : commandLine.getSubcommands().values()) {
            describeExitCodes(sub);
        }
        return commandLine;
    }

    private static void describeExitCodes(final CommandLine commandLine) {
        final Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "ok");
        codes.put(Integer.toString(FAILED), "verification failed or corruption found (journal chain, invariant, "
            + "snapshot checksum or state hash)");
        codes.put(Integer.toString(USAGE), "usage error (bad or missing option, no such data directory)");
        codes.put(Integer.toString(ERROR), "I/O or other error");
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    /**
     * A usage error: the message, a suggestion for a mistyped option, and where the help is (the top level, which has
     * nothing else to say, prints its usage with the subcommands instead).
     */
    private static int onUsageError(final ParameterException e, final String[] args) {
        final CommandLine commandLine = e.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        if (commandLine.getCommandSpec().parent() == null) {
            commandLine.usage(err);
        } else {
            err.println("Try '" + name + " --help' for the options and exit codes.");
        }
        err.flush();
        return USAGE;
    }

    /** Prints what went wrong on one line (with its causes) and maps corruption to 1, anything else to 3. */
    private static int onError(final Exception e, final CommandLine commandLine, final ParseResult parsed) {
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(e));
        err.flush();
        return isCorruption(e) ? FAILED : ERROR;
    }

    /** The exception's message and those of its causes, each named by its type when the message alone is unclear. */
    static String describe(final Throwable e) {
        final StringBuilder text = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            if (text.length() > 0) {
                text.append(": caused by ");
            }
            final String message = t.getMessage();
            if (message == null || t instanceof IOException && !(t instanceof SnapshotCorruptException)) {
                text.append(t.getClass().getSimpleName()).append(message == null ? "" : " " + message);
            } else {
                text.append(message);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return text.toString();
    }

    static boolean isCorruption(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JournalCorruptException || t instanceof SnapshotCorruptException) {
                return true;
            }
        }
        return false;
    }

    /** The version from the jar's manifest (the Maven project version), or "development build" from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = ReplayTool.class.getPackage().getImplementationVersion();
            return new String[] {"ringbook-replay " + (version == null ? "(development build)" : version)};
        }
    }
}
