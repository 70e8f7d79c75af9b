package io.ringbook.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers that damage files on purpose. */
final class Corruption {
    private Corruption() {
    }

    static void flipByte(final Path file, final long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            final int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    /** Flips a byte of the first occurrence of {@code value} (little-endian) in the journal's data files. */
    static boolean flipLongInJournal(final Path journal, final long value) throws IOException {
        final byte[] pattern = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        final List<Path> files;
        try (Stream<Path> list = Files.list(journal)) {
            files = list.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
        for (final Path file : files) {
            final byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + pattern.length <= bytes.length; i++) {
                if (matches(bytes, i, pattern)) {
                    flipByte(file, i + 3);
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(final byte[] bytes, final int at, final byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
