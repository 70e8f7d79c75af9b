package io.ringbook.store;

import java.nio.file.Path;

/**
 * A second process for the lock test: tries to lock the data directory given as the only argument and prints
 * {@code locked} (exit 0) or the refusal (exit 1). Starts fast: no engine, no Chronicle.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(final String[] args) {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + lock.directory());
        } catch (final DataDirectoryInUseException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
