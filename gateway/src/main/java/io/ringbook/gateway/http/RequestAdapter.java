package io.ringbook.gateway.http;

import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes HTTP requests into the engine's model: JSON bodies, path parameters and query parameters. Checks shape
 * only (types, ranges, names, sizes); every ledger rule stays in the engine, so for example a negative amount reaches
 * the ledger and gets its result code there.
 */
final class RequestAdapter {
    /** Rows answered by a query or an account's transfers / balances when the request names no limit. */
    static final int LIMIT_DEFAULT = 100;

    private static final String USER_DATA_128 = "user_data_128";
    private static final String USER_DATA_64 = "user_data_64";
    private static final String USER_DATA_32 = "user_data_32";
    private static final String TIMESTAMP_MIN = "timestamp_min";
    private static final String TIMESTAMP_MAX = "timestamp_max";
    private static final String LIMIT = "limit";
    private static final String REVERSED = "reversed";
    private static final String IDS = "ids";

    private static final ObjectFields ACCOUNT = new ObjectFields("an account",
        new String[] {"id", "ledger", "code", "flags", "debits_pending", "debits_posted", "credits_pending",
            "credits_posted", USER_DATA_128, USER_DATA_64, USER_DATA_32, "timestamp"},
        new FieldKind[] {FieldKind.SIGNED_64, FieldKind.UNSIGNED_32, FieldKind.UNSIGNED_16, FieldKind.ACCOUNT_FLAGS,
            FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64,
            FieldKind.UNSIGNED_128, FieldKind.UNSIGNED_64, FieldKind.UNSIGNED_32, FieldKind.SIGNED_64});
    private static final ObjectFields TRANSFER = new ObjectFields("a transfer",
        new String[] {"id", "debit_account_id", "credit_account_id", "amount", "pending_id", "reverses_id",
            USER_DATA_128, USER_DATA_64, USER_DATA_32, "timeout", "ledger", "code", "flags", "timestamp"},
        new FieldKind[] {FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64,
            FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.UNSIGNED_128, FieldKind.UNSIGNED_64,
            FieldKind.UNSIGNED_32, FieldKind.UNSIGNED_32, FieldKind.UNSIGNED_32, FieldKind.UNSIGNED_16,
            FieldKind.TRANSFER_FLAGS, FieldKind.SIGNED_64});
    private static final ObjectFields QUERY = new ObjectFields("a query",
        new String[] {"ledger", "code", USER_DATA_128, USER_DATA_64, USER_DATA_32, TIMESTAMP_MIN, TIMESTAMP_MAX,
            LIMIT, REVERSED},
        new FieldKind[] {FieldKind.UNSIGNED_32, FieldKind.UNSIGNED_16, FieldKind.UNSIGNED_128, FieldKind.UNSIGNED_64,
            FieldKind.UNSIGNED_32, FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.BOOLEAN});
    private static final ObjectFields ACCOUNT_FILTER = new ObjectFields("an account's transfers or balances",
        new String[] {LIMIT, TIMESTAMP_MIN, TIMESTAMP_MAX, "debits", "credits", REVERSED, "code", USER_DATA_128,
            USER_DATA_64, USER_DATA_32},
        new FieldKind[] {FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.SIGNED_64, FieldKind.BOOLEAN,
            FieldKind.BOOLEAN, FieldKind.BOOLEAN, FieldKind.UNSIGNED_16, FieldKind.UNSIGNED_128, FieldKind.UNSIGNED_64,
            FieldKind.UNSIGNED_32});
    private static final ObjectFields CLOCK = new ObjectFields("a clock advance",
        new String[] {"advance_seconds"}, new FieldKind[] {FieldKind.SIGNED_64});

    private final int requestSizeMax;

    /** @param requestSizeMax most events, ids or result rows in one request (the engine's limit) */
    RequestAdapter(final int requestSizeMax) {
        this.requestSizeMax = requestSizeMax;
    }

    /** The body of {@code POST /v1/accounts}: a JSON array of accounts, possibly empty. */
    List<Account> accounts(final ByteBuf body) {
        return events(body, ACCOUNT, "accounts", v -> new Account(ACCOUNT.value(v, "id"),
            ACCOUNT.value(v, "debits_pending"), ACCOUNT.value(v, "debits_posted"), ACCOUNT.value(v, "credits_pending"),
            ACCOUNT.value(v, "credits_posted"), ACCOUNT.high(v, USER_DATA_128), ACCOUNT.value(v, USER_DATA_128),
            ACCOUNT.value(v, USER_DATA_64), (int) ACCOUNT.value(v, USER_DATA_32), (int) ACCOUNT.value(v, "ledger"),
            (int) ACCOUNT.value(v, "code"), (int) ACCOUNT.value(v, "flags"), ACCOUNT.value(v, "timestamp")));
    }

