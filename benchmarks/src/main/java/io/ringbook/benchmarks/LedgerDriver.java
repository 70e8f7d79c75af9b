package io.ringbook.benchmarks;

import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Limits;

/**
 * Feeds a {@link WorkloadStream} to a {@link Ledger} on the caller's thread through one set of pre-allocated slots,
 * the way the ledger stage sees it (one {@link CommandRequest} per request), with no ring, journal or allocation per
 * event. Filling a request ({@link #fillNext}) and executing it ({@link #execute}) are separate steps so that a
 * benchmark can time the second alone. Not thread-safe.
 */
public final class LedgerDriver {
    private static final int STATUS_CODES = 128;

    private final WorkloadStream stream;
    private final Ledger ledger;
    private final CommandArray request = new CommandArray(Limits.REQUEST_SIZE_MAX);
    private final long[] statusCounts = new long[STATUS_CODES];
    private long requestId;
    private long nextEvent;

    public LedgerDriver(final WorkloadStream stream, final Ledger ledger) {
        this.stream = stream;
        this.ledger = ledger;
    }

    /**
     * Capacities that hold the whole stream: every account, every funding and workload transfer, room to remember
     * every failed id, and a token history (no workload account keeps history).
     */
    public static LedgerConfig configFor(final WorkloadStream stream) {
        final long transfers = stream.events() + stream.fundingCount();
        if (transfers > LedgerConfig.CAPACITY_MAX) {
            throw new IllegalArgumentException("stream too large for one ledger: " + transfers);
        }
        return new LedgerConfig(stream.accountsToCreate(), (int) transfers,
            (int) Math.max(1024, stream.events() / 8), 1024);
    }

    /** A fresh ledger sized by {@link #configFor}, with the workload's accounts created and funded. */
    public static LedgerDriver loaded(final WorkloadStream stream) {
        final LedgerDriver driver = new LedgerDriver(stream, new Ledger(configFor(stream)));
        driver.load();
        return driver;
    }

    public Ledger ledger() {
        return ledger;
    }

    public WorkloadStream stream() {
        return stream;
    }

    /** The request filled by the last {@link #fillNext}. */
    public CommandRequest request() {
        return request;
    }

    /** The next workload event to be filled. */
    public long nextEvent() {
        return nextEvent;
    }

    /** True once every event of the stream has been filled. */
    public boolean isExhausted() {
        return nextEvent >= stream.events();
    }

    /** Creates the accounts and the funding transfers; throws if any of them is not created. */
    public void load() {
        final int most = request.capacity();
        for (int first = 0; first < stream.accountsToCreate(); first += most) {
            final int size = Math.min(most, stream.accountsToCreate() - first);
            requestId++;
            for (int i = 0; i < size; i++) {
                request.get(i).prepare(Operation.CREATE_ACCOUNTS, requestId, i, size, 0, null);
                stream.writeAccount(request.get(i), first + i);
            }
            executeAndCheck(size, CreateAccountResult.CREATED.code(), "account");
        }
        for (int first = 0; first < stream.fundingCount(); first += most) {
            final int size = Math.min(most, stream.fundingCount() - first);
            requestId++;
            for (int i = 0; i < size; i++) {
                request.get(i).prepare(Operation.CREATE_TRANSFERS, requestId, i, size, 0, null);
                stream.writeFunding(request.get(i), first + i);
            }
            executeAndCheck(size, CreateTransferResult.CREATED.code(), "funding transfer");
        }
    }

    /**
     * Fills the next request of the workload: {@code requested} events cut to whole linked chains
     * ({@link Workload#batchSizeFor}) and to what is left of the stream. Returns its size (0 when exhausted).
     */
    public int fillNext(final int requested) {
        final long left = stream.events() - nextEvent;
        final int size = (int) Math.min(stream.workload().batchSizeFor(Math.min(requested, request.capacity())), left);
        if (size > 0) {
            requestId++;
            stream.fillBatch(request, nextEvent, size, requestId);
            nextEvent += size;
        }
        request.size(size);
        return size;
    }

    /** Applies the request filled last. */
    public void execute() {
        ledger.execute(request);
    }

    /** Adds the results of the request executed last to the status counts; returns how many were rejected. */
    public int tally() {
        int rejected = 0;
        for (int i = 0; i < request.size(); i++) {
            final int status = request.get(i).status;
            statusCounts[status]++;
            if (status != 0) {
                rejected++;
            }
        }
        return rejected;
    }

    /** Runs the rest of the stream in requests of {@code requested} events, tallying every result. */
    public void runToEnd(final int requested) {
        while (fillNext(requested) > 0) {
            execute();
            tally();
        }
    }

    /** How many workload events got result code {@code status} so far (as counted by {@link #tally}). */
    public long statusCount(final int status) {
        return statusCounts[status];
    }

    /** Workload events tallied so far. */
    public long tallied() {
        long sum = 0;
        for (final long count : statusCounts) {
            sum += count;
        }
        return sum;
    }

    /** Workload events tallied with a result other than {@code created}. */
    public long rejected() {
        return tallied() - statusCounts[0];
    }

    private void executeAndCheck(final int size, final int created, final String what) {
        request.size(size);
        ledger.execute(request);
        for (int i = 0; i < size; i++) {
            final Command slot = request.get(i);
            if (slot.status != created) {
                throw new IllegalStateException(what + " " + slot.id + " not created: status " + slot.status);
            }
        }
    }
}
