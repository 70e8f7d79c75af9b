package io.ringbook.engine.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.state.Ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Builds and runs the command pipeline: one Disruptor ring of pre-allocated {@link Command} slots and three stages,
 * each on its own daemon thread.
 *
 * <pre>
 *   producers (gateway I/O threads, Ringbook callers)
 *      |  claim n consecutive slots (tryNext), fill them, publish them together
 *      v
 *   ring --+--> J  journal [ringbook-journal]  append mutating commands, commit at batch end --+
 *          |                                                                                   +--> R  reply
 *          +--> L  ledger  [ringbook-ledger]   apply each whole request to the ledger state ---+   [ringbook-reply]
 *
 *   producers -> [J || L] -> R      R waits for both J and L; producers wait for R (a full ring answers BUSY)
 * </pre>
 *
 * A request is answered only after it is applied and its journal commit returned. An unexpected throwable in any
 * stage halts the engine (see {@link EngineConfig.HaltPolicy}); a halted engine answers nothing more.
 */
public final class RingbookEngine implements AutoCloseable {
    /** Context of the slots of a request whose filler threw: every stage skips it. */
    static final Object ABANDONED = new Object();

    private static final long DRAIN_PARK_NS = 100_000;

    private final Disruptor<Command> disruptor;
    private final RingBuffer<Command> ringBuffer;
    private final ReplyHandler replyHandler;
    private final JournalHandler journalHandler;
    private final StageThreads threads;
    private final HaltSwitch halt;
    private final JournalSink journalSink;
    private final LongSupplier clock;
    private final int requestSizeMax;
    /** Producers between their closed check and their publish; close waits for them to leave. */
    private final AtomicInteger publishing = new AtomicInteger();
    private volatile boolean closed;
    private boolean started;

    /**
     * Wires the pipeline around {@code ledger}, which from {@link #start()} on belongs to the ledger thread only. The
     * replier runs on the reply thread.
     */
    public RingbookEngine(final EngineConfig config, final Ledger ledger, final Replier replier) {
        halt = new HaltSwitch(config.haltPolicy());
        ledger.queryScanMax(config.queryScanMax());
        journalSink = config.journalSink();
        clock = config.clock();
        requestSizeMax = config.requestSizeMax();
        // Disruptor starts the stages in the order they are added below, which gives each thread its name.
        threads = new StageThreads("ringbook-journal", "ringbook-ledger", "ringbook-reply");
        disruptor = new Disruptor<>(Command::new, config.ringSize(), threads, ProducerType.MULTI,
            waitStrategy(config.waitStrategy()));
        ringBuffer = disruptor.getRingBuffer();

        journalHandler = new JournalHandler(journalSink, halt);
        final LedgerHandler ledgerHandler = new LedgerHandler(ledger, halt, new RingRequest(ringBuffer));
        replyHandler = new ReplyHandler(replier, halt, new RingRequest(ringBuffer));
        disruptor.handleEventsWith(journalHandler, ledgerHandler).then(replyHandler);
        // Producers may reuse a slot only once its whole request was answered (see ReplyHandler.released).
        ringBuffer.addGatingSequences(replyHandler.released());

        disruptor.handleExceptionsFor(journalHandler).with(new StageExceptionHandler("journal", halt, null));
        disruptor.handleExceptionsFor(ledgerHandler).with(new StageExceptionHandler("ledger", halt, null));
        disruptor.handleExceptionsFor(replyHandler).with(new StageExceptionHandler("reply", halt, replyHandler));
    }

    /** Starts the stage threads. Requests published before are processed from then on. */
    public synchronized void start() {
        if (closed || started) {
            throw new IllegalStateException(closed ? "the engine is closed" : "the engine is already started");
        }
        started = true;
        disruptor.start();
    }

