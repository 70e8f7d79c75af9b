package io.ringbook.journal;

import java.util.Locale;

/**
 * When a mutating request counts as durable, and therefore when its reply may be released. See docs/JOURNAL.md for
 * exactly what each mode survives and which system call backs it.
 */
public enum Durability {
    /** No journal at all: a restart starts from the last snapshot (the engine uses {@code JournalSink.NONE}). */
    NONE,
    /**
     * Acknowledged once written to the memory-mapped journal: survives the process being killed (the kernel owns the
     * pages), not a power loss or kernel crash.
     */
    PROCESS,
    /** Acknowledged once the journal file's data is synced to the device ({@code fdatasync}): survives power loss. */
    FSYNC;

    /** The mode named {@code name} ("none", "process" or "fsync", any case), for configuration files and flags. */
    public static Durability of(final String name) {
        if (name != null) {
            for (final Durability mode : values()) {
                if (mode.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("durability must be none, process or fsync: " + name);
    }
}
