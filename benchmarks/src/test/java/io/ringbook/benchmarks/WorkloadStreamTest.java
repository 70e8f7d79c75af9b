package io.ringbook.benchmarks;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Limits;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standard workloads: determinism, the promised distributions, and a ~1% rejection rate on a real ledger. */
class WorkloadStreamTest {
    private static final long SEED = 7;
    private static final int ACCOUNTS = 10_000;
    private static final int EVENTS = 200_000;

    private static WorkloadStream small(final Workload workload, final long seed) {
        return workload.stream(seed, ACCOUNTS, EVENTS);
    }

    @Test
    void shouldDrawTheSameSequenceAsSplittableRandom() {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 1000; i++) {
            assertEquals(random.nextLong(), WorkloadStream.draw(SEED, i), "draw " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void shouldGiveTheSameStreamForTheSameSeed(final Workload workload) {
        final WorkloadStream first = small(workload, SEED);
        final WorkloadStream second = small(workload, SEED);
        final WorkloadStream other = small(workload, SEED + 1);
        assertEquals(first.accounts(), second.accounts());
        assertEquals(first.fundingTransfers(), second.fundingTransfers());
        assertEquals(first.transfers(0, 20_000), second.transfers(0, 20_000));
        assertNotEquals(first.transfers(0, 20_000), other.transfers(0, 20_000));
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void shouldFillEveryFieldWhateverTheSlotHeldBefore(final Workload workload) {
        final WorkloadStream stream = small(workload, SEED);
        final Command dirty = new Command();
        final Command clean = new Command();
        for (long event = 0; event < 20_000; event += 97) {
            stream.fill(dirty, event + 1);
            dirty.status = 54;
            dirty.timeout = 9;
            dirty.userData64 = -1;
            stream.fill(dirty, event);
            stream.fill(clean, event);
            assertEquals(transferOf(clean), transferOf(dirty));
            assertEquals(0, dirty.status);
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void shouldWriteTheSameEventsFromThePregeneratedTable(final Workload workload) {
        final WorkloadStream stream = workload.stream(SEED, ACCOUNTS, 30_000);
        final EventTable table = EventTable.of(stream);
        final Command fromStream = new Command();
        final Command fromTable = new Command();
        for (int event = 0; event < table.size(); event++) {
            stream.writeEvent(fromStream, event);
            table.write(fromTable, event);
            assertEquals(transferOf(fromStream), transferOf(fromTable), "event " + event);
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void shouldDrawDistinctAccountsSequentialIdsAndAmountsInRange(final Workload workload) {
        final List<Transfer> transfers = small(workload, SEED).transfers(0, EVENTS);
        long sum = 0;
        long amounts = 0;
        for (int i = 0; i < transfers.size(); i++) {
            final Transfer t = transfers.get(i);
            assertEquals(i + 1, t.id());
            assertNotEquals(t.debitAccountId(), t.creditAccountId());
            assertTrue(t.debitAccountId() >= 1 && t.debitAccountId() <= ACCOUNTS, "debit account " + t);
            assertTrue(t.creditAccountId() >= 1 && t.creditAccountId() <= ACCOUNTS, "credit account " + t);
            if (!t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER)) {
                assertTrue(t.amount() >= 1 && t.amount() <= WorkloadStream.AMOUNT_MAX, "amount " + t);
                sum += t.amount();
                amounts++;
            }
        }
        assertEquals(500.5, (double) sum / amounts, 5.0);
    }

    @Test
    void shouldMakeTheHotAccountTheDebitSideOfTenPercent() {
        final WorkloadStream stream = small(Workload.HOT_10PCT, SEED);
        final long hot = WorkloadStream.accountId(stream.hotAccount());
        int hotDebits = 0;
        int hotCredits = 0;
        for (final Transfer t : stream.transfers(0, EVENTS)) {
            hotDebits += t.debitAccountId() == hot ? 1 : 0;
            hotCredits += t.creditAccountId() == hot ? 1 : 0;
        }
        assertEquals(0.10, hotDebits / (double) EVENTS, 0.005);
        assertEquals(1.0 / ACCOUNTS, hotCredits / (double) EVENTS, 0.5 / ACCOUNTS);
        assertTrue(stream.seedCredit(stream.hotAccount()) > 0.1 * EVENTS * 500,
            "the hot account is funded for its expected outflow");
    }

    @Test
    void shouldSkewBothSidesOfZipfAlike() {
        final WorkloadStream stream = small(Workload.ZIPF, SEED);
        final Map<Long, Integer> debits = new HashMap<>();
        final Map<Long, Integer> credits = new HashMap<>();
        for (final Transfer t : stream.transfers(0, EVENTS)) {
            debits.merge(t.debitAccountId(), 1, Integer::sum);
            credits.merge(t.creditAccountId(), 1, Integer::sum);
        }
        double harmonic = 0;
        for (int k = 1; k <= ACCOUNTS; k++) {
            harmonic += 1.0 / k;
        }
        final long top = debits.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals(1 / harmonic, debits.get(top) / (double) EVENTS, 0.005, "rank 1 share, s = 1");
        assertEquals(debits.get(top), credits.get(top), 0.1 * debits.get(top), "the same ranking on both sides");
        assertNotEquals(1L, top, "ranks are spread over the ids");
    }

    @Test
    void shouldResolveEveryPendingTransferOnceInALaterRequestEightyTwenty() {
        final WorkloadStream stream = small(Workload.TWO_PHASE, SEED);
        final List<Transfer> transfers = stream.transfers(0, EVENTS);
        final int[] resolutions = new int[EVENTS + 1];
        int posts = 0;
        int voids = 0;
        for (int e = 0; e < EVENTS; e++) {
            final Transfer t = transfers.get(e);
            if (t.hasFlag(TransferFlags.PENDING)) {
                assertTrue(WorkloadStream.isPending(e));
                continue;
            }
            final Transfer pending = transfers.get((int) t.pendingId() - 1);
            assertTrue(pending.hasFlag(TransferFlags.PENDING), "resolves a pending transfer: " + t);
            assertTrue((t.pendingId() - 1) / 8190 < e / 8190, "resolved in a later request of 8190");
            assertEquals(pending.debitAccountId(), t.debitAccountId());
            assertEquals(pending.creditAccountId(), t.creditAccountId());
            resolutions[(int) t.pendingId()]++;
            if (t.hasFlag(TransferFlags.POST_PENDING_TRANSFER)) {
                assertEquals(pending.amount(), t.amount());
                posts++;
            } else {
                assertTrue(t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER));
                voids++;
            }
        }
        for (int e = 0; e + WorkloadStream.TWO_PHASE_LAG < EVENTS; e++) {
            if (WorkloadStream.isPending(e)) {
                assertEquals(1, resolutions[e + 1], "pending event " + e + " resolved once");
            }
        }
        assertEquals(0.8, posts / (double) (posts + voids), 0.01);
        assertEquals(WorkloadStream.pendingEvents(EVENTS), EVENTS - posts - voids);
    }

    @Test
    void shouldFormWholeLinkedChainsOfFour() {
        final List<Transfer> transfers = small(Workload.LINKED_4, SEED).transfers(0, EVENTS);
        for (int e = 0; e < EVENTS; e++) {
            assertEquals(e % 4 != 3, transfers.get(e).hasFlag(TransferFlags.LINKED), "event " + e);
        }
        assertEquals(8188, Workload.LINKED_4.batchSizeFor(8190));
        assertEquals(4, Workload.LINKED_4.batchSizeFor(1));
        assertEquals(8190, Workload.UNIFORM_10K.batchSizeFor(8190));
        final List<Transfer> odd = Workload.LINKED_4.stream(SEED, ACCOUNTS, 10).transfers(0, 10);
        assertFalse(odd.get(9).hasFlag(TransferFlags.LINKED), "the stream never ends with an open chain");
    }

    @Test
    void shouldFindWorkloadsByTheirStandardNames() {
        for (final Workload workload : Workload.values()) {
            assertEquals(workload, Workload.of(workload.id()));
        }
        assertEquals(Workload.HOT_10PCT, Workload.of("hot-10pct"));
        assertEquals(100_000, Workload.ZIPF.accounts());
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void shouldRejectAboutOnePercentThroughDirectLedgerAndKeepInvariants(final Workload workload) {
        final WorkloadStream stream = small(workload, SEED);
        final DirectLedger direct = new DirectLedger(new Ledger(LedgerConfig.of(ACCOUNTS + 1, 2 * EVENTS)));
        final List<Account> accounts = stream.accounts();
        for (int first = 0; first < accounts.size(); first += Limits.REQUEST_SIZE_MAX) {
            final int size = Math.min(Limits.REQUEST_SIZE_MAX, accounts.size() - first);
            assertTrue(direct.createAccounts(accounts.subList(first, first + size), 0).stream()
                .allMatch(r -> r.status() == 0));
        }
        final List<Transfer> funding = stream.fundingTransfers();
        for (int first = 0; first < funding.size(); first += Limits.REQUEST_SIZE_MAX) {
            final int size = Math.min(Limits.REQUEST_SIZE_MAX, funding.size() - first);
            assertTrue(direct.createTransfers(funding.subList(first, first + size), 0).stream()
                .allMatch(r -> r.status() == 0));
        }
        final int batch = workload.batchSizeFor(Limits.REQUEST_SIZE_MAX);
        final Map<Integer, Integer> statuses = new HashMap<>();
        for (int first = 0; first < EVENTS; first += batch) {
            final int size = Math.min(batch, EVENTS - first);
            for (final CreateResult result : direct.createTransfers(stream.transfers(first, size), 0)) {
                statuses.merge(result.status(), 1, Integer::sum);
            }
        }
        direct.ledger().checkInvariants();
        final int rejected = EVENTS - statuses.getOrDefault(0, 0);
        final double share = rejected / (double) EVENTS;
        assertTrue(share > 0.003 && share < 0.03, workload + ": rejected share " + share + " " + statuses);
        assertTrue(statuses.get(CreateTransferResult.EXCEEDS_CREDITS.code()) > 0);
        statuses.keySet().removeAll(List.of(CreateTransferResult.CREATED.code(),
            CreateTransferResult.EXCEEDS_CREDITS.code(), CreateTransferResult.LINKED_EVENT_FAILED.code(),
            CreateTransferResult.PENDING_TRANSFER_NOT_FOUND.code()));
        assertEquals(Map.of(), statuses, workload + ": only exceeds_credits and its consequences");
    }

    private static Transfer transferOf(final Command slot) {
        return new Transfer(slot.id, slot.debitAccountId, slot.creditAccountId, slot.amount, slot.pendingId,
            slot.reversesId, slot.userData128Hi, slot.userData128Lo, slot.userData64, slot.userData32, slot.timeout,
            slot.ledger, slot.code, slot.flags, slot.timestamp, slot.reversedAmount);
    }
}
