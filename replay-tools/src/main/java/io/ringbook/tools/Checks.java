package io.ringbook.tools;

import io.ringbook.engine.state.Ledger;

/** Small checks and formats the subcommands share. */
final class Checks {
    private Checks() {
    }

    /** The index an option asks for ({@code Long.MAX_VALUE}: everything), or a usage error if negative. */
    static long uptoIndex(final DataOptions data, final String option, final Long value) {
        if (value == null) {
            return Long.MAX_VALUE;
        }
        if (value < 0) {
            throw data.usage(option + " must be a journal index >= 0: " + value);
        }
        return value;
    }

    /** A usage error if the journal ended before the index an option asked for. */
    static void reached(final DataOptions data, final String option, final Long value, final Ledger ledger) {
        if (value != null && ledger.journalIndex() < value) {
            throw data.usage(option + " " + value + " is past the end of the journal: its last committed request "
                + "is journal index " + ledger.journalIndex());
        }
    }

    /** A state hash as the tools print it: 16 hex digits. */
    static String hex(final long hash) {
        return String.format("%016x", hash);
    }
}
