package io.ringbook.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** Damages data files the way a bad disk or a stray write would. */
final class Damage {
    private Damage() {
    }

    /** Inverts the byte at {@code position} of {@code file}. */
    static void flipByte(final Path file, final long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.flip();
            final byte flipped = (byte) ~one.get(0);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), position);
        }
    }

    /**
     * Flips a byte of the little-endian {@code marker} inside the journal's Chronicle files, where it occurs once
     * (a field of one REQUEST entry); returns the file.
     */
    static Path flipJournalMarker(final Path journal, final long marker) throws IOException {
        final ByteBuffer pattern = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, marker);
        try (Stream<Path> files = Files.list(journal)) {
            for (final Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".cq4"))::iterator) {
                final long at = find(file, pattern.array());
                if (at >= 0) {
                    flipByte(file, at + 2);
                    return file;
                }
            }
        }
        throw new IllegalStateException("marker " + Long.toHexString(marker) + " not found in " + journal);
    }

    private static long find(final Path file, final byte[] pattern) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            long found = -1;
            for (int i = 0; i + pattern.length <= map.limit(); i++) {
                if (matches(map, i, pattern)) {
                    if (found >= 0) {
                        throw new IllegalStateException("marker found twice in " + file);
                    }
                    found = i;
                }
            }
            return found;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(final MappedByteBuffer map, final int at, final byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (map.get(at + j) != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
