package io.ringbook.engine.command;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 128-bit values (totals, user_data_128) read as unsigned, whichever word has its top bit set. */
class CommandCodecTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void shouldReadBothWordsAsUnsigned() {
        assertEquals(TWO_64.subtract(BigInteger.ONE), CommandCodec.wide(0, -1));
        assertEquals(TWO_64, CommandCodec.wide(1, 0));
        assertEquals(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), CommandCodec.wide(-1, -1));
        assertEquals(BigInteger.ONE.shiftLeft(127), CommandCodec.wide(Long.MIN_VALUE, 0));
    }
}
