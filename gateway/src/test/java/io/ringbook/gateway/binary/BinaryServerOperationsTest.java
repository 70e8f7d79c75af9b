package io.ringbook.gateway.binary;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation end to end through a real server, compared answer by answer with a twin engine driven through
 * {@link Ringbook}'s own API: both get the same requests in the same order and the same fixed arrival time, so every
 * result, timestamp and row must be equal.
 */
class BinaryServerOperationsTest {
    private static final long ARRIVAL_NS = 1_700_000_000_000_000_000L;
    private static final int LEDGER = 1;
    private static final int OTHER_LEDGER = 2;

    private ServerFixture fixture;
    private Ringbook twin;
    private WireClient client;
    private long nextRequestId = 1;

    @BeforeEach
    void start() {
        final EngineConfig config = EngineConfig.defaults().withClock(() -> ARRIVAL_NS);
        fixture = ServerFixture.start(config, GatewayConfig.ephemeral());
        twin = Ringbook.start(config);
        client = fixture.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
        twin.close();
    }

    @Test
    void shouldAnswerEveryOperationLikeTheEmbeddedApi() {
        final Set<Long> accountResults = createAccounts(accounts());
        assertTrue(accountResults.containsAll(codes(CreateAccountResult.CREATED, CreateAccountResult.EXISTS,
            CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO,
            CreateAccountResult.ID_MUST_NOT_BE_ZERO, CreateAccountResult.CODE_MUST_NOT_BE_ZERO)), "" + accountResults);
        assertTrue(createAccounts(List.of(Account.of(1, LEDGER, 10, 0).withUserData(5, 5, 5, 5)))
            .contains((long) CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128.code()));

        final Set<Long> transferResults = createTransfers(transfers());
        assertTrue(transferResults.containsAll(codes(CreateTransferResult.CREATED, CreateTransferResult.EXISTS,
            CreateTransferResult.EXCEEDS_CREDITS, CreateTransferResult.LINKED_EVENT_FAILED,
            CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT,
            CreateTransferResult.ID_MUST_NOT_BE_ZERO)), "" + transferResults);

        final List<Account> found = lookupAccounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 42, 0, 1);
        assertEquals(List.of(1L, 2L, 3L, 4L, 8L, 9L, 1L), found.stream().map(Account::id).toList());
        final List<Transfer> transfers = lookupTransfers(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
            112, 113, 999, 0);
        assertTrue(transfers.stream().anyMatch(t -> t.reversedAmount() > 0), "a reversed transfer shows it");
        lookupAccounts(42);

        final long middle = transfers.get(transfers.size() / 2).timestamp();
        for (final AccountFilter filter : List.of(AccountFilter.of(1, 100), AccountFilter.of(3, 100)
                .withFlags(AccountFilter.CREDITS), AccountFilter.of(1, 2).withFlags(AccountFilter.ALL),
            AccountFilter.of(2, 100).withTimestampRange(middle, 0), AccountFilter.of(1, 0),
            AccountFilter.of(0, 10))) {
            accountTransfers(filter);
        }
        assertFalse(accountBalances(AccountFilter.of(2, 100)).isEmpty(), "account 2 keeps history");
        accountBalances(AccountFilter.of(3, 2).withFlags(AccountFilter.ALL));
        accountBalances(AccountFilter.of(1, 100));

