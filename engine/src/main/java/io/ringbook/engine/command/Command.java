package io.ringbook.engine.command;

/**
 * One command: a single event of a request, with room for its result. What the state machine applies, whoever
 * sequences it: in the ring there is one command per slot, created once by the event factory and reused; outside it
 * (replay, tools) a {@link CommandArray} holds them. Whoever fills a command calls {@link #prepare} (or
 * {@link #reset()}) first and then sets what the request carries, so nothing survives reuse.
 *
 * <p>A request of n events is n consecutive commands ({@link #indexInRequest} 0..n-1, all with the same
 * {@link #requestSize}). Reads that return many rows (queries) take as many commands as rows they may return: the
 * filter is in command 0 and row i is written into command i; {@link #resultCount} in command 0 says how many rows
 * there are.
 *
 * <pre>
 * field use by operation:
 *   CREATE_ACCOUNTS       in: account fields          out: status, resultTimestamp
 *   CREATE_TRANSFERS      in: transfer fields         out: status, resultTimestamp
 *   LOOKUP_*              in: id                      out: status (1 found, 0 not), record fields overwritten
 *   GET_ACCOUNT_*         in (command 0): id = account, user data, code, timestampMin/Max, limit, flags (filter
 *                                           flags)
 *   QUERY_*               in (command 0): user data, ledger, code, timestampMin/Max, limit, flags (filter flags)
 *                         out: resultCount in command 0, row i in command i (status 1); command 0: value =
 *                              continuation (0: the scan reached the end; else where to ask again)
 *   GET_LEDGER_TOTALS     in (command 0): ledger  out: rows of ledger, code, id = account count, and the four
 *                                                  balance sums as 128-bit (low word in the balance field,
 *                                                  high word in the matching *Hi field); command 0: value =
 *                                                  number of codes (more than rows if the commands ran out)
 *   PULSE                 (no input)                  out: resultCount = transfers expired, value = the last
 *                                                      assigned timestamp
 *   STATE_HASH            (no input)                  out: value = state hash
 *   SNAPSHOT              (no input)                  out: attachment = LedgerCut, or none while the previous
 *                                                      cut is still being written
 *   CONFIGURE             in: debitsPending = accounts limit, debitsPosted = transfers limit,
 *                             creditsPending = failed transfer ids limit, creditsPosted = history limit
 *                                                 out: nothing (Ledger.configure throws on a limit it cannot take)
 * </pre>
 */
public final class Command {
    // Header.
    public Operation operation;
    public long requestId;
    public int indexInRequest;
    public int requestSize;
    public long arrivalNs;
    /** Opaque reference for the reply stage (for example the caller's future); not journaled. */
    public Object context;

    // Event / filter fields.
    public long id;
    public long debitAccountId;
    public long creditAccountId;
    public long amount;
    public long pendingId;
    public long reversesId;
    public long userData128Hi;
    public long userData128Lo;
    public long userData64;
    public int userData32;
    public int timeout;
    public int ledger;
    public int code;
    public int flags;
    public long timestamp;
    public long debitsPending;
    public long debitsPosted;
    public long creditsPending;
    public long creditsPosted;
    public long timestampMin;
    public long timestampMax;
    public int limit;

    // Results.
    public int status;
    public long resultTimestamp;
    public long reversedAmount;
    public int resultCount;
    public long value;
    public long debitsPendingHi;
    public long debitsPostedHi;
    public long creditsPendingHi;
    public long creditsPostedHi;
    /** An object result, handed from the ledger thread to the reply stage (SNAPSHOT: the cut). */
    public Object attachment;

    /** Zeroes every field. */
    public void reset() {
        operation = null;
        requestId = 0;
        indexInRequest = 0;
        requestSize = 0;
        arrivalNs = 0;
        context = null;
        resetEvent();
        resetResult();
    }

    /** Resets every field, then writes the header: the first thing whoever fills a command does. */
    public void prepare(final Operation newOperation, final long newRequestId, final int index, final int size,
                        final long newArrivalNs, final Object newContext) {
        reset();
        operation = newOperation;
        requestId = newRequestId;
        indexInRequest = index;
        requestSize = size;
        arrivalNs = newArrivalNs;
        context = newContext;
    }

    /** Zeroes the event and filter fields. */
    public void resetEvent() {
        id = 0;
        debitAccountId = 0;
        creditAccountId = 0;
        amount = 0;
        pendingId = 0;
        reversesId = 0;
        userData128Hi = 0;
        userData128Lo = 0;
        userData64 = 0;
        userData32 = 0;
        timeout = 0;
        ledger = 0;
        code = 0;
        flags = 0;
        timestamp = 0;
        debitsPending = 0;
        debitsPosted = 0;
        creditsPending = 0;
        creditsPosted = 0;
        timestampMin = 0;
        timestampMax = 0;
        limit = 0;
    }

    /** Zeroes the result fields. */
    public void resetResult() {
        status = 0;
        resultTimestamp = 0;
        reversedAmount = 0;
        resultCount = 0;
        value = 0;
        debitsPendingHi = 0;
        debitsPostedHi = 0;
        creditsPendingHi = 0;
        creditsPostedHi = 0;
        attachment = null;
    }

    /** True for the last command of its request. */
    public boolean isLastOfRequest() {
        return indexInRequest == requestSize - 1;
    }
}
