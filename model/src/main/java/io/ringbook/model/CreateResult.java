package io.ringbook.model;

/**
 * Outcome of one event of a create request: its index in the request, the result code (a
 * {@link CreateAccountResult} or {@link CreateTransferResult} code) and the timestamp (assigned on success, the
 * original one for {@code exists}, zero otherwise).
 */
public record CreateResult(int index, long id, int status, long timestamp) {
}
