package io.ringbook.protocol;

import io.ringbook.model.Limits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameTest {
    @Test
    void shouldDeriveTheRequestLimitFromTheModel() {
        assertEquals(Limits.REQUEST_SIZE_MAX, Frame.REQUEST_SIZE_MAX);
    }

    @Test
    void shouldFitTheLargestRequestInTheFrameLimit() {
        assertEquals(TransferCodec.BYTES, Frame.RECORD_BYTES_MAX, "the transfer is the largest record");
        assertEquals(Frame.HEADER_BYTES + (long) Frame.REQUEST_SIZE_MAX * TransferCodec.BYTES, Frame.REQUEST_BYTES_MAX);
        assertTrue(Frame.REQUEST_BYTES_MAX <= Frame.FRAME_MAX_BYTES);
        for (final int operation : OperationCode.all()) {
            assertTrue(OperationCode.requestRecordBytes(operation) <= Frame.RECORD_BYTES_MAX);
            assertTrue(OperationCode.replyRecordBytes(operation) <= Frame.RECORD_BYTES_MAX);
        }
    }

    @Test
    void shouldPlaceRecordsAfterTheHeader() {
        assertEquals(16, Frame.HEADER_BYTES);
        assertEquals(ReplyHeaderCodec.BYTES, Frame.HEADER_BYTES);
        assertEquals(16 + 2 * 112, Frame.recordIndex(2, TransferCodec.BYTES));
    }
}