    /** The body of {@code POST /v1/transfers}: a JSON array of transfers, possibly empty. */
    List<Transfer> transfers(final ByteBuf body) {
        return events(body, TRANSFER, "transfers", v -> Transfer.builder().id(TRANSFER.value(v, "id"))
            .debitAccountId(TRANSFER.value(v, "debit_account_id"))
            .creditAccountId(TRANSFER.value(v, "credit_account_id")).amount(TRANSFER.value(v, "amount"))
            .pendingId(TRANSFER.value(v, "pending_id")).reversesId(TRANSFER.value(v, "reverses_id"))
            .userData128(TRANSFER.high(v, USER_DATA_128), TRANSFER.value(v, USER_DATA_128))
            .userData64(TRANSFER.value(v, USER_DATA_64)).userData32((int) TRANSFER.value(v, USER_DATA_32))
            .timeout((int) TRANSFER.value(v, "timeout")).ledger((int) TRANSFER.value(v, "ledger"))
            .code((int) TRANSFER.value(v, "code")).flags((int) TRANSFER.value(v, "flags"))
            .timestamp(TRANSFER.value(v, "timestamp")).build());
    }

    /** The body of the lookup routes: {@code {"ids": [...]}} with 0..requestSizeMax ids. */
    long[] ids(final ByteBuf body) {
        try (JsonInput in = JsonInput.open(body)) {
            in.require(JsonToken.START_OBJECT, "the body", "an object {\"ids\": [...]}");
            long[] ids = null;
            while (in.next() == JsonToken.FIELD_NAME) {
                final String name = in.fieldName();
                if (!IDS.equals(name)) {
                    throw new ApiException(ApiError.UNKNOWN_FIELD,
                        "unknown field \"" + FieldKind.shorten(name) + "\"; the only field is ids");
                }
                if (ids != null) {
                    throw new ApiException(ApiError.DUPLICATE_FIELD, "ids: the field appears twice");
                }
                in.next();
                ids = readIds(in);
            }
            if (ids == null) {
                throw new ApiException(ApiError.MISSING_FIELD, "ids: required (an array of ids)");
            }
            in.requireEnd();
            return ids;
        }
    }

    /** The body of the query routes; absent fields match anything, {@code limit} defaults to 100. */
    QueryFilter queryFilter(final ByteBuf body) {
        try (JsonInput in = JsonInput.open(body)) {
            final long[] v = QUERY.newValues();
            final long present = QUERY.read(in, "", v);
            in.requireEnd();
            final int limit = limit(QUERY.isPresent(present, LIMIT), QUERY.value(v, LIMIT), LIMIT);
            return new QueryFilter(QUERY.high(v, USER_DATA_128), QUERY.value(v, USER_DATA_128),
                QUERY.value(v, USER_DATA_64), (int) QUERY.value(v, USER_DATA_32), (int) QUERY.value(v, "ledger"),
                (int) QUERY.value(v, "code"), QUERY.value(v, TIMESTAMP_MIN), QUERY.value(v, TIMESTAMP_MAX), limit,
                QUERY.value(v, REVERSED) != 0 ? QueryFilter.REVERSED : 0);
        }
    }

    /** The body of {@code POST /v1/admin/clock}: {@code {"advance_seconds": n}} (its range is the clock's rule). */
    long advanceSeconds(final ByteBuf body) {
        try (JsonInput in = JsonInput.open(body)) {
            final long[] v = CLOCK.newValues();
            final long present = CLOCK.read(in, "", v);
            in.requireEnd();
            if (!CLOCK.isPresent(present, "advance_seconds")) {
                throw new ApiException(ApiError.MISSING_FIELD, "advance_seconds: required");
            }
            return CLOCK.value(v, "advance_seconds");
        }
    }

    /** The body of a route without fields ({@code POST /v1/admin/snapshot}): none at all, or {@code {}}. */
    void noFields(final ByteBuf body) {
        if (!body.isReadable()) {
            return;
        }
        try (JsonInput in = JsonInput.open(body)) {
            in.require(JsonToken.START_OBJECT, "the body", "nothing or an empty object {}");
            if (in.next() == JsonToken.FIELD_NAME) {
                throw new ApiException(ApiError.UNKNOWN_FIELD,
                    "unknown field \"" + FieldKind.shorten(in.fieldName()) + "\"; this route takes no fields");
            }
            in.requireEnd();
        }
    }

