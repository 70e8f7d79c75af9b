package io.ringbook.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringbook.client.ClientConfig;
import io.ringbook.client.RingbookClient;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the load goes: the binary protocol through {@link RingbookClient}s, or the HTTP/JSON API. */
abstract class LoadTarget implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Opens the connections. Over the binary protocol the measured clients carry at most {@code requestSize} events
     * per request, so the client's batching never merges the generator's requests into larger ones.
     */
    static LoadTarget open(final LoadGenerator settings, final String host, final int port, final int httpPort,
                           final int requestSize) {
        switch (settings.protocol) {
            case "binary":
                return new Binary(settings.connections, ClientConfig.of(host, port), requestSize);
            case "http":
                return new Http(host, httpPort, settings.connections);
            default:
                throw new IllegalArgumentException("--protocol must be binary or http: " + settings.protocol);
        }
    }

    abstract int connections();

    /** Creates accounts (set-up, up to a full request per call); completes with the number created. */
    abstract CompletableFuture<Integer> createAccounts(List<Account> accounts);

    /** Creates transfers for the set-up (up to a full request per call); completes with the number created. */
    abstract CompletableFuture<Integer> createTransfers(List<Transfer> transfers);

    /** Creates transfers over one connection; completes with the number created (status {@code created}). */
    abstract CompletableFuture<Integer> createTransfers(int connection, List<Transfer> transfers);

    @Override
    public abstract void close();

    private static int created(final List<CreateResult> results) {
        int created = 0;
        for (final CreateResult result : results) {
            if (result.status() == 0) {
                created++;
            }
        }
        return created;
    }

    /** One {@link RingbookClient} (one TCP connection) per connection, and one more for the set-up. */
    private static final class Binary extends LoadTarget {
        private final RingbookClient setup;
        private final List<RingbookClient> clients = new ArrayList<>();

        Binary(final int connections, final ClientConfig config, final int requestSize) {
            setup = RingbookClient.connect(config);
            for (int i = 0; i < connections; i++) {
                clients.add(RingbookClient.connect(config.withBatchMax(requestSize)));
            }
        }

        @Override
        int connections() {
            return clients.size();
        }

        @Override
        CompletableFuture<Integer> createAccounts(final List<Account> accounts) {
            return setup.createAccounts(accounts).thenApply(LoadTarget::created);
        }

        @Override
        CompletableFuture<Integer> createTransfers(final List<Transfer> transfers) {
            return setup.createTransfers(transfers).thenApply(LoadTarget::created);
        }

        @Override
        CompletableFuture<Integer> createTransfers(final int connection, final List<Transfer> transfers) {
            return clients.get(connection).createTransfers(transfers).thenApply(LoadTarget::created);
        }

        @Override
        public void close() {
            clients.forEach(RingbookClient::close);
            setup.close();
        }
    }

    /** JSON over HTTP/1.1; the JDK client opens as many connections as requests are outstanding. */
    private static final class Http extends LoadTarget {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI accounts;
        private final URI transfers;
        private final int connections;

        Http(final String host, final int port, final int connections) {
            final String base = "http://" + host + ":" + port + "/v1/";
            accounts = URI.create(base + "accounts");
            transfers = URI.create(base + "transfers");
            this.connections = connections;
        }

        @Override
        int connections() {
            return connections;
        }

        @Override
        CompletableFuture<Integer> createAccounts(final List<Account> list) {
            return post(accounts, json(generator -> {
                for (final Account a : list) {
                    generator.writeStartObject();
                    generator.writeNumberField("id", a.id());
                    generator.writeNumberField("ledger", a.ledger());
                    generator.writeNumberField("code", a.code());
                    flags(generator, a.flags(), AccountFlags.NAMES);
                    generator.writeEndObject();
                }
            }));
        }

        @Override
        CompletableFuture<Integer> createTransfers(final List<Transfer> list) {
            return createTransfers(0, list);
        }

        @Override
        CompletableFuture<Integer> createTransfers(final int connection, final List<Transfer> list) {
            return post(transfers, json(generator -> {
                for (final Transfer t : list) {
                    generator.writeStartObject();
                    generator.writeNumberField("id", t.id());
                    generator.writeNumberField("debit_account_id", t.debitAccountId());
                    generator.writeNumberField("credit_account_id", t.creditAccountId());
                    generator.writeNumberField("amount", t.amount());
                    if (t.pendingId() != 0) {
                        generator.writeNumberField("pending_id", t.pendingId());
                    }
                    if (t.timeout() != 0) {
                        generator.writeNumberField("timeout", Integer.toUnsignedLong(t.timeout()));
                    }
                    generator.writeNumberField("ledger", t.ledger());
                    generator.writeNumberField("code", t.code());
                    flags(generator, t.flags(), TransferFlags.NAMES);
                    generator.writeEndObject();
                }
            }));
        }

        private CompletableFuture<Integer> post(final URI uri, final byte[] body) {
            final HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                return countCreated(response.body());
            });
        }

        private static int countCreated(final byte[] body) {
            int created = 0;
            try (JsonParser parser = JSON.createParser(body)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    if (token == JsonToken.FIELD_NAME && "status".equals(parser.currentName())) {
                        parser.nextToken();
                        if ("created".equals(parser.getText())) {
                            created++;
                        }
                    }
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return created;
        }

        private static void flags(final JsonGenerator generator, final int flags, final String[] names)
            throws IOException {
            generator.writeArrayFieldStart("flags");
            for (int bit = 0; bit < names.length; bit++) {
                if ((flags & 1 << bit) != 0) {
                    generator.writeString(names[bit]);
                }
            }
            generator.writeEndArray();
        }

        private static byte[] json(final Body body) {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator generator = JSON.createGenerator(bytes)) {
                generator.writeStartArray();
                body.write(generator);
                generator.writeEndArray();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public void close() {
            // The JDK 17 HttpClient has no close(); its threads are daemons.
        }

        @FunctionalInterface
        private interface Body {
            void write(JsonGenerator generator) throws IOException;
        }
    }
}
