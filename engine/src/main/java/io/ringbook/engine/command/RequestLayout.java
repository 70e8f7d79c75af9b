package io.ringbook.engine.command;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How each kind of request is laid out over its commands (see {@link Command}): how many commands it takes, how its
 * input is written and how its answer is read back. Shared by everything that builds requests, so the layout lives
 * in one place; {@link CommandCodec} does the field-by-field copying.
 *
 * <pre>
 *   create_*            n commands, event i in command i      answer: one result per command
 *   lookup_*            n commands, id i in command i         answer: the commands with status 1 (found)
 *   queries, get_*      sizeForRows(limit) commands,          answer: resultCount (command 0) rows from command 0 on
 *                       filter in command 0                   and the continuation in value of command 0
 *   ledger totals       requestSizeMax commands, ledger in 0  answer: as queries
 *   pulse, state hash   1 command, no input                   answer: resultCount / value of command 0
 * </pre>
 */
public final class RequestLayout {
    /** Status of a lookup command whose record was found. */
    public static final int FOUND = 1;

    public static final CommandFiller<List<Account>> ACCOUNTS =
        (command, index, accounts) -> CommandCodec.writeAccount(command, accounts.get(index));
    public static final CommandFiller<List<Transfer>> TRANSFERS =
        (command, index, transfers) -> CommandCodec.writeTransfer(command, transfers.get(index));
    public static final CommandFiller<long[]> IDS = (command, index, ids) -> command.id = ids[index];
    public static final CommandFiller<AccountFilter> ACCOUNT_FILTER = (command, index, filter) -> {
        if (index == 0) {
            CommandCodec.writeAccountFilter(command, filter);
        }
    };
    public static final CommandFiller<QueryFilter> QUERY_FILTER = (command, index, filter) -> {
        if (index == 0) {
            CommandCodec.writeQueryFilter(command, filter);
        }
    };
    public static final CommandFiller<Integer> LEDGER = (command, index, ledger) -> {
        if (index == 0) {
            command.ledger = ledger;
        }
    };
    /** For requests without input (pulse, state hash). */
    public static final CommandFiller<Object> NO_INPUT = (command, index, none) -> {
    };

    private RequestLayout() {
    }

    /** Slots of a request answering up to {@code limit} rows: room for every row, at least 1, at most a request. */
    public static int sizeForRows(final int limit, final int requestSizeMax) {
        return Math.max(1, Math.min(limit, requestSizeMax));
    }

    /** One answer per command, in order (create requests). */
    public static <T> List<T> readEach(final CommandRequest request, final Function<Command, T> reader) {
        final List<T> answers = new ArrayList<>(request.size());
        for (int i = 0; i < request.size(); i++) {
            answers.add(reader.apply(request.get(i)));
        }
        return answers;
    }

    /** The records of the commands that were found, in request order (lookups). */
    public static <T> List<T> readFound(final CommandRequest request, final Function<Command, T> reader) {
        final List<T> found = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            final Command command = request.get(i);
            if (command.status == FOUND) {
                found.add(reader.apply(command));
            }
        }
        return found;
    }

    /** The rows counted by command 0's {@code resultCount} (queries and totals). */
    public static <T> List<T> readRows(final CommandRequest request, final Function<Command, T> reader) {
        final int count = request.get(0).resultCount;
        final List<T> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(reader.apply(request.get(i)));
        }
        return rows;
    }

    /** The rows counted by command 0's {@code resultCount} and the continuation in its {@code value} (queries). */
    public static <T> Page<T> readPage(final CommandRequest request, final Function<Command, T> reader) {
        final long continuation = request.get(0).value;
        return new Page<>(readRows(request, reader), continuation);
    }
}
