package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the protocol's code to {@code docs/PROTOCOL.md}, so that neither can change alone: every example of the
 * "Example" section is encoded from its field values with the record's codec and compared byte for byte, then decoded
 * back; the record sizes of the "Records" headings, the operation table and the error table are compared with the
 * constants.
 *
 * <p>An example is a {@code ### Name} heading (an optional {@code (remark)} after the name) followed by a fenced block
 * of line pairs: a line of hex groups, one group per field in wire order, and under it a line of {@code field=value}
 * labels, each starting in the column of its group. The codec of {@code Name} is {@code NameCodec} (spaces dropped);
 * a field {@code debit_account_id} is read and written by its {@code debitAccountId} accessors; {@code reserved}
 * fields must be zero; a header example starts with the frame's {@code length}.
 */
class ProtocolDocumentationTest {
    private static final Path DOC = Path.of("..", "docs", "PROTOCOL.md");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{2}(?: [0-9a-f]{2})*");
    private static final Pattern LABEL = Pattern.compile("\\S+");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| *(\\d+) *\\| *`(\\w+)` *\\|(.*)$");
    private static final Pattern RECORD_SIZE = Pattern.compile("(\\w+) \\((\\d+)\\)");
    private static final Pattern RECORD_HEADING = Pattern.compile("^### (\\w+) \\((\\d+) bytes\\)$");
    private static final List<String> EXAMPLES_REQUIRED = List.of("Request header", "Reply header", "Account",
        "Transfer", "CreateResult", "Id", "AccountFilter", "QueryFilter", "AccountBalance", "LedgerTotalsRequest",
        "CodeTotals", "StateHash", "Continuation");

    private static List<String> doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    }

    @Test
    void shouldHaveAnExampleOfEveryRecordAndHeader() {
        final List<String> names = new ArrayList<>();
        for (final Example example : examples()) {
            names.add(example.record());
        }
        for (final String required : EXAMPLES_REQUIRED) {
            assertTrue(names.contains(required), "docs/PROTOCOL.md has no example of " + required);
        }
    }

    @Test
    void shouldEncodeEveryExampleToItsDocumentedBytes() throws ReflectiveOperationException {
        for (final Example example : examples()) {
            final Flyweight codec = codec(example);
            final ByteBuf out = Unpooled.buffer();
            final int start = appendFresh(codec, example, out);
            for (final DocField field : example.fields()) {
                if (isValueField(field)) {
                    setter(codec, field).invoke(codec, argument(setter(codec, field), field.value()));
                }
            }
            assertEquals(start, codec.offset(), example.heading());
            assertEquals(hex(example.bytes()), hex(ByteBufUtil.getBytes(out)),
                example.heading() + ": the codec's bytes differ from the documented ones");
        }
    }

    @Test
    void shouldDecodeEveryExampleToItsDocumentedValues() throws ReflectiveOperationException {
        for (final Example example : examples()) {
            final Flyweight codec = codec(example);
            final ByteBuf in = Unpooled.wrappedBuffer(example.bytes());
            final int start = isHeader(example) ? Frame.LENGTH_FIELD_BYTES : 0;
            codec.getClass().getMethod("wrap", ByteBuf.class, int.class).invoke(codec, in, start);
            for (final DocField field : example.fields()) {
                if (field.name().equals("length")) {
                    assertEquals(field.value(), in.getUnsignedIntLE(0), example.heading() + " length");
                } else if (field.name().equals("reserved")) {
                    assertEquals(0, field.value(), example.heading() + ": a reserved field must be zero");
                } else {
                    final Number read = (Number) getter(codec, field).invoke(codec);
                    assertEquals(field.value() & mask(field.size()), read.longValue() & mask(field.size()),
                        example.heading() + " " + field.name());
                }
            }
        }
    }

    @Test
    void shouldDocumentEachFieldsBytesAsItsValueLittleEndian() {
        for (final Example example : examples()) {
            for (final DocField field : example.fields()) {
                final ByteBuf expected = Unpooled.buffer(Long.BYTES).writeLongLE(field.value());
                assertEquals(hex(ByteBufUtil.getBytes(expected, 0, field.size())), hex(field.bytes()),
                    example.heading() + ": the bytes of " + field.name() + " are not its value");
            }
        }
    }

    @Test
    void shouldMatchTheRecordSizesOfTheRecordsSection() throws ReflectiveOperationException {
        final Map<String, Integer> sizes = new TreeMap<>();
        for (final String line : section("## Records")) {
            final Matcher heading = RECORD_HEADING.matcher(line);
            if (heading.matches()) {
                sizes.put(heading.group(1), Integer.parseInt(heading.group(2)));
            }
        }
        assertEquals(EXAMPLES_REQUIRED.size() - 2, sizes.size(), "record headings: " + sizes);
        for (final Map.Entry<String, Integer> size : sizes.entrySet()) {
            assertEquals(size.getValue(), bytesOf(size.getKey()), size.getKey() + " size");
        }
        for (final Example example : examples()) {
            final int framing = isHeader(example) ? Frame.LENGTH_FIELD_BYTES : 0;
            assertEquals(framing + bytesOf(example.record()), example.bytes().length, example.heading() + " size");
        }
        assertEquals(Frame.HEADER_BYTES, bytesOf("Request header"));
    }

    @Test
    void shouldMatchTheOperationTableToTheOperationCodes() throws ReflectiveOperationException {
        final Map<Integer, String> documented = new LinkedHashMap<>();
        for (final String line : section("## Operations")) {
            final Matcher row = TABLE_ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            final int code = Integer.parseInt(row.group(1));
            final String name = row.group(2);
            documented.put(code, name);
            final String[] columns = row.group(3).split("\\|");
            assertEquals(name, OperationCode.name(code), "name of operation " + code);
            assertEquals(code, OperationCode.class.getField(name.toUpperCase(Locale.ROOT)).getInt(null), name);
            assertEquals(recordBytes(columns[0]), OperationCode.requestRecordBytes(code), name + " request record");
            assertEquals(recordBytes(columns[1]), OperationCode.replyRecordBytes(code), name + " reply record");
            final Matcher range = Pattern.compile("1\\.\\.(\\d+) ×").matcher(columns[0]);
            if (range.find()) {
                assertEquals(Frame.REQUEST_SIZE_MAX, Integer.parseInt(range.group(1)), name + " request limit");
                assertFalse(OperationCode.isSingleRecord(code), name);
            }
        }
        final List<Integer> codes = new ArrayList<>();
        for (final int code : OperationCode.all()) {
            codes.add(code);
        }
        assertEquals(codes, new ArrayList<>(documented.keySet()), "operation codes of the table, in order");
        assertEquals(codes.size(), publicIntConstants(OperationCode.class) - 1, "constants besides CODE_LIMIT");
        for (int code = 0; code < 256; code++) {
            assertEquals(documented.containsKey(code), OperationCode.isKnown(code), "operation " + code);
        }
    }

    @Test
    void shouldDocumentTheContinuationTrailerForExactlyTheQueries() {
        final Matcher operations = Pattern.compile("\\*\\*Continuation trailer\\.\\*\\*.*\\(operations ([\\d, ]+)\\)")
            .matcher(String.join(" ", section("## Operations")));
        assertTrue(operations.find(), "the Continuation trailer paragraph names its operations");
        final List<Integer> documented = new ArrayList<>();
        for (final String code : operations.group(1).split(", ")) {
            documented.add(Integer.parseInt(code.trim()));
        }
        final List<Integer> queries = new ArrayList<>();
        for (final int code : OperationCode.all()) {
            if (OperationCode.isQuery(code)) {
                queries.add(code);
            }
        }
        assertEquals(queries, documented);
    }

    @Test
    void shouldMatchTheErrorTableToTheErrorCodes() throws ReflectiveOperationException {
        int rows = 0;
        for (final String line : section("### Reply header (16 bytes)")) {
            final Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                final int code = Integer.parseInt(row.group(1));
                final String name = row.group(2);
                assertEquals(name, ErrorCode.name(code), "name of error " + code);
                assertEquals(code, ErrorCode.class.getField(name.toUpperCase(Locale.ROOT)).getInt(null), name);
                rows++;
            }
        }
        assertEquals(publicIntConstants(ErrorCode.class) - 1, rows, "every error code but ok is in the table");
        assertEquals(0, ErrorCode.OK);
    }

    // ---------------------------------------------------------------------------------------------- the doc

    /** A field of an example: its name, value, bytes and offset in the example. */
    private record DocField(String name, long value, byte[] bytes, int offset) {
        int size() {
            return bytes.length;
        }
    }

    /** One example: the heading, the record it shows, and its fields in wire order. */
    private record Example(String heading, String record, List<DocField> fields) {
        byte[] bytes() {
            final ByteBuf all = Unpooled.buffer();
            for (final DocField field : fields) {
                all.writeBytes(field.bytes());
            }
            return ByteBufUtil.getBytes(all);
        }
    }

    /** The lines after {@code title} up to the next heading of the same or a higher level. */
    private static List<String> section(final String title) {
        final int level = title.indexOf(' ');
        final int start = doc.indexOf(title);
        assertTrue(start >= 0, "docs/PROTOCOL.md has no " + title);
        final List<String> lines = new ArrayList<>();
        for (int i = start + 1; i < doc.size(); i++) {
            final String line = doc.get(i);
            final int hashes = line.indexOf(' ');
            if (line.startsWith("#") && hashes > 0 && hashes <= level && line.substring(0, hashes).matches("#+")) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    private static List<Example> examples() {
        final List<Example> examples = new ArrayList<>();
        String heading = null;
        List<String> block = null;
        for (final String line : section("## Example")) {
            if (line.startsWith("### ")) {
                heading = line.substring(4).trim();
            } else if (line.trim().equals("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                } else {
                    assertTrue(heading != null, "an example block without a ### heading");
                    examples.add(parse(heading, block));
                    heading = null;
                    block = null;
                }
            } else if (block != null && !line.isBlank()) {
                block.add(line);
            }
        }
        assertTrue(examples.size() >= EXAMPLES_REQUIRED.size(), "examples found: " + examples.size());
        return examples;
    }

    private static Example parse(final String heading, final List<String> lines) {
        assertEquals(0, lines.size() % 2, heading + ": hex lines and label lines come in pairs");
        final int remark = heading.indexOf(" (");
        final String record = remark < 0 ? heading : heading.substring(0, remark);
        final List<DocField> fields = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < lines.size(); i += 2) {
            final List<int[]> groups = spans(HEX_GROUP, lines.get(i));
            final List<int[]> labels = spans(LABEL, lines.get(i + 1));
            assertEquals(groups.size(), labels.size(), heading + ": one label per hex group in " + lines.get(i));
            assertEquals(groups.stream().map(g -> g[0]).toList(), labels.stream().map(l -> l[0]).toList(),
                heading + ": each label starts in the column of its hex group: " + lines.get(i + 1));
            for (int g = 0; g < groups.size(); g++) {
                final String hex = lines.get(i).substring(groups.get(g)[0], groups.get(g)[1]);
                final String label = lines.get(i + 1).substring(labels.get(g)[0], labels.get(g)[1]);
                final int equals = label.indexOf('=');
                assertTrue(equals > 0, heading + ": a label is field=value: " + label);
                final byte[] bytes = ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
                fields.add(new DocField(label.substring(0, equals), value(label.substring(equals + 1)), bytes,
                    offset));
                offset += bytes.length;
            }
        }
        return new Example(heading, record, fields);
    }

    private static List<int[]> spans(final Pattern pattern, final String line) {
        final List<int[]> spans = new ArrayList<>();
        final Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        return spans;
    }

    private static long value(final String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
    }

    /** The size of the first {@code Record (n)} in a table cell, 0 if there is none ("none (count 0)"). */
    private static int recordBytes(final String cell) throws ReflectiveOperationException {
        final Matcher matcher = RECORD_SIZE.matcher(cell);
        if (!matcher.find()) {
            return 0;
        }
        final int size = Integer.parseInt(matcher.group(2));
        assertEquals(size, bytesOf(matcher.group(1)), "size of " + matcher.group(1) + " in " + cell);
        return size;
    }

    // ---------------------------------------------------------------------------------------------- the codecs

    private static Flyweight codec(final Example example) throws ReflectiveOperationException {
        return (Flyweight) codecClass(example.record()).getConstructor().newInstance();
    }

    /** The codec of a record named as the doc names it: "Reply header", "CodeTotals", or a plural ("Accounts"). */
    private static Class<?> codecClass(final String record) throws ClassNotFoundException {
        final StringBuilder name = new StringBuilder();
        for (final String word : record.split(" ")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        final String prefix = Flyweight.class.getPackageName() + ".";
        try {
            return Class.forName(prefix + name + "Codec");
        } catch (final ClassNotFoundException e) {
            if (name.charAt(name.length() - 1) != 's') {
                throw e;
            }
            return Class.forName(prefix + name.substring(0, name.length() - 1) + "Codec");
        }
    }

    private static int bytesOf(final String record) throws ReflectiveOperationException {
        return codecClass(record).getField("BYTES").getInt(null);
    }

    private static boolean isHeader(final Example example) {
        return example.record().endsWith("header");
    }

    /** Appends a fresh record (a header with its length field) and answers where the codec should point. */
    private static int appendFresh(final Flyweight codec, final Example example, final ByteBuf out)
        throws ReflectiveOperationException {
        if (isHeader(example)) {
            final DocField length = example.fields().get(0);
            assertEquals("length", length.name(), example.heading() + ": a header example starts with the length");
            codec.getClass().getMethod("appendFrame", ByteBuf.class, int.class)
                .invoke(codec, out, (int) length.value() - Frame.HEADER_BYTES);
            return Frame.LENGTH_FIELD_BYTES;
        }
        codec.getClass().getMethod("append", ByteBuf.class).invoke(codec, out);
        return 0;
    }

    private static boolean isValueField(final DocField field) {
        return !field.name().equals("reserved") && !field.name().equals("length");
    }

    private static Method setter(final Flyweight codec, final DocField field) {
        for (final Method method : codec.getClass().getMethods()) {
            if (method.getName().equals(camel(field.name())) && method.getParameterCount() == 1) {
                return method;
            }
        }
        throw new AssertionError(codec.getClass().getSimpleName() + " has no setter for " + field.name());
    }

    private static Method getter(final Flyweight codec, final DocField field) throws NoSuchMethodException {
        return codec.getClass().getMethod(camel(field.name()));
    }

    private static Object argument(final Method setter, final long value) {
        return setter.getParameterTypes()[0] == long.class ? (Object) value : (Object) (int) value;
    }

    private static String camel(final String snake) {
        final StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (final char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static long mask(final int bytes) {
        return bytes >= Long.BYTES ? -1L : (1L << (Byte.SIZE * bytes)) - 1;
    }

    private static int publicIntConstants(final Class<?> type) {
        int count = 0;
        for (final Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                count++;
            }
        }
        return count;
    }

    private static String hex(final byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }
}
