package io.ringbook.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;

/**
 * Writes export rows as CSV (one header line, then one record per row) or JSON Lines (one object per line), with
 * the same columns in the same order; each value call fills the next column. The caller's writer is flushed at the
 * end but never closed.
 */
abstract class ExportRows {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    final String[] columns;
    int column;

    ExportRows(final String[] columns) {
        this.columns = columns.clone();
    }

    static ExportRows of(final SnapshotExport.Format format, final Writer out, final String... columns)
        throws IOException {
        switch (format) {
            case CSV:
                return new Csv(out, columns);
            case JSONL:
                return new JsonLines(out, columns);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** A signed 64-bit value, as the engine stores it. */
    abstract void number(long value) throws IOException;

    /** An exact integer (sums, unsigned 128-bit values). */
    abstract void number(BigInteger value) throws IOException;

    abstract void text(String value) throws IOException;

    /** The names of the bits set in {@code flags}, in bit order. */
    abstract void flags(int flags, String[] names) throws IOException;

    abstract void endRow() throws IOException;

    /** Flushes everything to the caller's writer. */
    abstract void finish() throws IOException;

    /** An unsigned 32-bit value stored in an int. */
    final void unsigned(final int value) throws IOException {
        number(Integer.toUnsignedLong(value));
    }

    /** The unsigned 128-bit value {@code hi:lo}. */
    final void unsigned128(final long hi, final long lo) throws IOException {
        if (hi == 0 && lo >= 0) {
            number(lo);
            return;
        }
        BigInteger value = BigInteger.valueOf(hi).shiftLeft(64).add(BigInteger.valueOf(lo));
        if (lo < 0) {
            value = value.add(TWO_64);
        }
        if (value.signum() < 0) {
            value = value.add(TWO_128);
        }
        number(value);
    }

    final void checkRowComplete() {
        if (column != columns.length) {
            throw new IllegalStateException("row has " + column + " values for " + columns.length + " columns");
        }
        column = 0;
    }

    private static final class Csv extends ExportRows {
        private final CSVPrinter printer;
        private final Object[] values;

        Csv(final Writer out, final String[] columns) throws IOException {
            super(columns);
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                .setHeader(columns).get());
            this.values = new Object[columns.length];
        }

        @Override
        void number(final long value) {
            values[column++] = Long.toString(value);
        }

        @Override
        void number(final BigInteger value) {
            values[column++] = value.toString();
        }

        @Override
        void text(final String value) {
            values[column++] = value;
        }

        @Override
        void flags(final int flags, final String[] names) {
            final StringBuilder joined = new StringBuilder();
            for (int bit = 0; bit < names.length; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    joined.append(joined.length() == 0 ? "" : "|").append(names[bit]);
                }
            }
            values[column++] = joined.toString();
        }

        @Override
        void endRow() throws IOException {
            checkRowComplete();
            printer.printRecord(values);
        }

        @Override
        void finish() throws IOException {
            printer.flush();
        }
    }

    private static final class JsonLines extends ExportRows {
        private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .rootValueSeparator((String) null)
            .build();

        private final JsonGenerator json;

        JsonLines(final Writer out, final String[] columns) throws IOException {
            super(columns);
            this.json = FACTORY.createGenerator(out);
        }

        private void name() throws IOException {
            if (column == 0) {
                json.writeStartObject();
            }
            json.writeFieldName(columns[column++]);
        }

        @Override
        void number(final long value) throws IOException {
            name();
            json.writeNumber(value);
        }

        @Override
        void number(final BigInteger value) throws IOException {
            name();
            json.writeNumber(value);
        }

        @Override
        void text(final String value) throws IOException {
            name();
            json.writeString(value);
        }

        @Override
        void flags(final int flags, final String[] names) throws IOException {
            name();
            json.writeStartArray();
            for (int bit = 0; bit < names.length; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    json.writeString(names[bit]);
                }
            }
            json.writeEndArray();
        }

        @Override
        void endRow() throws IOException {
            checkRowComplete();
            json.writeEndObject();
            json.writeRaw('\n');
        }

        @Override
        void finish() throws IOException {
            json.flush();
        }
    }
}
