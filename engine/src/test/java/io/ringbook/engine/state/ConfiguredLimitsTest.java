package io.ringbook.engine.state;

import io.ringbook.model.CreateAccountResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CONFIGURE: the rules check the journaled limits, not the allocation; the limits are part of the state. */
class ConfiguredLimitsTest {

    @Test
    void shouldCheckTheConfiguredLimitNotTheAllocation() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 10);
        f.direct().configure(new LedgerConfig(10, 2, 10, 10));
        f.givenAccounts(1, 2);
        assertEquals(List.of(CREATED, CREATED, TRANSFERS_CAPACITY_EXCEEDED),
            f.createAll(transfer(1, 1, 2, 1), transfer(2, 1, 2, 1), transfer(3, 1, 2, 1)));
        assertFalse(f.transferExists(3));
        f.direct().configure(new LedgerConfig(10, 4, 10, 10));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 1)));
        assertEquals(new LedgerConfig(10, 4, 10, 10), f.direct().ledger().limits());
    }

    @Test
    void shouldCheckTheConfiguredAccountsLimit() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 10);
        f.direct().configure(new LedgerConfig(1, 10, 10, 10));
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED),
            f.createAccounts(account(1), account(2)));
    }

    @Test
    void shouldRefuseLimitsAboveTheAllocationOrBelowTheStoredRows() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 10);
        f.givenAccounts(1, 2, 3);
        final Ledger ledger = f.direct().ledger();
        assertTrue(ledger.checkLimits(new LedgerConfig(2, 10, 10, 10)).contains("cannot be lowered"));
        assertTrue(ledger.checkLimits(new LedgerConfig(10, 11, 10, 10)).contains("allocated capacity 10"));
        assertNull(ledger.checkLimits(new LedgerConfig(3, 1, 1, 1)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> f.direct().configure(new LedgerConfig(10, 11, 10, 10)));
        assertTrue(e.getMessage().contains("transfers limit 11"), e.getMessage());
        assertFalse(ledger.isConfigured());
    }

    @Test
    void shouldHashTheLimitsOnceConfigured() {
        final LedgerFixture a = LedgerFixture.withCapacities(10, 10, 10, 10);
        final LedgerFixture b = LedgerFixture.withCapacities(10, 20, 10, 10);
        assertEquals(a.direct().stateHash(), b.direct().stateHash(), "unconfigured: the allocation is not hashed");
        a.direct().configure(new LedgerConfig(10, 5, 10, 10));
        b.direct().configure(new LedgerConfig(10, 5, 10, 10));
        assertEquals(a.direct().stateHash(), b.direct().stateHash());
        b.direct().configure(new LedgerConfig(10, 6, 10, 10));
        assertNotEquals(a.direct().stateHash(), b.direct().stateHash());
    }

    @Test
    void shouldCarryTheLimitsThroughACut() throws IOException {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 10);
        f.direct().configure(new LedgerConfig(10, 1, 10, 10));
        f.givenAccounts(1, 2);
        assertEquals(CREATED, f.create(transfer(1, 1, 2, 1)));
        final Ledger ledger = f.direct().ledger();
        final long[][] words = new long[LedgerCut.Section.values().length][];
        final long hash;
        final LedgerCut.Header header;
        try (LedgerCut cut = f.direct().snapshotCut()) {
            header = cut.header();
            final List<long[]> chunks = new ArrayList<>();
            hash = cut.stream((section, data, rows) -> {
                final long[] copy = java.util.Arrays.copyOf(data, rows * section.stride());
                final long[] before = words[section.ordinal()] == null ? new long[0] : words[section.ordinal()];
                final long[] joined = java.util.Arrays.copyOf(before, before.length + copy.length);
                System.arraycopy(copy, 0, joined, before.length, copy.length);
                words[section.ordinal()] = joined;
                chunks.add(copy);
            });
        }
        assertEquals(ledger.stateHash(), hash);
        assertEquals(new LedgerConfig(10, 1, 10, 10), header.limits());
        final Ledger restored = Ledger.restore(new LedgerConfig(10, 20, 10, 10), header,
            (section, target, count) -> {
                final long[] source = words[section.ordinal()] == null ? new long[0] : words[section.ordinal()];
                System.arraycopy(source, 0, target, 0, count);
            });
        assertEquals(ledger.stateHash(), restored.stateHash());
        assertEquals(new LedgerConfig(10, 1, 10, 10), restored.limits());
    }
}