    /**
     * Offers one request of {@code size} events to the ring without blocking: claims {@code size} consecutive slots,
     * resets each one, writes its header (operation, request id, index, size, arrival time from the clock,
     * {@code context}) and lets {@code filler} write its event fields from {@code source}, then publishes them
     * together. Safe from many threads; allocates nothing. If the filler throws, the claimed slots are published as
     * an abandoned request that no stage acts on, and the exception is rethrown.
     *
     * @param context the replier's handle for the request (for example the caller's future); on every slot
     * @throws IllegalArgumentException if {@code size} is not in 1..requestSizeMax
     */
    public <S> PublishResult tryPublish(final Operation operation, final int size, final Object context,
                                        final CommandFiller<? super S> filler, final S source) {
        if (size < 1 || size > requestSizeMax) {
            throw new IllegalArgumentException("a request holds 1.." + requestSizeMax + " events: " + size);
        }
        publishing.incrementAndGet();
        try {
            if (closed) {
                return PublishResult.CLOSED;
            }
            if (halt.isHalted()) {
                return PublishResult.HALTED;
            }
            final long arrivalNs = clock.getAsLong();
            final long last;
            try {
                last = ringBuffer.tryNext(size);
            } catch (final InsufficientCapacityException e) {
                return PublishResult.BUSY;
            }
            final long first = last - size + 1;
            try {
                fill(first, operation, size, arrivalNs, context, filler, source);
            } catch (final Throwable t) {
                abandon(first, operation, size, arrivalNs);
                throw t;
            } finally {
                ringBuffer.publish(first, last);
            }
            return PublishResult.PUBLISHED;
        } finally {
            publishing.decrementAndGet();
        }
    }

    /** True once a stage failed; the engine then answers nothing more. */
    public boolean isHalted() {
        return halt.isHalted();
    }

    /** The error that halted the engine, or null while it runs. */
    public Throwable haltCause() {
        return halt.cause();
    }

    /** Slots claimed or published but not yet journaled: how far the journal stage is behind, for metrics. */
    public long journalLag() {
        return ringBuffer.getCursor() - disruptor.getSequenceValueFor(journalHandler);
    }

    /** Slots claimed or published but not yet replied: how full the ring is, for metrics. */
    public long ringOccupancy() {
        return ringBuffer.getCursor() - disruptor.getSequenceValueFor(replyHandler);
    }

    /**
     * Stops accepting requests ({@link PublishResult#CLOSED}), waits until every accepted request is replied (for as
     * long as the stages take: a stuck journal keeps it waiting), stops the stage threads and closes the journal sink
     * (on the journal thread), and returns once all of that is done. On an engine that was never started it only
     * closes the sink. Must not be called from a stage thread (for example from a reply callback): that would wait
     * for itself.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (threads.isStageThread(Thread.currentThread())) {
            throw new IllegalStateException("close() called from the engine's own " + Thread.currentThread()
                .getName() + " thread; it would wait for itself");
        }
        closed = true;
        if (!started) {
            journalSink.close();
            return;
        }
        awaitUninterruptibly(() -> publishing.get() == 0);
        awaitUninterruptibly(() -> ringOccupancy() <= 0);
        disruptor.shutdown();
        threads.join();
    }

    /** Request ids are the ring sequence of the request's first slot plus one: unique and increasing in ring order. */
    private <S> void fill(final long first, final Operation operation, final int size, final long arrivalNs,
                          final Object context, final CommandFiller<? super S> filler, final S source) {
        for (int i = 0; i < size; i++) {
            final Command slot = ringBuffer.get(first + i);
            slot.prepare(operation, first + 1, i, size, arrivalNs, context);
            filler.fill(slot, i, source);
        }
    }

    private void abandon(final long first, final Operation operation, final int size, final long arrivalNs) {
        for (int i = 0; i < size; i++) {
            ringBuffer.get(first + i).prepare(operation, first + 1, i, size, arrivalNs, ABANDONED);
        }
    }

    private static WaitStrategy waitStrategy(final EngineConfig.WaitStrategyType type) {
        switch (type) {
            case BLOCKING:
                return new BlockingBackoffWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException("unknown wait strategy " + type);
        }
    }

    private static void awaitUninterruptibly(final BooleanSupplier condition) {
        boolean interrupted = false;
        while (!condition.getAsBoolean()) {
            LockSupport.parkNanos(DRAIN_PARK_NS);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the named daemon stage threads and remembers them, so that close can wait for them to end. */
    private static final class StageThreads implements ThreadFactory {
        private final String[] names;
        private final List<Thread> threads = new ArrayList<>();

        StageThreads(final String... names) {
            this.names = names;
        }

        @Override
        public synchronized Thread newThread(final Runnable stage) {
            if (threads.size() == names.length) {
                throw new IllegalStateException("more stages than thread names");
            }
            final Thread thread = new Thread(stage, names[threads.size()]);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }

        synchronized boolean isStageThread(final Thread thread) {
            return threads.contains(thread);
        }

        /** Waits for every stage thread to end; their shutdown callbacks (closing the journal) ran by then. */
        synchronized void join() {
            boolean interrupted = false;
            for (final Thread thread : threads) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (final InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
