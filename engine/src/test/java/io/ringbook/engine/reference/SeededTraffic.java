package io.ringbook.engine.reference;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.reference.RandomRequests.Request;
import io.ringbook.engine.state.LedgerConfig;

/**
 * A seeded, differential-test-style stream of requests (accounts, transfers of every kind, pulses, with ~all result
 * codes) for tests of other layers (journal, snapshots, recovery): each request is applied to an internal reference
 * model so that later requests aim at transfers that exist, and the caller applies it to the engine it tests.
 */
public final class SeededTraffic {
    private final ReferenceLedger model;
    private final RandomRequests requests;

    public SeededTraffic(final long seed, final LedgerConfig config) {
        this.model = new ReferenceLedger(config);
        this.requests = new RandomRequests(seed, model, 40);
    }

    /** The next request, already applied to the model. */
    public Request next() {
        final Request r = requests.next();
        switch (r.kind()) {
            case CREATE_ACCOUNTS:
                model.createAccounts(r.accounts(), r.arrivalNs());
                break;
            case CREATE_TRANSFERS:
                model.createTransfers(r.transfers(), r.arrivalNs());
                break;
            default:
                model.pulse(r.arrivalNs());
                break;
        }
        return r;
    }

    /** Applies a request to a direct ledger (the synchronous engine facade). */
    public static void apply(final Request r, final DirectLedger ledger) {
        switch (r.kind()) {
            case CREATE_ACCOUNTS:
                ledger.createAccounts(r.accounts(), r.arrivalNs());
                break;
            case CREATE_TRANSFERS:
                ledger.createTransfers(r.transfers(), r.arrivalNs());
                break;
            default:
                ledger.pulse(r.arrivalNs());
                break;
        }
    }
}
