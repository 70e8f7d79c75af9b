package io.ringbook.engine.state;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;

/**
 * Touches, ahead of the rules, the memory a chunk of transfer events will need: the transfer id index bucket, the
 * two account records and each account's latest transfer (which the new transfer links to). Each pass issues
 * independent loads, so the CPU overlaps the cache misses instead of taking them one after another inside the rules.
 * Read-only and result-free: it changes no state and no outcome, only what is in cache.
 */
final class Prefetcher {
    static final int CHUNK = 256;

    private final LedgerTables tables;
    private final int[] rows = new int[2 * CHUNK];
    /** Sink for the touched values, so the JIT cannot drop the loads. */
    private long sink;

    Prefetcher(final LedgerTables tables) {
        this.tables = tables;
    }

    void prefetch(final CommandRequest request, final int from, final int to) {
        final IdIndex index = tables.accountIndex;
        final int count = to - from;
        long touched = 0;
        for (int i = 0; i < count; i++) {
            final Command c = request.get(from + i);
            rows[2 * i] = c.debitAccountId > 0 ? index.get(c.debitAccountId) : IdIndex.MISSING;
            rows[2 * i + 1] = c.creditAccountId > 0 ? index.get(c.creditAccountId) : IdIndex.MISSING;
            touched += tables.transferIndex.touch(c.id);
        }
        final Records accounts = tables.accounts;
        for (int i = 0; i < 2 * count; i++) {
            final int account = rows[i];
            if (account >= 0 && account < accounts.count) {
                touched += accounts.get(account, Layout.A_ID);
                final long ends = accounts.get(account, Layout.A_TRANSFERS);
                rows[i] = Records.low(ends);
            } else {
                rows[i] = Records.NONE;
            }
        }
        final Records transfers = tables.transfers;
        for (int i = 0; i < 2 * count; i++) {
            final int last = rows[i];
            if (last >= 0 && last < transfers.count) {
                touched += transfers.get(last, Layout.T_ACCOUNTS);
            }
        }
        sink += touched;
    }
}
