package io.ringbook.store;

import java.nio.file.Path;

/**
 * Another program (or another store in this process) holds the data directory's lock: refused at open, before
 * anything was loaded. Its message names the directory, the lock file and the holder's process id.
 */
public final class DataDirectoryInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The holder's pid when the lock file does not say (it was being written, or is unreadable). */
    public static final long PID_UNKNOWN = -1;

    private final transient Path directory;
    private final long holderPid;
    private final String inUse;

    DataDirectoryInUseException(final Path directory, final Path lockFile, final long holderPid,
                                final boolean thisProcess) {
        super(describe(directory, lockFile, holderPid, thisProcess) + "; stop it first or use another data directory");
        this.directory = directory;
        this.holderPid = holderPid;
        this.inUse = describe(directory, lockFile, holderPid, thisProcess);
    }

    private static String describe(final Path directory, final Path lockFile, final long holderPid,
                                   final boolean thisProcess) {
        final String holder = holderPid == PID_UNKNOWN ? "another process" : "process " + holderPid;
        return directory + " is in use by " + holder + " (" + (thisProcess ? "this process; " : "") + "lock file "
            + lockFile + ")";
    }

    /** The data directory that was refused. */
    public Path directory() {
        return directory;
    }

    /** The process holding the lock, or {@link #PID_UNKNOWN}. */
    public long holderPid() {
        return holderPid;
    }

    /**
     * The fact without advice, e.g. {@code ringbook-data is in use by process 12345 (lock file ringbook-data/lock)}:
     * each program adds what to do in its own words (the server names {@code --data-dir}).
     */
    public String inUse() {
        return inUse;
    }
}
