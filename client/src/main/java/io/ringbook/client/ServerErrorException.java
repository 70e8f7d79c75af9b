package io.ringbook.client;

import io.ringbook.protocol.ErrorCode;

/**
 * The server refused a whole request with a protocol error (the request was not applied), and the client does not
 * retry that error by itself. {@code busy} never surfaces here: the client retries it until the deadline.
 */
public final class ServerErrorException extends RingbookClientException {
    private final int errorCode;
    private final String errorName;
    private final String serverMessage;

    /** The server refused a request of {@code operation} with error {@code errorCode} and a message for humans. */
    public ServerErrorException(final String operation, final int errorCode, final String serverMessage) {
        super(operation + " failed: " + ErrorCode.name(errorCode) + ": " + serverMessage);
        this.errorCode = errorCode;
        this.errorName = ErrorCode.name(errorCode);
        this.serverMessage = serverMessage;
    }

    /** The error number of the reply header ({@code docs/PROTOCOL.md}). */
    public int errorCode() {
        return errorCode;
    }

    /** The error's snake_case name, for example {@code invalid_count}. */
    public String errorName() {
        return errorName;
    }

    /** The server's explanation, for humans. */
    public String serverMessage() {
        return serverMessage;
    }
}
