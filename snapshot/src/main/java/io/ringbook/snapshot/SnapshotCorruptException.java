package io.ringbook.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot file that cannot be trusted: wrong magic or version, a checksum that does not match, a truncated file, or
 * a state hash after load that differs from the one recorded. Always names the file and what failed, so that an
 * operator reading the log knows which file to look at; a loader treats it as "try the next older snapshot".
 */
public final class SnapshotCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public SnapshotCorruptException(final Path file, final String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    /** What failed, without the file name. */
    public String reason() {
        return reason;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
