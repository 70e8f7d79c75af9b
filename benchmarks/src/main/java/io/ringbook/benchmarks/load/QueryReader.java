package io.ringbook.benchmarks.load;

import io.ringbook.client.ClientConfig;
import io.ringbook.client.RingbookClient;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.Limits;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A client that reads while the load runs, to show what reads cost writers: pages one request at a time through
 * every transfer (or one account's) with a filter that matches nothing, so each scan is as long as the server lets
 * it be, following continuations and starting over at the end. Records the latency of each read request.
 */
final class QueryReader implements AutoCloseable {
    /** A transfer code no workload uses: the filter matches nothing and every row is examined. */
    private static final int CODE_NONE = 65_535;
    private static final long LATENCY_MAX_NS = TimeUnit.SECONDS.toNanos(60);

    /** What the reader pages through. */
    enum Kind {
        /** No reader. */
        NONE,
        /** query_transfers over every transfer. */
        QUERY_TRANSFERS,
        /** get_account_transfers of one account. */
        ACCOUNT_TRANSFERS
    }

    private final Kind kind;
    private final long accountId;
    private final RingbookClient client;
    private final Histogram latency = new Histogram(LATENCY_MAX_NS, 3);
    private final Thread thread;
    private volatile boolean stopping;
    private long scans;

    private QueryReader(final Kind kind, final long accountId, final String host, final int port) {
        this.kind = kind;
        this.accountId = accountId;
        this.client = RingbookClient.connect(ClientConfig.of(host, port));
        this.thread = new Thread(this::read, "ringbook-load-reader");
        this.thread.setDaemon(true);
    }

    /** Starts a reader of {@code kind} (null for {@link Kind#NONE}). */
    static QueryReader start(final Kind kind, final long accountId, final String host, final int port) {
        if (kind == Kind.NONE) {
            return null;
        }
        final QueryReader reader = new QueryReader(kind, accountId, host, port);
        reader.thread.start();
        return reader;
    }

    private void read() {
        final QueryFilter query = QueryFilter.of(0, CODE_NONE, Limits.REQUEST_SIZE_MAX);
        final AccountFilter account = new AccountFilter(accountId, 0, 0, 0, 0, CODE_NONE, 0, 0,
            Limits.REQUEST_SIZE_MAX, AccountFilter.DEBITS | AccountFilter.CREDITS);
        long continuation = 0;
        while (!stopping) {
            final long startNs = System.nanoTime();
            final Page<Transfer> page = kind == Kind.QUERY_TRANSFERS
                ? client.queryTransfersPage(continuation == 0 ? query : query.continuedAt(continuation, 0)).join()
                : client.getAccountTransfersPage(continuation == 0 ? account
                    : account.continuedAt(continuation, 0)).join();
            latency.recordValue(Math.min(LATENCY_MAX_NS, System.nanoTime() - startNs));
            continuation = page.continuation();
            if (continuation == 0) {
                scans++;
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** One line: read requests, whole scans, and read latency quantiles. */
    void print(final PrintStream out) {
        out.printf("reader %s: %,d read requests, %,d whole scans, read latency p50 %.3f ms, p99 %.3f ms, "
            + "max %.3f ms%n", kind, latency.getTotalCount(), scans, latency.getValueAtPercentile(50) / 1e6,
            latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
    }
}
