package io.ringbook.tools;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The text dump: one line per entry, {@code key=value} pairs, events indented under their request.
 *
 * <pre>
 * request index=3 operation=create_transfers request_id=3 arrival_ns=1000003 events=2
 *   transfer id=10 debit_account_id=1 ... flags=pending|linked timestamp=0
 * commit first_index=3 last_index=3 chain=9f86...08 verified=true
 * open next_index=4 chain=9f86...08
 * discarded requests=2
 * unreadable excerpt=0x4a00000002 reason=...
 * </pre>
 */
final class TextEntries extends JournalEntries implements EventFields.Sink {
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder(512);

    TextEntries(final PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onRequest(final long index, final long requestId, final long arrivalNs, final CommandRequest request) {
        final Operation operation = request.get(0).operation;
        out.println("request index=" + index + " operation=" + name(operation) + " request_id=" + requestId
            + " arrival_ns=" + arrivalNs + " events=" + request.size());
        final String kind = EventFields.kind(operation);
        if (kind == null) {
            return;
        }
        for (int i = 0; i < request.size(); i++) {
            final Command c = request.get(i);
            line.setLength(0);
            line.append("  ").append(kind);
            EventFields.write(operation, c, this);
            out.println(line);
        }
    }

    @Override
    public void onCommit(final long firstIndex, final long lastIndex, final byte[] chain, final boolean verified) {
        noteCommit(verified);
        out.println("commit first_index=" + firstIndex + " last_index=" + lastIndex + " chain=" + hex(chain)
            + " verified=" + verified);
    }

    @Override
    public void onOpen(final long nextIndex, final byte[] chain) {
        out.println("open next_index=" + nextIndex + " chain=" + hex(chain));
    }

    @Override
    public void onDiscarded(final long count) {
        out.println("discarded requests=" + count + " (torn batch: never committed, a replay drops it)");
    }

    @Override
    public void onUnreadable(final long excerptIndex, final String reason) {
        noteUnreadable();
        out.println("unreadable excerpt=0x" + Long.toHexString(excerptIndex) + " reason=" + reason);
    }

    @Override
    public void number(final String name, final long value) {
        line.append(' ').append(name).append('=').append(value);
    }

    @Override
    public void wide(final String name, final BigInteger value) {
        line.append(' ').append(name).append('=').append(value);
    }

    @Override
    public void flags(final String name, final List<String> names) {
        line.append(' ').append(name).append('=').append(names.isEmpty() ? "none" : String.join("|", names));
    }

    @Override
    void finish() {
        out.flush();
    }

    static String name(final Operation operation) {
        return operation == null ? "unknown" : operation.name().toLowerCase(Locale.ROOT);
    }
}
