package io.ringbook.journal;

import io.ringbook.engine.command.CommandArray;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for the crash tests, killed with SIGKILL by its parent. Prints "committed N" after every commit that
 * returned (what a client would have been told).
 *
 * <ul>
 *   <li>{@code loop DIR SEED}: appends requests and commits every few of them, forever.</li>
 *   <li>{@code mid-excerpt DIR SEED}: commits a few batches, appends one request without committing, closes, then
 *       opens an excerpt, writes half of it, prints "mid-excerpt" and waits to be killed.</li>
 * </ul>
 */
public final class CrashingWriter {
    private static final int TRANSFERS_PER_REQUEST_MAX = 8190;

    private CrashingWriter() {
    }

    public static void main(final String[] args) {
        final Path directory = Path.of(args[1]);
        final RequestGenerator requests = new RequestGenerator(Long.parseLong(args[2]), TRANSFERS_PER_REQUEST_MAX);
        if ("loop".equals(args[0])) {
            loop(directory, requests);
        } else {
            midExcerpt(directory, requests);
        }
    }

    private static void loop(final Path directory, final RequestGenerator requests) {
        final JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS);
        long count = 0;
        while (true) {
            RequestGenerator.append(writer, requests.next());
            if (++count % 3 == 0) {
                writer.commit();
                System.out.println("committed " + writer.lastIndex());
                System.out.flush();
            }
        }
    }

    private static void midExcerpt(final Path directory, final RequestGenerator requests) {
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            for (int batch = 0; batch < 5; batch++) {
                RequestGenerator.append(writer, requests.next());
                RequestGenerator.append(writer, requests.next());
                writer.commit();
                System.out.println("committed " + writer.lastIndex());
            }
            final CommandArray torn = requests.next();
            RequestGenerator.append(writer, torn);
        }
        final SingleChronicleQueue queue = JournalFiles.open(directory, false);
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().write(new byte[] {1, 1, 2, 0, 5, 0, 0, 0});
        System.out.println("mid-excerpt");
        System.out.flush();
        while (document.isOpen()) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }
}
