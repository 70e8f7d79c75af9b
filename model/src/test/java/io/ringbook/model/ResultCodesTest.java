package io.ringbook.model;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The numbers both create operations share are the ones {@link ResultCodes} defines, and no others. */
class ResultCodesTest {

    @Test
    void shouldGiveTheSharedResultsTheSameNumberInBothEnums() {
        final Map<String, Integer> shared = Map.of(
            "CREATED", ResultCodes.CREATED,
            "LINKED_EVENT_FAILED", ResultCodes.LINKED_EVENT_FAILED,
            "LINKED_EVENT_CHAIN_OPEN", ResultCodes.LINKED_EVENT_CHAIN_OPEN,
            "TIMESTAMP_MUST_BE_ZERO", ResultCodes.TIMESTAMP_MUST_BE_ZERO);
        for (final Map.Entry<String, Integer> entry : shared.entrySet()) {
            assertEquals(entry.getValue(), CreateAccountResult.valueOf(entry.getKey()).code(), entry.getKey());
            assertEquals(entry.getValue(), CreateTransferResult.valueOf(entry.getKey()).code(), entry.getKey());
        }
    }

    @Test
    void shouldKeepTheSharedNumbersStable() {
        assertEquals(0, ResultCodes.CREATED);
        assertEquals(1, ResultCodes.LINKED_EVENT_FAILED);
        assertEquals(2, ResultCodes.LINKED_EVENT_CHAIN_OPEN);
        assertEquals(3, ResultCodes.TIMESTAMP_MUST_BE_ZERO);
    }

    @Test
    void shouldShareNoOtherNameAndNumber() {
        final Map<String, Integer> sameNameAndNumber = new TreeMap<>();
        for (final CreateAccountResult account : CreateAccountResult.values()) {
            for (final CreateTransferResult transfer : CreateTransferResult.values()) {
                if (account.name().equals(transfer.name()) && account.code() == transfer.code()) {
                    sameNameAndNumber.put(account.name(), account.code());
                }
            }
        }
        assertEquals(Map.of("CREATED", 0, "LINKED_EVENT_FAILED", 1, "LINKED_EVENT_CHAIN_OPEN", 2,
            "TIMESTAMP_MUST_BE_ZERO", 3), sameNameAndNumber);
    }
}
