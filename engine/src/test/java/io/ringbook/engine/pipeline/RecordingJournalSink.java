package io.ringbook.engine.pipeline;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A journal sink for tests: records what it is given and on which thread, can hold {@code commit()} on a latch and
 * can fail on a chosen id.
 */
public final class RecordingJournalSink implements JournalSink {
    /** One appended command. */
    public record Entry(long sequence, Operation operation, long id, long requestId, int indexInRequest) {
    }

    private final List<Entry> uncommitted = new ArrayList<>();
    private final List<Entry> committed = new CopyOnWriteArrayList<>();
    private final Set<Long> committedIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger commits = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch commitEntered = new CountDownLatch(1);
    private volatile CountDownLatch commitGate = new CountDownLatch(0);
    private volatile long failOnId = Long.MIN_VALUE;
    private volatile String appendThread;
    private volatile String closeThread;

    /** Makes every later {@code commit()} wait until {@link #openCommits()}. */
    public RecordingJournalSink holdCommits() {
        commitGate = new CountDownLatch(1);
        return this;
    }

    public void openCommits() {
        commitGate.countDown();
    }

    /** Makes {@code append} throw when it sees a command with this id. */
    public RecordingJournalSink failOnId(final long id) {
        failOnId = id;
        return this;
    }

    @Override
    public void append(final Command command, final long sequence) {
        appendThread = Thread.currentThread().getName();
        if (command.id == failOnId) {
            throw new IllegalStateException("injected journal failure at id " + command.id);
        }
        uncommitted.add(new Entry(sequence, command.operation, command.id, command.requestId, command.indexInRequest));
    }

    @Override
    public void commit() {
        commitEntered.countDown();
        try {
            commitGate.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        for (final Entry entry : uncommitted) {
            committedIds.add(entry.id());
        }
        committed.addAll(uncommitted);
        uncommitted.clear();
        commits.incrementAndGet();
    }

    @Override
    public void close() {
        closeThread = Thread.currentThread().getName();
        closed.countDown();
    }

    /** Everything committed so far, in the order appended. */
    public List<Entry> committed() {
        return List.copyOf(committed);
    }

    public boolean isCommitted(final long id) {
        return committedIds.contains(id);
    }

    public int commits() {
        return commits.get();
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits until some thread entered {@code commit()} (hang guard: the test's own timeout). */
    public void awaitCommitEntered() throws InterruptedException {
        commitEntered.await();
    }

    public String appendThread() {
        return appendThread;
    }

    public String closeThread() {
        return closeThread;
    }
}
