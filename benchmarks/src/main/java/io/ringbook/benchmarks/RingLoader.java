package io.ringbook.benchmarks;

import io.ringbook.model.CreateTransferResult;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.PublishResult;
import io.ringbook.engine.pipeline.Replier;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.state.LedgerCut;

import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link RingbookEngine} with a workload: publishes requests straight into the ring from the stream or a
 * pre-generated {@link EventTable} (no allocation per event; a full ring answers BUSY and the producer naps and
 * retries) and, as the engine's {@link Replier}, counts the answers on the reply thread. Set-up requests (accounts,
 * funding) must all succeed; workload events are counted as answered and rejected.
 *
 * <p>Counters are written by the reply thread only; {@code requests} is volatile and written last, so a reader that
 * sees it also sees the counts before it.
 */
public final class RingLoader implements Replier {
    private static final long BUSY_NAP_NS = 20_000;
    private static final long WAIT_NAP_NS = 50_000;

    private static final CommandFiller<RingLoader> EVENTS = (slot, index, l) ->
        l.table.write(slot, (int) l.first + index);
    private static final CommandFiller<RingLoader> ACCOUNTS = (slot, index, l) -> l.stream.writeAccount(slot,
        (int) l.first + index);
    private static final CommandFiller<RingLoader> FUNDING = (slot, index, l) -> l.stream.writeFunding(slot,
        (int) l.first + index);

    private static final CommandFiller<RingLoader> NO_INPUT = (slot, index, l) -> { };

    private final WorkloadStream stream;
    private final EventTable table;
    private RingbookEngine engine;
    private long first;
    private long published;

    private volatile long requests;
    private long events;
    private long rejected;
    private String failure;
    private volatile LedgerCut cut;

    public RingLoader(final WorkloadStream stream, final EventTable table) {
        this.stream = stream;
        this.table = table;
    }

    /** The engine to publish to; this loader must be the engine's replier. Resets the counters. */
    public void attach(final RingbookEngine target) {
        this.engine = target;
        published = 0;
        requests = 0;
        events = 0;
        rejected = 0;
        failure = null;
    }

    /** Creates the workload's accounts and funds them, in requests of {@code requestSize}, and waits for all. */
    public void load(final int requestSize) {
        for (int from = 0; from < stream.accountsToCreate(); from += requestSize) {
            publish(Operation.CREATE_ACCOUNTS, from, Math.min(requestSize, stream.accountsToCreate() - from), ACCOUNTS);
        }
        for (int from = 0; from < stream.fundingCount(); from += requestSize) {
            publish(Operation.CREATE_TRANSFERS, from, Math.min(requestSize, stream.fundingCount() - from), FUNDING);
        }
        awaitReplies();
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Publishes workload events {@code from .. from + size - 1} as one request (waits while the ring is full). */
    public void publishEvents(final long from, final int size) {
        publish(Operation.CREATE_TRANSFERS, from, size, EVENTS);
    }

    /**
     * Takes a snapshot cut through the ring (a SNAPSHOT request after everything published so far) and waits for it;
     * the caller streams and closes it, typically on another thread while this loader keeps publishing.
     */
    public LedgerCut takeCut() {
        cut = null;
        publish(Operation.SNAPSHOT, 0, 1, NO_INPUT);
        awaitReplies();
        if (cut == null) {
            throw new IllegalStateException("the engine refused the cut: the previous one is still open");
        }
        return cut;
    }

    /** Waits until every published request is answered; throws if the engine halted. */
    public void awaitReplies() {
        while (requests != published) {
            if (engine.isHalted()) {
                throw new IllegalStateException("engine halted", engine.haltCause());
            }
            LockSupport.parkNanos(WAIT_NAP_NS);
        }
    }

    /** Workload events answered (read after {@link #awaitReplies}). */
    public long events() {
        return events;
    }

    /** Workload events answered with anything but {@code created}. */
    public long rejected() {
        return rejected;
    }

    /** A set-up request that did not fully succeed, or a halt, or null. */
    public String failure() {
        return failure;
    }

    private void publish(final Operation operation, final long from, final int size,
                         final CommandFiller<RingLoader> filler) {
        first = from;
        while (true) {
            final PublishResult result = engine.tryPublish(operation, size, null, filler, this);
            if (result == PublishResult.PUBLISHED) {
                published++;
                return;
            }
            if (result != PublishResult.BUSY) {
                throw new IllegalStateException("publish failed: " + result + " " + engine.haltCause());
            }
            LockSupport.parkNanos(BUSY_NAP_NS);
        }
    }

    @Override
    public void onReply(final CommandRequest request) {
        final Command head = request.get(0);
        if (head.operation == Operation.SNAPSHOT) {
            cut = (LedgerCut) head.attachment;
            requests = requests + 1;
            return;
        }
        final boolean workloadEvent = head.operation == Operation.CREATE_TRANSFERS
            && head.code != WorkloadStream.FUNDING_CODE;
        int notCreated = 0;
        for (int i = 0; i < request.size(); i++) {
            if (request.get(i).status != CreateTransferResult.CREATED.code()) {
                notCreated++;
            }
        }
        if (workloadEvent) {
            events += request.size();
            rejected += notCreated;
        } else if (notCreated > 0 && failure == null) {
            failure = "set-up request " + head.requestId + " (" + head.operation + "): " + notCreated
                + " events not created";
        }
        requests = requests + 1;
    }

    @Override
    public void onHalted(final CommandRequest request, final Throwable cause) {
        if (failure == null) {
            failure = "engine halted: " + cause;
        }
        requests = requests + 1;
    }
}
