package io.ringbook.model;

import java.util.List;

/**
 * One answer of a query as the ledger gives it: the rows found and, when the ledger's scan budget ran out before the
 * filter's limit was reached, the timestamp to continue from (docs/SEMANTICS.md, "Scan budget"). A continuation of 0
 * means the scan reached the end of the range: fewer rows than the limit then mean there are no more.
 *
 * @param rows         the rows found, in the filter's order
 * @param continuation 0 at the end; else the {@code timestampMin} (reversed: {@code timestampMax}) to ask again with
 * @param <T>          the row type
 */
public record Page<T>(List<T> rows, long continuation) {

    /** True if the ledger stopped at its scan budget: there may be more rows from {@link #continuation} on. */
    public boolean hasContinuation() {
        return continuation != 0;
    }
}
