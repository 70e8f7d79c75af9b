package io.ringbook.engine.state;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capacity is a limit, not an allocation: a ledger holds memory for the rows it stores, not for its capacities. */
class LedgerMemoryTest {
    /** The server's default capacities: 1M accounts, 10M transfers, 1.25M failed ids, 2.5M history rows. */
    private static final LedgerConfig DEFAULTS = LedgerConfig.of(1_000_000, 10_000_000);
    private static final long MB = 1 << 20;
    /** More than one page of rows in every table that grows here. */
    private static final int ACCOUNTS = Records.PAGE_ROWS + 3_000;
    private static final int TRANSFERS = 2 * Records.PAGE_ROWS + 1_000;
    private static final int BATCH = 8_000;

    private static void fill(final DirectLedger ledger) {
        final List<Account> accounts = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            accounts.add(account(i, i % 10 == 0 ? AccountFlags.HISTORY : 0));
            if (accounts.size() == BATCH || i == ACCOUNTS) {
                ledger.createAccounts(accounts, 0);
                accounts.clear();
            }
        }
        final List<Transfer> transfers = new ArrayList<>();
        for (int i = 1; i <= TRANSFERS; i++) {
            final Transfer.Builder builder = transfer(i, i % ACCOUNTS + 1, (i + 1) % ACCOUNTS + 1, 10);
            transfers.add((i % 3 == 0 ? builder.flags(TransferFlags.PENDING).timeout(3600) : builder).build());
            if (transfers.size() == BATCH || i == TRANSFERS) {
                ledger.createTransfers(transfers, 0);
                transfers.clear();
            }
        }
    }

    @Test
    void shouldHoldLittleWhenEmptyWithTheDefaultCapacities() {
        final Ledger ledger = new Ledger(DEFAULTS);
        assertTrue(ledger.bytesHeld() < MB, "empty ledger holds " + ledger.bytesHeld());
        assertTrue(ledger.accountBytes() + ledger.transferBytes() <= ledger.bytesHeld());
        assertTrue(Ledger.bytesAtCapacity(DEFAULTS) > 1_500 * MB,
            "full size " + Ledger.bytesAtCapacity(DEFAULTS));
        assertEquals(DEFAULTS, ledger.config());
    }

    @Test
    void shouldGrowWithTheRowsStoredAndHashLikeASmallLedger() {
        final DirectLedger large = new DirectLedger(DEFAULTS);
        final long empty = large.ledger().bytesHeld();
        fill(large);
        final Ledger ledger = large.ledger();
        assertEquals(ACCOUNTS, ledger.accountCount());
        assertEquals(TRANSFERS, ledger.transferCount());
        final long rowBytes = (ACCOUNTS * (long) Layout.ACCOUNT_STRIDE + TRANSFERS * (long) Layout.TRANSFER_STRIDE)
            * Long.BYTES;
        assertTrue(ledger.bytesHeld() >= empty + rowBytes, "held " + ledger.bytesHeld());
        assertTrue(ledger.bytesHeld() < 3 * rowBytes + 8 * MB, "held " + ledger.bytesHeld());
        final DirectLedger small = new DirectLedger(new LedgerConfig(ACCOUNTS, TRANSFERS, 10, TRANSFERS));
        fill(small);
        assertEquals(small.stateHash(), large.stateHash());
        assertEquals(List.of((long) ACCOUNTS), LedgerFixture.accountIds(large.lookupAccounts(ACCOUNTS)));
        assertEquals(TRANSFERS, large.lookupTransfers(TRANSFERS).get(0).id());
        ledger.checkInvariants();
    }

    @Test
    void shouldHoldTheFullSizeOnceAskedToPreallocate() {
        final LedgerConfig config = new LedgerConfig(1_000, 3 * Records.PAGE_ROWS + 5, 2_000, 3_000);
        final DirectLedger ledger = new DirectLedger(config);
        ledger.ledger().preallocate();
        assertEquals(Ledger.bytesAtCapacity(config), ledger.ledger().bytesHeld());
        final DirectLedger growing = new DirectLedger(config);
        assertTrue(growing.ledger().bytesHeld() < Ledger.bytesAtCapacity(config) / 10);
        ledger.createAccounts(List.of(account(1), account(2)), 0);
        growing.createAccounts(List.of(account(1), account(2)), 0);
        ledger.createTransfers(List.of(transfer(1, 1, 2, 5).build()), 0);
        growing.createTransfers(List.of(transfer(1, 1, 2, 5).build()), 0);
        assertEquals(growing.stateHash(), ledger.stateHash());
    }

    @Test
    void shouldRestoreASnapshotOfSeveralPagesIntoAnEqualLedger() throws IOException {
        final DirectLedger live = new DirectLedger(DEFAULTS);
        fill(live);
        final Map<LedgerCut.Section, long[]> words = new EnumMap<>(LedgerCut.Section.class);
        final long hash;
        final LedgerCut.Header header;
        try (LedgerCut cut = live.snapshotCut()) {
            header = cut.header();
            hash = cut.stream((section, data, rows) -> {
                final long[] before = words.getOrDefault(section, new long[0]);
                final long[] joined = java.util.Arrays.copyOf(before, before.length + rows * section.stride());
                System.arraycopy(data, 0, joined, before.length, rows * section.stride());
                words.put(section, joined);
            });
        }
        assertEquals(live.stateHash(), hash);
        final Ledger restored = Ledger.restore(DEFAULTS, header, (section, target, count) ->
            System.arraycopy(words.getOrDefault(section, new long[0]), 0, target, 0, count));
        assertEquals(hash, restored.stateHash());
        assertTrue(restored.bytesHeld() <= live.ledger().bytesHeld(),
            restored.bytesHeld() + " > " + live.ledger().bytesHeld());
        restored.checkInvariants();
        final DirectLedger again = new DirectLedger(restored);
        assertEquals(live.lookupTransfers(TRANSFERS), again.lookupTransfers(TRANSFERS));
    }
}
