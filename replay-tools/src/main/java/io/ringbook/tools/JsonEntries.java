package io.ringbook.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;

/**
 * The JSON Lines dump: one object per entry, {@code "type"} first ({@code request}, {@code commit}, {@code open},
 * {@code discarded}, {@code unreadable}); a request holds its events in {@code "events"}.
 */
final class JsonEntries extends JournalEntries implements EventFields.Sink {
    private final Writer out;
    private final JsonGenerator json;

    JsonEntries(final Writer out) {
        this.out = out;
        try {
            this.json = JsonFactory.builder().build().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            json.setRootValueSeparator(null);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onRequest(final long index, final long requestId, final long arrivalNs, final CommandRequest request) {
        final Operation operation = request.get(0).operation;
        try {
            json.writeStartObject();
            json.writeStringField("type", "request");
            json.writeNumberField("index", index);
            json.writeStringField("operation", TextEntries.name(operation));
            json.writeNumberField("request_id", requestId);
            json.writeNumberField("arrival_ns", arrivalNs);
            json.writeNumberField("event_count", request.size());
            if (EventFields.kind(operation) != null) {
                json.writeArrayFieldStart("events");
                for (int i = 0; i < request.size(); i++) {
                    json.writeStartObject();
                    EventFields.write(operation, request.get(i), this);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            endLine();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onCommit(final long firstIndex, final long lastIndex, final byte[] chain, final boolean verified) {
        noteCommit(verified);
        try {
            json.writeStartObject();
            json.writeStringField("type", "commit");
            json.writeNumberField("first_index", firstIndex);
            json.writeNumberField("last_index", lastIndex);
            json.writeStringField("chain", hex(chain));
            json.writeBooleanField("verified", verified);
            endLine();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onOpen(final long nextIndex, final byte[] chain) {
        try {
            json.writeStartObject();
            json.writeStringField("type", "open");
            json.writeNumberField("next_index", nextIndex);
            json.writeStringField("chain", hex(chain));
            endLine();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onDiscarded(final long count) {
        try {
            json.writeStartObject();
            json.writeStringField("type", "discarded");
            json.writeNumberField("requests", count);
            endLine();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onUnreadable(final long excerptIndex, final String reason) {
        noteUnreadable();
        try {
            json.writeStartObject();
            json.writeStringField("type", "unreadable");
            json.writeStringField("excerpt", "0x" + Long.toHexString(excerptIndex));
            json.writeStringField("reason", reason);
            endLine();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(final String name, final long value) {
        try {
            json.writeNumberField(name, value);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void wide(final String name, final BigInteger value) {
        try {
            json.writeFieldName(name);
            json.writeNumber(value);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flags(final String name, final List<String> names) {
        try {
            json.writeArrayFieldStart(name);
            for (final String flag : names) {
                json.writeString(flag);
            }
            json.writeEndArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the entry's object and its line. */
    private void endLine() throws IOException {
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    @Override
    void finish() throws IOException {
        json.close();
        out.flush();
    }
}
