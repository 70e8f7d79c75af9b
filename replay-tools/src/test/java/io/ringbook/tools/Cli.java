package io.ringbook.tools;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the tool in-process, as {@code ringbook-replay} would, capturing stdout and stderr. */
final class Cli {
    /** Golden files live here; {@code -Dringbook.golden.update=true} rewrites them from the current output. */
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    private Cli() {
    }

    /**
     * What one run printed and returned.
     *
     * @param exitCode the exit code
     * @param out      stdout
     * @param err      stderr
     */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = ReplayTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs and asserts the exit code, showing everything printed when it differs. */
    static Result expect(final int exitCode, final String... args) {
        final Result result = run(args);
        assertEquals(exitCode, result.exitCode(), () -> String.join(" ", args) + "\n" + result);
        return result;
    }

    /** Compares {@code actual} with the golden file {@code name} (or rewrites it when asked to). */
    static void assertGolden(final String name, final String actual) {
        final Path file = GOLDEN.resolve(name);
        try {
            if (Boolean.getBoolean("ringbook.golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
