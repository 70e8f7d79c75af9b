package io.ringbook.journal;

/**
 * The journal cannot be trusted from some point on: a broken integrity chain, an unreadable entry inside a committed
 * batch, or an index gap. Replaying past it would build a ledger that differs from the one that acknowledged the
 * requests, so the reader stops and says where, and which tool shows the damage.
 */
public final class JournalCorruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The tool that lists the entries around the damage. */
    static final String TOOL_HINT = "; investigate with `ringbook-replay verify --journal ";

    JournalCorruptException(final String where, final String directory) {
        super("journal " + directory + " is corrupt: " + where + TOOL_HINT + directory + "`");
    }
}