        for (final QueryFilter filter : List.of(QueryFilter.of(LEDGER, 0, 100), QueryFilter.of(LEDGER, 10, 100),
            QueryFilter.of(OTHER_LEDGER, 0, 100), QueryFilter.of(LEDGER, 0, 3).withFlags(QueryFilter.REVERSED),
            new QueryFilter(-1, 0x0123456789ABCDEFL, 0, 0, 0, 0, 0, 0, 100, 0))) {
            queryAccounts(filter);
        }
        for (final QueryFilter filter : List.of(QueryFilter.of(LEDGER, 0, 100), QueryFilter.of(LEDGER, 0xFFFF, 10),
            QueryFilter.of(LEDGER, 0, 4).withFlags(QueryFilter.REVERSED), QueryFilter.of(OTHER_LEDGER, 0, 100))) {
            queryTransfers(filter);
        }
        assertEquals(3, ledgerTotals(LEDGER).size(), "codes 10, 20 and 65535");
        ledgerTotals(OTHER_LEDGER);
        assertTrue(ledgerTotals(3).isEmpty());
        assertEquals(get(twin.stateHash()), stateHash());
    }

    @Test
    void shouldSumLedgerTotalsBeyondSixtyFourBits() {
        final long amount = Long.MAX_VALUE - 1;
        createAccounts(List.of(Account.of(1, LEDGER, 1, 0), Account.of(2, LEDGER, 1, 0), Account.of(3, LEDGER, 1, 0),
            Account.of(11, LEDGER, 2, 0), Account.of(12, LEDGER, 2, 0), Account.of(13, LEDGER, 2, 0)));
        final List<Transfer> transfers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            transfers.add(transfer(200 + i, i, 10 + i, amount).build());
        }
        assertEquals(Set.of((long) CreateTransferResult.CREATED.code()), createTransfers(transfers));
        final List<CodeTotals> totals = ledgerTotals(LEDGER);
        final BigInteger expected = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(3));
        assertEquals(expected, totals.get(0).debitsPosted());
        assertEquals(expected, totals.get(1).creditsPosted());
        assertTrue(expected.bitLength() > 64, "the sums need the high word");
    }

    @Test
    void shouldSpeakTheExampleOfTheProtocolPageByteForByte() {
        createAccounts(List.of(Account.of(1, LEDGER, 1, 0), Account.of(2, LEDGER, 1, 0)));
        final byte[] request = Frames.createTransfers(7, List.of(transfer(1, 1, 2, 10).build()));
        assertEquals(4 + 16 + 112, request.length);
        assertArrayEquals(bytes("80 00 00 00 01 02 00 00 01 00 00 00 07 00 00 00 00 00 00 00"),
            Arrays.copyOf(request, 20));

        client.send(request);
        final byte[] reply = client.readFrame();
        assertEquals(4 + 16 + 16, reply.length);
        assertArrayEquals(bytes("20 00 00 00 01 02 00 00 01 00 00 00 07 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00"), Arrays.copyOf(reply, 28));
        final long timestamp = Frames.parse(Arrays.copyOfRange(reply, 4, reply.length)).createResults().get(0)[1];
        final Transfer created = client.call(Frames.lookup(Frames.LOOKUP_TRANSFERS, 8, 1)).transfers().get(0);
        assertEquals(created.timestamp(), timestamp);
        assertTrue(timestamp >= ARRIVAL_NS);
    }

    @Test
    void shouldCountRequestsAndCreateResultsInTheMetrics() {
        createAccounts(List.of(Account.of(1, LEDGER, 1, 0), Account.of(2, LEDGER, 1, 0), Account.of(3, LEDGER, 1, 0)));
        createAccounts(List.of(Account.of(1, LEDGER, 1, 0), Account.of(2, LEDGER, 1, 0)));
        assertEquals(Frames.UNSUPPORTED_VERSION,
            client.call(Frames.request(9, Frames.CREATE_ACCOUNTS, 0, 1, new byte[0])).error());
        assertEquals(Frames.INVALID_COUNT,
            client.call(Frames.request(1, Frames.CREATE_ACCOUNTS, 8191, 2, new byte[0])).error());

        final String metrics = fixture.metrics.render();
        assertLine(metrics,
            "ringbook_requests_total{protocol=\"binary\",operation=\"create_accounts\",outcome=\"ok\"} 2");
        assertLine(metrics,
            "ringbook_requests_total{protocol=\"binary\",operation=\"create_accounts\",outcome=\"invalid\"} 2");
        assertLine(metrics, "ringbook_create_results_total{operation=\"create_accounts\",result=\"created\"} 3");
        assertLine(metrics, "ringbook_create_results_total{operation=\"create_accounts\",result=\"exists\"} 2");
        assertLine(metrics,
            "ringbook_request_latency_seconds_count{protocol=\"binary\",operation=\"create_accounts\"} 2");
    }

    private static List<Account> accounts() {
        return List.of(
            Account.of(1, LEDGER, 10, 0).withUserData(-1, 0x0123456789ABCDEFL, -2, -1),
            Account.of(2, LEDGER, 10, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.HISTORY),
            Account.of(3, LEDGER, 20, AccountFlags.HISTORY),
            Account.of(4, LEDGER, 0xFFFF, 0),
            Account.of(5, LEDGER, 10, AccountFlags.LINKED),
            Account.of(6, 0, 10, 0),
            Account.of(0, LEDGER, 10, 0),
            Account.of(7, LEDGER, 0, 0),
            Account.of(1, LEDGER, 10, 0).withUserData(-1, 0x0123456789ABCDEFL, -2, -1),
            Account.of(8, OTHER_LEDGER, 30, 0),
            Account.of(9, OTHER_LEDGER, 31, 0));
    }

    private static List<Transfer> transfers() {
        return List.of(
            transfer(100, 1, 3, 500).build(),
            transfer(101, 2, 3, 10).build(),
            transfer(102, 3, 2, 300).build(),
            transfer(103, 2, 1, 100).flags(TransferFlags.PENDING).timeout(3600).build(),
            transfer(104, 2, 1, 60).pendingId(103).flags(TransferFlags.POST_PENDING_TRANSFER).build(),
            transfer(105, 2, 1, 50).flags(TransferFlags.PENDING).build(),
            transfer(106, 2, 1, 50).pendingId(105).flags(TransferFlags.VOID_PENDING_TRANSFER).build(),
            transfer(107, 1, 3, 50).flags(TransferFlags.LINKED).build(),
            transfer(108, 99, 3, 50).build(),
            transfer(109, 3, 1, 200).reversesId(100).build(),
            transfer(110, 3, 1, 400).reversesId(100).build(),
            transfer(111, 2, 3, 1_000_000).flags(TransferFlags.BALANCING_DEBIT).build(),
            transfer(112, 1, 4, 7).code(0xFFFF).userData128(-5, -6).userData64(-7).userData32(-8).build(),
            transfer(100, 1, 3, 500).build(),
            transfer(0, 1, 3, 500).build(),
            transfer(113, 8, 9, 5).ledger(OTHER_LEDGER).build());
    }

    private static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(LEDGER)
            .code(1);
    }

    /** Creates through both; asserts equal results; returns the set of statuses seen. */
    private Set<Long> createAccounts(final List<Account> accounts) {
        final Frames.Reply reply = call(Frames.createAccounts(nextRequestId, accounts));
        return compareResults(reply.createResults(), get(twin.createAccounts(accounts)));
    }

    private Set<Long> createTransfers(final List<Transfer> transfers) {
        final Frames.Reply reply = call(Frames.createTransfers(nextRequestId, transfers));
        return compareResults(reply.createResults(), get(twin.createTransfers(transfers)));
    }

    private static Set<Long> compareResults(final List<long[]> wire, final List<CreateResult> expected) {
        assertEquals(expected.size(), wire.size());
        final Set<Long> statuses = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).status(), wire.get(i)[0], "status of event " + i);
            assertEquals(expected.get(i).timestamp(), wire.get(i)[1], "timestamp of event " + i);
            statuses.add(wire.get(i)[0]);
        }
        return statuses;
    }

    private List<Account> lookupAccounts(final long... ids) {
        final List<Account> wire = call(Frames.lookup(Frames.LOOKUP_ACCOUNTS, nextRequestId, ids)).accounts();
        assertEquals(get(twin.lookupAccounts(ids)), wire);
        return wire;
    }

    private List<Transfer> lookupTransfers(final long... ids) {
        final List<Transfer> wire = call(Frames.lookup(Frames.LOOKUP_TRANSFERS, nextRequestId, ids)).transfers();
        assertEquals(get(twin.lookupTransfers(ids)), wire);
        return wire;
    }

    private void accountTransfers(final AccountFilter filter) {
        assertEquals(get(twin.getAccountTransfers(filter)),
            call(Frames.accountFilter(Frames.GET_ACCOUNT_TRANSFERS, nextRequestId, filter)).transfers(), "" + filter);
    }

    private List<AccountBalance> accountBalances(final AccountFilter filter) {
        final List<AccountBalance> wire =
            call(Frames.accountFilter(Frames.GET_ACCOUNT_BALANCES, nextRequestId, filter)).balances();
        assertEquals(get(twin.getAccountBalances(filter)), wire, "" + filter);
        return wire;
    }

    private void queryAccounts(final QueryFilter filter) {
        assertEquals(get(twin.queryAccounts(filter)),
            call(Frames.queryFilter(Frames.QUERY_ACCOUNTS, nextRequestId, filter)).accounts(), "" + filter);
    }

    private void queryTransfers(final QueryFilter filter) {
        assertEquals(get(twin.queryTransfers(filter)),
            call(Frames.queryFilter(Frames.QUERY_TRANSFERS, nextRequestId, filter)).transfers(), "" + filter);
    }

    private List<CodeTotals> ledgerTotals(final int ledger) {
        final List<CodeTotals> wire = call(Frames.ledgerTotals(nextRequestId, ledger)).codeTotals();
        assertEquals(get(twin.ledgerTotals(ledger)), wire);
        return wire;
    }

    private long stateHash() {
        return call(Frames.stateHash(nextRequestId)).stateHash();
    }

    /** Sends one request and checks the reply's header: same operation and request id, version 1, no error. */
    private Frames.Reply call(final byte[] frame) {
        final long requestId = nextRequestId++;
        final Frames.Reply reply = client.call(frame);
        assertEquals(0, reply.error(), () -> "error reply: " + reply.message());
        assertEquals(Frames.VERSION, reply.version());
        assertEquals(frame[5], (byte) reply.operation());
        assertEquals(requestId, reply.requestId());
        return reply;
    }

    private static <T> T get(final CompletableFuture<T> future) {
        try {
            return future.get(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS);
        } catch (final Exception e) {
            throw new AssertionError("embedded request failed", e);
        }
    }

    private static Set<Long> codes(final Enum<?>... results) {
        final Set<Long> codes = new HashSet<>();
        for (final Enum<?> result : results) {
            codes.add((long) (result instanceof CreateAccountResult
                ? ((CreateAccountResult) result).code() : ((CreateTransferResult) result).code()));
        }
        return codes;
    }

    private static byte[] bytes(final String hex) {
        final String[] parts = hex.trim().split("\\s+");
        final byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static void assertLine(final String metrics, final String line) {
        assertTrue(metrics.lines().anyMatch(line::equals), () -> "no line " + line + " in\n" + metrics);
    }
}