    /**
     * The query parameters of an account's transfers or balances. {@code debits} and {@code credits} both default to
     * true when neither is given; once one is given, the other defaults to false.
     */
    AccountFilter accountFilter(final long accountId, final Map<String, List<String>> parameters) {
        final long[] v = ACCOUNT_FILTER.newValues();
        final long present = ACCOUNT_FILTER.readParameters(parameters, v);
        final boolean sideGiven = ACCOUNT_FILTER.isPresent(present, "debits")
            || ACCOUNT_FILTER.isPresent(present, "credits");
        int flags = 0;
        if (!sideGiven || ACCOUNT_FILTER.value(v, "debits") != 0) {
            flags |= AccountFilter.DEBITS;
        }
        if (!sideGiven || ACCOUNT_FILTER.value(v, "credits") != 0) {
            flags |= AccountFilter.CREDITS;
        }
        if (ACCOUNT_FILTER.value(v, REVERSED) != 0) {
            flags |= AccountFilter.REVERSED;
        }
        final int limit = limit(ACCOUNT_FILTER.isPresent(present, LIMIT), ACCOUNT_FILTER.value(v, LIMIT),
            "query parameter limit");
        return new AccountFilter(accountId, ACCOUNT_FILTER.high(v, USER_DATA_128),
            ACCOUNT_FILTER.value(v, USER_DATA_128), ACCOUNT_FILTER.value(v, USER_DATA_64),
            (int) ACCOUNT_FILTER.value(v, USER_DATA_32), (int) ACCOUNT_FILTER.value(v, "code"),
            ACCOUNT_FILTER.value(v, TIMESTAMP_MIN), ACCOUNT_FILTER.value(v, TIMESTAMP_MAX), limit, flags);
    }

    /** An integer path parameter ({@code {id}}, {@code {ledger}}) of the given kind. */
    static long pathInteger(final FieldKind kind, final String text, final String name) {
        final long[] out = new long[2];
        kind.parse(text, "path parameter " + name, out, 0);
        return out[0];
    }

    /**
     * A filter's row limit: the default when absent, at most {@link #requestSizeMax} (a larger limit answers that
     * many rows at most, as the binary protocol does), and at least 1: TigerBeetle treats a limit of 0 as an invalid
     * filter, which answers nothing, so a zero or negative limit here is refused rather than silently empty.
     */
    private int limit(final boolean present, final long value, final String path) {
        if (!present) {
            return Math.min(LIMIT_DEFAULT, requestSizeMax);
        }
        if (value < 1) {
            throw new ApiException(ApiError.NUMBER_OUT_OF_RANGE, path + ": " + value + " is below 1");
        }
        return (int) Math.min(value, requestSizeMax);
    }

    private long[] readIds(final JsonInput in) {
        in.require(JsonToken.START_ARRAY, IDS, "an array of ids");
        long[] ids = new long[16];
        final long[] value = new long[2];
        int count = 0;
        while (in.next() != JsonToken.END_ARRAY) {
            if (count == requestSizeMax) {
                throw new ApiException(ApiError.TOO_MANY_EVENTS, "ids: more than " + requestSizeMax + " ids");
            }
            in.readValue(FieldKind.SIGNED_64, IDS + "[" + count + "]", value, 0);
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, 2 * count);
            }
            ids[count++] = value[0];
        }
        return Arrays.copyOf(ids, count);
    }

    private <T> List<T> events(final ByteBuf body, final ObjectFields fields, final String what,
                               final Function<long[], T> build) {
        try (JsonInput in = JsonInput.open(body)) {
            in.require(JsonToken.START_ARRAY, "the body", "an array of " + what);
            final List<T> events = new ArrayList<>();
            final long[] values = fields.newValues();
            while (in.next() != JsonToken.END_ARRAY) {
                if (events.size() == requestSizeMax) {
                    throw new ApiException(ApiError.TOO_MANY_EVENTS,
                        "more than " + requestSizeMax + " " + what + " in one request");
                }
                fields.read(in, "[" + events.size() + "]", values);
                events.add(build.apply(values));
            }
            in.requireEnd();
            return events;
        }
    }
}
