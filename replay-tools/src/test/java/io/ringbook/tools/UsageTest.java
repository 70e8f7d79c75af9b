package io.ringbook.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageTest {
    @Test
    void noSubcommandIsAUsageError() {
        assertTrue(Cli.expect(ReplayTool.USAGE).err().contains("a subcommand is required"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertTrue(Cli.expect(ReplayTool.USAGE, "verify", "--frobnicate").err().contains("--frobnicate"));
    }

    @Test
    void missingDataDirectoryIsAUsageErrorThatNamesIt(@TempDir final Path temp) {
        final Path missing = temp.resolve("nothing-here");
        final String err = Cli.expect(ReplayTool.USAGE, "verify", "--data", missing.toString()).err();
        assertTrue(err.contains("no journal directory at " + missing.resolve("journal")), err);
    }

    @Test
    void versionIsPrinted() {
        assertTrue(Cli.expect(ReplayTool.OK, "--version").out().startsWith("ringbook-replay "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebuild", "verify", "dump", "export", "at"})
    void everySubcommandHasHelpWithTheExitCodes(final String subcommand) {
        final String out = Cli.expect(ReplayTool.OK, subcommand, "--help").out();
        assertTrue(out.contains("Usage: ringbook-replay " + subcommand), out);
        assertTrue(out.contains("Exit codes:") && out.contains("verification failed or corruption found")
            && out.contains("usage error") && out.contains("I/O or other error"), out);
        assertTrue(out.contains("--data=DIR"), out);
    }
}
