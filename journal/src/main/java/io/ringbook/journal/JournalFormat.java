package io.ringbook.journal;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;

import io.ringbook.model.Limits;
import java.nio.ByteBuffer;

/**
 * The journal's entry layouts: the one place that knows which byte of an entry holds which field. Every entry is one
 * Chronicle excerpt of raw little-endian bytes, starting with a type and a format version, so that a reader can refuse
 * what it does not understand instead of misreading it.
 *
 * <pre>
 * REQUEST (type 1), 32 + n * eventSize bytes; one per mutating request, written when its last slot arrives
 *   0  u8  type = 1          1  u8  version = 1      2  u16 operation code      4  i32 n (events; PULSE: 1)
 *   8  i64 journal index     16 i64 requestId       24 i64 arrivalNs (shared by all events of the request)
 *   32 n events:
 *     CREATE_ACCOUNTS, 88 bytes:  0 id, 8 debitsPending, 16 debitsPosted, 24 creditsPending, 32 creditsPosted,
 *                                 40 userData128Hi, 48 userData128Lo, 56 userData64, 64 timestamp (i64 each),
 *                                 72 userData32, 76 ledger, 80 code, 84 flags (i32 each)
 *     CREATE_TRANSFERS, 100 bytes: 0 id, 8 debitAccountId, 16 creditAccountId, 24 amount, 32 pendingId,
 *                                 40 reversesId, 48 userData128Hi, 56 userData128Lo, 64 userData64, 72 timestamp
 *                                 (i64 each), 80 userData32, 84 timeout, 88 ledger, 92 code, 96 flags (i32 each)
 *     PULSE, 0 bytes (n = 1)
 *     CONFIGURE, 16 bytes (n = 1): 0 accounts limit, 4 transfers limit, 8 failed transfer ids limit,
 *                                 12 history limit (i32 each)
 *
 * COMMIT (type 2), 56 bytes; written by commit() when a REQUEST was written since the previous COMMIT or OPEN
 *   0  u8  type = 2          1  u8  version = 1      2  u16 0                   4  i32 0
 *   8  i64 first index       16 i64 last index      24 32 bytes chain_k = SHA-256(chain_k-1 || REQUEST entries of
 *                                                                               the batch, whole, in order)
 *
 * OPEN (type 3), 48 bytes; written once per writer session, before its first REQUEST
 *   0  u8  type = 3          1  u8  version = 1      2  u16 0                   4  i32 0
 *   8  i64 next index        16 32 bytes chain the session continues from (the last COMMIT's, or chain_0)
 * </pre>
 *
 * chain_0, the chain before the first batch, is 32 zero bytes.
 */
public final class JournalFormat {
    /** Entry type of a request. */
    public static final int REQUEST = 1;
    /** Entry type of a batch commit. */
    public static final int COMMIT = 2;
    /** Entry type of a writer session start. */
    public static final int OPEN = 3;
    /** Format version written into every entry; a reader rejects any other. */
    public static final int VERSION = 1;

    /** Bytes of a SHA-256 chain value. */
    public static final int CHAIN_BYTES = 32;
    /** Bytes of a REQUEST entry before its events. */
    public static final int REQUEST_HEADER_BYTES = 32;
    /** Bytes of one CREATE_ACCOUNTS event. */
    public static final int ACCOUNT_EVENT_BYTES = 88;
    /** Bytes of one CREATE_TRANSFERS event. */
    public static final int TRANSFER_EVENT_BYTES = 100;
    /** Bytes of the one CONFIGURE event. */
    public static final int CONFIGURE_EVENT_BYTES = 16;
    /** Bytes of a COMMIT entry. */
    public static final int COMMIT_BYTES = 24 + CHAIN_BYTES;
    /** Bytes of an OPEN entry. */
    public static final int OPEN_BYTES = 16 + CHAIN_BYTES;
    /** Largest entry: a request of the largest batch of the widest event. */
    public static final int ENTRY_BYTES_MAX =
        REQUEST_HEADER_BYTES + Limits.REQUEST_SIZE_MAX * TRANSFER_EVENT_BYTES;

