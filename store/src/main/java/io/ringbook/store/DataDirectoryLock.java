package io.ringbook.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One owner per data directory: an exclusive OS file lock on {@code DIR/lock}, taken before anything is allocated
 * or loaded and held until {@link #close()}. The OS drops it when the process dies, so a lock file left behind by
 * {@code kill -9} never blocks a restart: the file may exist, only the lock on it counts. The file holds the
 * owner's pid and start time, for the refusal message and for operators ({@code cat ringbook-data/lock}); it is never
 * deleted, since a deleted and recreated file would let two processes each lock their own.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file drops them: so a
 * second open in the same JVM is refused from a process-wide set of held lock files before it opens the file at all.
 * Read-only tools never come here.
 */
public final class DataDirectoryLock implements AutoCloseable {
    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final int HOLDER_BYTES_MAX = 256;
    private static final int HOLDER_READ_ATTEMPTS = 10;
    private static final long HOLDER_READ_PAUSE_MS = 20;

    private final Path directory;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DataDirectoryLock(final Path directory, final Path key, final FileChannel channel, final FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} (creating it if needed) for this process, or refuses at once.
     *
     * @throws DataDirectoryInUseException if another process, or another owner in this one, holds it
     * @throws UncheckedIOException        if the directory or the lock file cannot be created or written
     */
    public static DataDirectoryLock acquire(final Path directory) {
        final Path file = directory.resolve(FILE_NAME);
        final Path key;
        try {
            Files.createDirectories(directory);
            key = directory.toRealPath().resolve(FILE_NAME);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create data directory " + directory, e);
        }
        if (!HELD.add(key)) {
            throw new DataDirectoryInUseException(directory, file, ProcessHandle.current().pid(), true);
        }
        try {
            return lock(directory, file, key);
        } catch (final RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static DataDirectoryLock lock(final Path directory, final Path file, final Path key) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (final OverlappingFileLockException e) {
                // Held through another class loader's copy of this class. The channel stays open on purpose:
                // closing it would drop that owner's lock (see the class comment).
                channel = null;
                throw new DataDirectoryInUseException(directory, file, ProcessHandle.current().pid(), true);
            }
            if (lock == null) {
                throw new DataDirectoryInUseException(directory, file, readHolderPid(channel), false);
            }
            final ProcessHandle self = ProcessHandle.current();
            final String holder = "pid=" + self.pid() + "\nstarted="
                + self.info().startInstant().orElseGet(Instant::now) + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.US_ASCII)), 0);
            final DataDirectoryLock owned = new DataDirectoryLock(directory, key, channel, lock);
            channel = null;
            return owned;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + directory + " (lock file " + file + ")",
                e);
        } finally {
            closeQuietly(channel);
        }
    }

    /** The pid in the holder's lock file; retried briefly, as the holder writes it just after locking. */
    private static long readHolderPid(final FileChannel channel) throws IOException {
        for (int attempt = 1; attempt <= HOLDER_READ_ATTEMPTS; attempt++) {
            final ByteBuffer bytes = ByteBuffer.allocate(HOLDER_BYTES_MAX);
            channel.read(bytes, 0);
            final Optional<Long> pid = parsePid(new String(bytes.array(), 0, bytes.position(),
                StandardCharsets.US_ASCII));
            if (pid.isPresent()) {
                return pid.get();
            }
            try {
                Thread.sleep(HOLDER_READ_PAUSE_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return DataDirectoryInUseException.PID_UNKNOWN;
    }

    private static Optional<Long> parsePid(final String text) {
        for (final String line : text.split("\n")) {
            if (line.startsWith("pid=")) {
                try {
                    return Optional.of(Long.parseLong(line.substring("pid=".length()).trim()));
                } catch (final NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // Nothing was locked through this channel; the error that brought us here is the one to report.
            }
        }
    }

    /**
     * The data directory whose server would use {@code directory} as a place to write snapshots: its parent when it
     * is that directory's snapshot directory in the store's layout ({@link StoreConfig#snapshotDirectory()}), itself
     * when it is a data directory (it holds a lock file or a journal directory); empty for any other directory.
     */
    public static Optional<Path> dataDirectoryOf(final Path directory) {
        final Path normal = directory.toAbsolutePath().normalize();
        final Path parent = normal.getParent();
        if (parent != null && StoreConfig.defaults(parent).snapshotDirectory().equals(normal)) {
            final Path given = directory.normalize().getParent();
            return Optional.of(given != null ? given : parent);
        }
        if (Files.exists(directory.resolve(FILE_NAME))
            || Files.isDirectory(StoreConfig.defaults(directory).journalDirectory())) {
            return Optional.of(directory);
        }
        return Optional.empty();
    }

    /** The locked data directory. */
    public Path directory() {
        return directory;
    }

    /** Releases the lock (the file stays, see the class comment). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot release the lock on data directory " + directory, e);
        } finally {
            HELD.remove(key);
        }
    }
}
