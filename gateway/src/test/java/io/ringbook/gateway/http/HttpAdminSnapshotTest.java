package io.ringbook.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.state.Ledger;
import io.ringbook.gateway.http.HttpFixture.Reply;
import io.ringbook.journal.EntryVisitor;
import io.ringbook.journal.JournalReader;
import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/admin/snapshot} end to end over a real journal: the file it names exists and loads with the snapshot
 * module's loader (the one {@code ringbook-replay} uses), to the state hash the server had, at a journal index the
 * journal holds. Also that requests of zero events journal nothing.
 */
class HttpAdminSnapshotTest {
    @TempDir
    Path data;
    private HttpFixture http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void snapshotAnswersAFileThatLoadsToTheServersStateAtAJournaledIndex() throws IOException {
        http = HttpFixture.startWithManualClockAndJournal(data);
        seed();
        final long hash = http.stateHash();

        final Reply reply = http.post("/v1/admin/snapshot", "");
        assertEquals(200, reply.status(), reply.body());
        final JsonNode answer = reply.json();
        final long journalIndex = answer.get("journal_index").longValue();
        final Path file = http.store.config().snapshotDirectory().resolve(answer.get("file").asText());
        assertTrue(Files.isRegularFile(file), file + " should exist");
        assertEquals(Files.size(file), answer.get("bytes").longValue());
        assertEquals(String.format("%016x", hash), answer.get("state_hash").asText());
        assertEquals(2, answer.get("accounts").intValue());
        assertEquals(1, answer.get("transfers").intValue());

        final SnapshotInfo verified = SnapshotFile.verify(file);
        assertEquals(journalIndex, verified.journalIndex());
        final Ledger loaded = SnapshotFile.load(file, null);
        assertEquals(hash, loaded.stateHash(), "the loaded snapshot has the server's state");
        assertEquals(hash, http.stateHash(), "nothing changed since");
        assertEquals(List.of(journalIndex), journaledIndexes(journalIndex), "the journal holds the covered index");
        assertTrue(http.get("/metrics").body().contains(
            "ringbook_requests_total{protocol=\"http\",operation=\"snapshot\",outcome=\"ok\"} 1"));
    }

    @Test
    void emptyRequestsAnswerEmptyArraysAndJournalNothing() {
        http = HttpFixture.startWithManualClockAndJournal(data);
        seed();
        final JsonNode before = http.post("/v1/admin/snapshot", "{}").json();
        for (final String path : new String[] {"/v1/accounts", "/v1/transfers"}) {
            final Reply reply = http.post(path, "[]");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("[]", reply.body());
        }
        for (final String path : new String[] {"/v1/accounts/lookup", "/v1/transfers/lookup"}) {
            final Reply reply = http.post(path, "{\"ids\":[]}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("[]", reply.body());
        }
        final JsonNode after = http.post("/v1/admin/snapshot", "").json();
        assertEquals(before.get("journal_index"), after.get("journal_index"), "nothing was journaled");
        assertEquals(before.get("state_hash"), after.get("state_hash"));
    }

    @Test
    void concurrentSnapshotRequestsEachWaitForAWrittenSnapshot() {
        http = HttpFixture.startWithManualClockAndJournal(data);
        seed();
        final List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> http.post("/v1/admin/snapshot", "")));
        }
        for (final CompletableFuture<Reply> reply : replies) {
            final Reply answered = reply.join();
            assertEquals(200, answered.status(), answered.body());
            assertTrue(Files.isRegularFile(http.store.config().snapshotDirectory()
                .resolve(answered.json().get("file").asText())));
        }
    }

    @Test
    void snapshotRefusesABodyWithFields() {
        http = HttpFixture.startWithManualClockAndJournal(data);
        final Reply reply = http.post("/v1/admin/snapshot", "{\"now\":true}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("unknown_field", reply.error());
    }

    @Test
    void snapshotIsAConflictWithoutAJournal() {
        http = HttpFixture.startWithManualClock();
        final Reply reply = http.post("/v1/admin/snapshot", "");
        assertEquals(409, reply.status(), reply.body());
        assertEquals("snapshots_disabled", reply.error());
        assertTrue(reply.json().get("message").asText().contains("durability none"), reply.body());
    }

    /** Two accounts and a transfer between them, in two journaled requests. */
    private void seed() {
        final Reply accounts = http.post("/v1/accounts",
            "[{\"id\":1,\"ledger\":1,\"code\":10},{\"id\":2,\"ledger\":1,\"code\":10}]");
        assertEquals(200, accounts.status(), accounts.body());
        final Reply transfers = http.post("/v1/transfers", "[{\"id\":10,\"debit_account_id\":1,"
            + "\"credit_account_id\":2,\"amount\":5,\"ledger\":1,\"code\":1}]");
        assertEquals("created", transfers.json().get(0).get("status").asText(), transfers.body());
        assertNotEquals(0, http.stateHash());
    }

    /** The indexes of the journal's REQUEST entries from {@code index} on (read beside the live writer). */
    private List<Long> journaledIndexes(final long index) {
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(http.store.config().journalDirectory())) {
            reader.scan(index, Long.MAX_VALUE, new EntryVisitor() {
                @Override
                public void onRequest(final long at, final long requestId, final long arrivalNs,
                                      final CommandRequest request) {
                    indexes.add(at);
                }
            });
        }
        return indexes;
    }
}
