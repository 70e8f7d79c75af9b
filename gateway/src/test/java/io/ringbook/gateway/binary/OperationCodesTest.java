package io.ringbook.gateway.binary;

import io.ringbook.engine.command.Operation;
import io.ringbook.protocol.OperationCode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol's operation codes and the engine's (journal) codes are separate numbers kept equal on purpose, and the
 * gateway translates between them in one place ({@link BinaryRequestAdapter#operationOf(int)}). This fails if they
 * ever drift apart, or if either side gains an operation the other lacks.
 */
class OperationCodesTest {
    /** Engine operations that never travel on the wire: the engine issues them itself. */
    private static final Set<Operation> ENGINE_ONLY = EnumSet.of(Operation.PULSE, Operation.SNAPSHOT,
        Operation.CONFIGURE);

    @Test
    void shouldTranslateEveryProtocolOperationToTheEngineOperationOfTheSameNumberAndName() {
        for (final int code : OperationCode.all()) {
            final Operation operation = BinaryRequestAdapter.operationOf(code);
            assertNotNull(operation, "no engine operation for protocol operation " + OperationCode.name(code));
            assertEquals(code, operation.code(), "protocol and engine numbers of " + operation);
            assertEquals(OperationCode.name(code), operation.name().toLowerCase(Locale.ROOT));
            assertTrue(!ENGINE_ONLY.contains(operation), operation + " is engine-internal");
        }
    }

    @Test
    void shouldHaveAProtocolOperationForEveryEngineOperationMeantForTheWire() {
        for (final Operation operation : Operation.values()) {
            if (ENGINE_ONLY.contains(operation)) {
                assertTrue(!OperationCode.isKnown(operation.code()), operation + " must not be on the wire");
                assertNull(BinaryRequestAdapter.operationOf(operation.code()));
            } else {
                assertTrue(OperationCode.isKnown(operation.code()), "the protocol lacks " + operation);
                assertEquals(operation, BinaryRequestAdapter.operationOf(operation.code()));
            }
        }
    }

    @Test
    void shouldTranslateNoOtherByte() {
        for (int code = 0; code < 256; code++) {
            assertEquals(OperationCode.isKnown(code), BinaryRequestAdapter.operationOf(code) != null, "code " + code);
        }
    }
}
