package io.ringbook.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The facts every figure states: CPU, cores, memory, OS, JDK, date. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe() {
        final ObjectNode machine = new ObjectMapper().createObjectNode();
        machine.put("cpu", procField("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        final String memory = procField("/proc/meminfo", "MemTotal");
        machine.put("memory_gib", memory.isEmpty() ? 0
            : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return machine;
    }

    /** The value of the first "name : value" line of a /proc file, or empty. */
    private static String procField(final String file, final String name) {
        try {
            for (final String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (final IOException e) {
            return "";
        }
        return "";
    }
}