    static final int TYPE = 0;
    static final int ENTRY_VERSION = 1;
    static final int OPERATION = 2;
    static final int COUNT = 4;
    static final int INDEX = 8;
    static final int REQUEST_ID = 16;
    static final int ARRIVAL_NS = 24;
    static final int FIRST_INDEX = 8;
    static final int LAST_INDEX = 16;
    static final int COMMIT_CHAIN = 24;
    static final int NEXT_INDEX = 8;
    static final int OPEN_CHAIN = 16;

    private JournalFormat() {
    }

    /** A fresh chain_0 (32 zero bytes). */
    public static byte[] initialChain() {
        return new byte[CHAIN_BYTES];
    }

    /** Bytes of one event of {@code operation}, or -1 if the operation is not journaled. */
    public static int eventBytes(final Operation operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
                return ACCOUNT_EVENT_BYTES;
            case CREATE_TRANSFERS:
                return TRANSFER_EVENT_BYTES;
            case PULSE:
                return 0;
            case CONFIGURE:
                return CONFIGURE_EVENT_BYTES;
            default:
                return -1;
        }
    }

    /** Writes the event fields of {@code c} at {@code offset} in the layout of its operation. */
    static void writeEvent(final ByteBuffer b, final int offset, final Command c) {
        if (c.operation == Operation.CREATE_ACCOUNTS) {
            b.putLong(offset, c.id);
            b.putLong(offset + 8, c.debitsPending);
            b.putLong(offset + 16, c.debitsPosted);
            b.putLong(offset + 24, c.creditsPending);
            b.putLong(offset + 32, c.creditsPosted);
            b.putLong(offset + 40, c.userData128Hi);
            b.putLong(offset + 48, c.userData128Lo);
            b.putLong(offset + 56, c.userData64);
            b.putLong(offset + 64, c.timestamp);
            b.putInt(offset + 72, c.userData32);
            b.putInt(offset + 76, c.ledger);
            b.putInt(offset + 80, c.code);
            b.putInt(offset + 84, c.flags);
        } else if (c.operation == Operation.CREATE_TRANSFERS) {
            b.putLong(offset, c.id);
            b.putLong(offset + 8, c.debitAccountId);
            b.putLong(offset + 16, c.creditAccountId);
            b.putLong(offset + 24, c.amount);
            b.putLong(offset + 32, c.pendingId);
            b.putLong(offset + 40, c.reversesId);
            b.putLong(offset + 48, c.userData128Hi);
            b.putLong(offset + 56, c.userData128Lo);
            b.putLong(offset + 64, c.userData64);
            b.putLong(offset + 72, c.timestamp);
            b.putInt(offset + 80, c.userData32);
            b.putInt(offset + 84, c.timeout);
            b.putInt(offset + 88, c.ledger);
            b.putInt(offset + 92, c.code);
            b.putInt(offset + 96, c.flags);
        } else if (c.operation == Operation.CONFIGURE) {
            b.putInt(offset, (int) c.debitsPending);
            b.putInt(offset + 4, (int) c.debitsPosted);
            b.putInt(offset + 8, (int) c.creditsPending);
            b.putInt(offset + 12, (int) c.creditsPosted);
        }
    }

    /** Reads an event written by {@link #writeEvent} into {@code c}, whose header is already prepared. */
    static void readEvent(final ByteBuffer b, final int offset, final Command c) {
        if (c.operation == Operation.CREATE_ACCOUNTS) {
            c.id = b.getLong(offset);
            c.debitsPending = b.getLong(offset + 8);
            c.debitsPosted = b.getLong(offset + 16);
            c.creditsPending = b.getLong(offset + 24);
            c.creditsPosted = b.getLong(offset + 32);
            c.userData128Hi = b.getLong(offset + 40);
            c.userData128Lo = b.getLong(offset + 48);
            c.userData64 = b.getLong(offset + 56);
            c.timestamp = b.getLong(offset + 64);
            c.userData32 = b.getInt(offset + 72);
            c.ledger = b.getInt(offset + 76);
            c.code = b.getInt(offset + 80);
            c.flags = b.getInt(offset + 84);
        } else if (c.operation == Operation.CREATE_TRANSFERS) {
            c.id = b.getLong(offset);
            c.debitAccountId = b.getLong(offset + 8);
            c.creditAccountId = b.getLong(offset + 16);
            c.amount = b.getLong(offset + 24);
            c.pendingId = b.getLong(offset + 32);
            c.reversesId = b.getLong(offset + 40);
            c.userData128Hi = b.getLong(offset + 48);
            c.userData128Lo = b.getLong(offset + 56);
            c.userData64 = b.getLong(offset + 64);
            c.timestamp = b.getLong(offset + 72);
            c.userData32 = b.getInt(offset + 80);
            c.timeout = b.getInt(offset + 84);
            c.ledger = b.getInt(offset + 88);
            c.code = b.getInt(offset + 92);
            c.flags = b.getInt(offset + 96);
        } else if (c.operation == Operation.CONFIGURE) {
            c.debitsPending = b.getInt(offset);
            c.debitsPosted = b.getInt(offset + 4);
            c.creditsPending = b.getInt(offset + 8);
            c.creditsPosted = b.getInt(offset + 12);
        }
    }

    /**
     * Checks that the {@code length} bytes in {@code b} form an entry this version understands; returns null if they
     * do, else why not. Checks shape only (type, version, sizes, operation); the chain checks content.
     */
    static String checkShape(final ByteBuffer b, final int length) {
        if (length < 2) {
            return "entry of " + length + " bytes";
        }
        final int type = b.get(TYPE);
        final int version = b.get(ENTRY_VERSION);
        if (version != VERSION) {
            return "format version " + version + " (this reader knows " + VERSION + ")";
        }
        switch (type) {
            case REQUEST:
                return checkRequestShape(b, length);
            case COMMIT:
                return length == COMMIT_BYTES ? null : "COMMIT entry of " + length + " bytes";
            case OPEN:
                return length == OPEN_BYTES ? null : "OPEN entry of " + length + " bytes";
            default:
                return "unknown entry type " + type;
        }
    }

    private static String checkRequestShape(final ByteBuffer b, final int length) {
        if (length < REQUEST_HEADER_BYTES) {
            return "REQUEST entry of " + length + " bytes";
        }
        final Operation operation = Operation.ofCode(b.getShort(OPERATION) & 0xFFFF);
        if (operation == null || eventBytes(operation) < 0) {
            return "REQUEST of operation code " + (b.getShort(OPERATION) & 0xFFFF);
        }
        final int count = b.getInt(COUNT);
        final boolean countOk = operation == Operation.PULSE || operation == Operation.CONFIGURE
            ? count == 1 : count >= 1 && count <= Limits.REQUEST_SIZE_MAX;
        if (!countOk) {
            return "REQUEST of " + count + " " + operation + " events";
        }
        final long expected = REQUEST_HEADER_BYTES + (long) count * eventBytes(operation);
        return expected == length ? null : "REQUEST of " + count + " " + operation + " events in " + length + " bytes";
    }

    /**
     * Prepares the first n slots of {@code slots} from the REQUEST entry in {@code b} exactly like the ring's:
     * {@code Command.prepare(operation, requestId, i, n, arrivalNs, null)}, then the event fields.
     */
    static void decodeRequest(final ByteBuffer b, final CommandArray slots) {
        final Operation operation = Operation.ofCode(b.getShort(OPERATION) & 0xFFFF);
        final int count = b.getInt(COUNT);
        final long requestId = b.getLong(REQUEST_ID);
        final long arrivalNs = b.getLong(ARRIVAL_NS);
        final int eventBytes = eventBytes(operation);
        slots.size(count);
        for (int i = 0; i < count; i++) {
            final Command c = slots.get(i);
            c.prepare(operation, requestId, i, count, arrivalNs, null);
            readEvent(b, REQUEST_HEADER_BYTES + i * eventBytes, c);
        }
    }
}
