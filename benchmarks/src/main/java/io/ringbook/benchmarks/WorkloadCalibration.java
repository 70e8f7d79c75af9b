package io.ringbook.benchmarks;

import io.ringbook.model.CreateTransferResult;

import io.ringbook.model.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs whole standard workloads through the ledger on one thread and prints, per workload, the seed credit the model
 * chose and the rejection share that came out, with the result codes behind it. This is how the seed-credit model
 * ({@link SeedCredit}) is checked at full size; the wall-clock rate it prints is informal (use the JMH benchmarks for
 * throughput).
 *
 * <pre>
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar io.ringbook.benchmarks.WorkloadCalibration [events] [workload...]
 * </pre>
 */
public final class WorkloadCalibration {
    private WorkloadCalibration() {
    }

    public static void main(final String[] args) {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : Workload.EVENTS_DEFAULT;
        final List<Workload> workloads = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            workloads.add(Workload.of(args[i]));
        }
        if (workloads.isEmpty()) {
            workloads.addAll(List.of(Workload.values()));
        }
        System.out.printf("%-12s %9s %11s %12s %9s %8s  %s%n", "workload", "accounts", "events", "seed credit",
            "rejected", "M ev/s", "rejections by result");
        for (final Workload workload : workloads) {
            run(workload, events);
        }
    }

    private static void run(final Workload workload, final long events) {
        final WorkloadStream stream = workload.stream(1, workload.accounts(), events);
        final LedgerDriver driver = LedgerDriver.loaded(stream);
        final long start = System.nanoTime();
        driver.runToEnd(Limits.REQUEST_SIZE_MAX);
        final double seconds = (System.nanoTime() - start) / 1e9;
        driver.ledger().checkInvariants();
        final StringBuilder causes = new StringBuilder();
        for (final CreateTransferResult result : CreateTransferResult.values()) {
            final long count = driver.statusCount(result.code());
            if (result != CreateTransferResult.CREATED && count > 0) {
                causes.append(result.wireName()).append('=').append(count).append(' ');
            }
        }
        final int typical = workload.pairs() == Workload.Pairs.HOT ? (stream.hotAccount() + 1) % stream.accountCount()
            : 0;
        System.out.printf(Locale.ROOT, "%-12s %9d %11d %12d %8.3f%% %8.2f  %s%n", workload.id(), stream.accountCount(),
            events, stream.seedCredit(typical), 100.0 * driver.rejected() / driver.tallied(),
            driver.tallied() / seconds / 1e6, causes.toString().trim());
    }
}
