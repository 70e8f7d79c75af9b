package io.ringbook.store;

import io.ringbook.engine.Ringbook;
import io.ringbook.engine.reference.RandomRequests.Request;
import io.ringbook.engine.reference.SeededTraffic;
import io.ringbook.engine.state.LedgerConfig;

/** Feeds a seeded differential-test-style request stream through a running engine, one request at a time. */
final class Traffic {
    private final SeededTraffic traffic;

    Traffic(final long seed, final LedgerConfig config) {
        this.traffic = new SeededTraffic(seed, config);
    }

    /** Submits {@code requests} requests and waits for each answer. */
    void run(final Ringbook ringbook, final int requests) {
        for (int i = 0; i < requests; i++) {
            final Request r = traffic.next();
            switch (r.kind()) {
                case CREATE_ACCOUNTS:
                    ringbook.createAccounts(r.accounts()).join();
                    break;
                case CREATE_TRANSFERS:
                    ringbook.createTransfers(r.transfers()).join();
                    break;
                default:
                    ringbook.pulse().join();
                    break;
            }
        }
    }
}
