package io.ringbook.journal;

import io.ringbook.engine.command.CommandArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damages the journal file behind the reader's back: committed damage must stop a replay, a cut tail must not. */
class JournalCorruptionTest {
    private static final long MARKER = 0x5EED_F00D_CAFE_BEEFL;
    private static final int SCAN_BYTES = 16 << 20;

    @TempDir
    Path directory;

    @Test
    void shouldRejectAFlippedByteInsideACommittedRequestNamingTheBatch() throws IOException {
        writeWithMarkerInBatch(4, 6);
        final long offset = markerOffset();
        flip(offset + 3);
        try (JournalReader reader = JournalReader.open(directory)) {
            final List<Long> delivered = new ArrayList<>();
            final JournalCorruptException e = assertThrows(JournalCorruptException.class,
                () -> reader.replay(0, Long.MAX_VALUE, true, (index, request) -> delivered.add(index)));
            assertTrue(e.getMessage().contains("integrity chain broken in batch 4..4"), e.getMessage());
            assertTrue(e.getMessage().contains("ringbook-replay verify --journal " + directory), e.getMessage());
            assertEquals(List.of(1L, 2L, 3L), delivered, "nothing of the broken batch or after it");
        }
        final List<Boolean> verified = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory)) {
            reader.scan(1, Long.MAX_VALUE, new EntryVisitor() {
                @Override
                public void onCommit(final long first, final long last, final byte[] chain, final boolean ok) {
                    verified.add(ok);
                }
            });
        }
        assertEquals(List.of(true, true, true, false, true, true), verified);
    }

    @Test
    void shouldReplayTheCommittedPrefixWhenTheTailIsZeroedFromTheMiddleOfAnEntry() throws IOException {
        writeWithMarkerInBatch(6, 6);
        zeroFrom(markerOffset() + 4);
        try (JournalReader reader = JournalReader.open(directory)) {
            final List<Long> delivered = new ArrayList<>();
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true,
                (index, request) -> delivered.add(index));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), delivered);
            assertEquals(5, result.committedIndex());
            assertEquals(1, result.discardedTail(), "the cut request of batch 6");
        }
    }

    /** Writes one request per batch; batch {@code markedBatch} carries {@link #MARKER} in its user data. */
    private void writeWithMarkerInBatch(final int markedBatch, final int batches) {
        final RequestGenerator requests = new RequestGenerator(9, 4);
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            for (int b = 1; b <= batches; b++) {
                CommandArray request = requests.next();
                while (b == markedBatch && request.get(0).operation.code() != 2) {
                    request = requests.next();
                }
                if (b == markedBatch) {
                    request.get(request.size() - 1).userData64 = MARKER;
                }
                RequestGenerator.append(writer, request);
                writer.commit();
            }
        }
    }

    private Path dataFile() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            final List<Path> data = files.filter(f -> f.toString().endsWith(JournalFiles.DATA_SUFFIX)).toList();
            assertEquals(1, data.size());
            return data.get(0);
        }
    }

    private long markerOffset() throws IOException {
        try (FileChannel channel = FileChannel.open(dataFile(), StandardOpenOption.READ)) {
            final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0,
                Math.min(channel.size(), SCAN_BYTES));
            map.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + Long.BYTES <= map.limit(); i++) {
                if (map.getLong(i) == MARKER) {
                    return i;
                }
            }
        }
        throw new AssertionError("marker not found in the journal file");
    }

    private void flip(final long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(dataFile(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, offset);
        }
    }

    private void zeroFrom(final long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(dataFile(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(64 << 10), offset);
        }
    }
}
