package io.ringbook.engine.command;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How each kind of request is laid out over its slots (see {@link Command}): how many slots it claims, how its input
 * is written and how its answer is read back. Shared by everything that builds requests, so the layout lives in one
 * place; {@link CommandCodec} does the field-by-field copying.
 *
 * <pre>
 *   create_*            n slots, event i in slot i            answer: one result per slot
 *   lookup_*            n slots, id i in slot i               answer: the slots with status 1 (found)
 *   queries, get_*      sizeForRows(limit) slots, filter slot 0  answer: resultCount (slot 0) rows from slot 0 on
 *   ledger totals       requestSizeMax slots, ledger in slot 0  answer: as queries
 *   pulse, state hash   1 slot, no input                      answer: resultCount / value of slot 0
 * </pre>
 */
public final class RequestLayout {
    /** Status of a lookup slot whose record was found. */
    public static final int FOUND = 1;

    public static final CommandFiller<List<Account>> ACCOUNTS =
        (slot, index, accounts) -> CommandCodec.writeAccount(slot, accounts.get(index));
    public static final CommandFiller<List<Transfer>> TRANSFERS =
        (slot, index, transfers) -> CommandCodec.writeTransfer(slot, transfers.get(index));
    public static final CommandFiller<long[]> IDS = (slot, index, ids) -> slot.id = ids[index];
    public static final CommandFiller<AccountFilter> ACCOUNT_FILTER = (slot, index, filter) -> {
        if (index == 0) {
            CommandCodec.writeAccountFilter(slot, filter);
        }
    };
    public static final CommandFiller<QueryFilter> QUERY_FILTER = (slot, index, filter) -> {
        if (index == 0) {
            CommandCodec.writeQueryFilter(slot, filter);
        }
    };
    public static final CommandFiller<Integer> LEDGER = (slot, index, ledger) -> {
        if (index == 0) {
            slot.ledger = ledger;
        }
    };
    /** For requests without input (pulse, state hash). */
    public static final CommandFiller<Object> NO_INPUT = (slot, index, none) -> {
    };

    private RequestLayout() {
    }

    /** Slots of a request answering up to {@code limit} rows: room for every row, at least 1, at most a request. */
    public static int sizeForRows(final int limit, final int requestSizeMax) {
        return Math.max(1, Math.min(limit, requestSizeMax));
    }

    /** One answer per slot, in order (create requests). */
    public static <T> List<T> readEach(final CommandRequest request, final Function<Command, T> reader) {
        final List<T> answers = new ArrayList<>(request.size());
        for (int i = 0; i < request.size(); i++) {
            answers.add(reader.apply(request.get(i)));
        }
        return answers;
    }

    /** The records of the slots that were found, in request order (lookups). */
    public static <T> List<T> readFound(final CommandRequest request, final Function<Command, T> reader) {
        final List<T> found = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            final Command slot = request.get(i);
            if (slot.status == FOUND) {
                found.add(reader.apply(slot));
            }
        }
        return found;
    }

    /** The rows counted by slot 0's {@code resultCount} (queries and totals). */
    public static <T> List<T> readRows(final CommandRequest request, final Function<Command, T> reader) {
        final int count = request.get(0).resultCount;
        final List<T> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(reader.apply(request.get(i)));
        }
        return rows;
    }
}
