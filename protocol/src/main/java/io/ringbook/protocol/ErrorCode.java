package io.ringbook.protocol;

/**
 * The error codes of a reply header ({@code docs/PROTOCOL.md}, "Reply header"). Anything but {@link #OK} means the
 * request was not applied; {@link #BUSY} and {@link #UNAVAILABLE} may be retried.
 */
public final class ErrorCode {
    /** The request was applied; the body holds the reply records. */
    public static final int OK = 0;
    /** The command ring is full; retry after a short pause. */
    public static final int BUSY = 1;
    /** The header's version is not {@link Frame#VERSION}. */
    public static final int UNSUPPORTED_VERSION = 2;
    /** The operation code is not one of {@link OperationCode}. */
    public static final int UNKNOWN_OPERATION = 3;
    /** The count is outside what the operation allows. */
    public static final int INVALID_COUNT = 4;
    /** The body is not count times the operation's request record. */
    public static final int INVALID_BODY_SIZE = 5;
    /** The length field is outside 16..frame limit; the server closes the connection after this reply. */
    public static final int FRAME_TOO_LARGE = 6;
    /** The engine halted or the server is shutting down; retry after a restart. */
    public static final int UNAVAILABLE = 7;

    private static final String[] NAMES = {"ok", "busy", "unsupported_version", "unknown_operation",
        "invalid_count", "invalid_body_size", "frame_too_large", "unavailable"};

    private ErrorCode() {
    }

    /** The snake_case name of an error code as the protocol page writes it, for messages and exceptions. */
    public static String name(final int error) {
        return error >= 0 && error < NAMES.length ? NAMES[error] : "error_" + error;
    }
}
