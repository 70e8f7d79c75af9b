package io.ringbook.model;

/**
 * Limits every party to a ledger agrees on. The one place the request limit is defined: the engine, the journal, the
 * wire protocol and the client derive theirs from it.
 */
public final class Limits {
    /**
     * Most events in one request, and most rows in one answer (TigerBeetle's batch limit). A linked chain lives in one
     * request, so it is also the longest chain.
     */
    public static final int REQUEST_SIZE_MAX = 8190;

    private Limits() {
    }
}
