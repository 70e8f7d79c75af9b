package io.ringbook.gateway;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.Durability;
import io.ringbook.model.Limits;
import io.ringbook.store.DataDirectoryInUseException;
import io.ringbook.store.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ringbook}: starts the server with embedded defaults; every setting is an option ({@code --help}). */
@Command(name = "ringbook", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Runs the Ringbook ledger server: binary protocol (docs/PROTOCOL.md) and HTTP/JSON API "
        + "(docs/HTTP.md) over a durable data directory. SIGTERM (Ctrl-C) stops it gracefully.")
public final class ServerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);
    /** Exit code when another process holds the data directory. */
    static final int DATA_DIRECTORY_IN_USE = 1;
    private static final ServerConfig DEFAULTS = ServerConfig.defaults(Path.of(StoreConfig.DATA_DIRECTORY_DEFAULT));

    @Option(names = "--data-dir", description = "Data directory (journal/ and snapshots/). Default: ${DEFAULT-VALUE}")
    private Path dataDirectory = DEFAULTS.store().dataDirectory();

    @Option(names = "--bind", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    private String bindAddress = DEFAULTS.gateway().bindAddress();

    @Option(names = "--port", description = "Binary protocol port. Default: ${DEFAULT-VALUE}")
    private int binaryPort = DEFAULTS.gateway().binaryPort();

    @Option(names = "--http-port", description = "HTTP/JSON port. Default: ${DEFAULT-VALUE}")
    private int httpPort = DEFAULTS.gateway().httpPort();

    @Option(names = "--durability", description = "none, process or fsync. Default: process",
        converter = DurabilityConverter.class)
    private Durability durability = DEFAULTS.store().durability();

    @Option(names = "--snapshot-every-events", description = "Snapshot after this many journaled events (0 = never by "
        + "count). Default: ${DEFAULT-VALUE}")
    private long snapshotEveryEvents = DEFAULTS.store().snapshotEveryEvents();

    @Option(names = "--snapshot-every-seconds", description = "And at least this often while anything changed (0 = "
        + "never by time). Default: ${DEFAULT-VALUE}")
    private long snapshotEverySeconds = DEFAULTS.store().snapshotEvery().toSeconds();

    @Option(names = "--snapshots-kept", description = "Newest snapshot files kept. Default: ${DEFAULT-VALUE}")
    private int snapshotsKept = DEFAULTS.store().snapshotsKept();

    @Option(names = "--accounts-capacity", description = "Most accounts. Default: ${DEFAULT-VALUE}")
    private int accountsCapacity = DEFAULTS.store().engine().ledgerConfig().accountsCapacity();

    @Option(names = "--transfers-capacity", description = "Most transfers. Default: ${DEFAULT-VALUE}")
    private int transfersCapacity = DEFAULTS.store().engine().ledgerConfig().transfersCapacity();

    @Option(names = "--ring-size", description = "Command ring slots (power of two). Default: ${DEFAULT-VALUE}")
    private int ringSize = DEFAULTS.store().engine().ringSize();

    @Option(names = "--batch-max", description = "Most events per request (1.." + Limits.REQUEST_SIZE_MAX
        + "). Default: ${DEFAULT-VALUE}")
    private int requestSizeMax = DEFAULTS.store().engine().requestSizeMax();

    @Option(names = "--query-scan-max", description = "Most rows one query examines before it answers with a "
        + "continuation, so no read holds the ledger thread long (docs/OPERATIONS.md). Default: ${DEFAULT-VALUE}")
    private int queryScanMax = DEFAULTS.store().engine().queryScanMax();

    @Option(names = "--wait-strategy", description = "BLOCKING, SLEEPING, YIELDING or BUSY_SPIN (dedicated cores "
        + "only). Default: ${DEFAULT-VALUE}")
    private EngineConfig.WaitStrategyType waitStrategy = DEFAULTS.store().engine().waitStrategy();

    @Option(names = "--frame-max", description = "Largest binary frame and HTTP body in bytes ("
        + GatewayConfig.FRAME_MAX_MIN + ".." + GatewayConfig.FRAME_MAX_LIMIT + "). "
        + "Default: ${DEFAULT-VALUE}")
    private int frameMaxBytes = DEFAULTS.gateway().frameMaxBytes();

    @Option(names = "--max-in-flight", description = "Unanswered requests per connection before the server stops "
        + "reading it. Default: ${DEFAULT-VALUE}")
    private int maxInFlight = DEFAULTS.gateway().maxInFlight();

    @Option(names = "--read-timeout-seconds", description = "Close a connection stuck mid-request this long. "
        + "Default: ${DEFAULT-VALUE}")
    private long readTimeoutSeconds = DEFAULTS.gateway().readTimeout().toSeconds();

    @Option(names = "--io-threads", description = "Netty I/O threads. Default: ${DEFAULT-VALUE}")
    private int ioThreads = DEFAULTS.gateway().ioThreads();

    @Option(names = "--clock", description = "wall, or manual (arrival times move only through POST "
        + "/v1/admin/clock: for testing timeouts). Default: wall")
    private ClockMode clock = ClockMode.WALL;

    @Option(names = "--pulse-every-ms", description = "Expire due pending transfers this often (wall clock). "
        + "Default: ${DEFAULT-VALUE}")
    private long pulseEveryMs = DEFAULTS.pulseEvery().toMillis();

    public static void main(final String[] args) {
        // Chronicle Queue: no phone-home, no banner, no disk-space monitor thread (DEPENDENCIES.md).
        for (final String quiet : new String[] {"analytics", "announcer", "disk.monitor"}) {
            if (System.getProperty("chronicle." + quiet + ".disable") == null) {
                System.setProperty("chronicle." + quiet + ".disable", "true");
            }
        }
        System.exit(commandLine(new ServerMain()).execute(args));
    }

    /** The command line around {@code main}: enum values in any case, a bad setting answered with its message. */
    static CommandLine commandLine(final ServerMain main) {
        return new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(ServerMain::badSetting);
    }

    @Override
    public Integer call() throws InterruptedException {
        final ServerConfig config = config();
        LOG.info("starting with " + describe(config));
        final String heap = Ledger.heapWarning(config.store().engine().ledgerConfig(),
            Runtime.getRuntime().maxMemory());
        if (heap != null) {
            LOG.warn(heap);
        }
        final RingbookServer server = RingbookServer.start(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ringbook-shutdown"));
        LOG.info("ready: binary protocol on " + config.gateway().bindAddress() + ":" + server.binaryPort()
            + ", HTTP on http://" + config.gateway().bindAddress() + ":" + server.httpPort() + "/v1");
        stopped.await();
        return 0;
    }

    /** The settings from the options; bad values fail here with the config's own message. */
    ServerConfig config() {
        final EngineConfig defaults = DEFAULTS.store().engine();
        final EngineConfig engine = new EngineConfig(ringSize, requestSizeMax, waitStrategy,
            LedgerConfig.of(accountsCapacity, transfersCapacity), defaults.journalSink(), defaults.clock(),
            defaults.haltPolicy(), queryScanMax);
        final StoreConfig store = new StoreConfig(dataDirectory, durability, engine, snapshotEveryEvents,
            Duration.ofSeconds(snapshotEverySeconds), snapshotsKept);
        final GatewayConfig gateway = new GatewayConfig(bindAddress, binaryPort, httpPort, frameMaxBytes,
            maxInFlight, Duration.ofSeconds(readTimeoutSeconds), ioThreads);
        return new ServerConfig(store, gateway, clock == ClockMode.MANUAL, Duration.ofMillis(pulseEveryMs));
    }

    /**
     * A setting the config rejected: its message and the usage hint, no stack trace. A data directory another
     * process holds: one line naming it and the holder's pid.
     */
    private static int badSetting(final Exception e, final CommandLine commandLine,
                                  final CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof DataDirectoryInUseException) {
            commandLine.getErr().println("ringbook: " + ((DataDirectoryInUseException) e).inUse()
                + "; stop it first or use another --data-dir");
            return DATA_DIRECTORY_IN_USE;
        }
        if (!(e instanceof IllegalArgumentException)) {
            throw e;
        }
        commandLine.getErr().println("ringbook: " + e.getMessage());
        commandLine.getErr().println("Try 'ringbook --help'.");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Every setting on one line each, printed at start. */
    static String describe(final ServerConfig config) {
        final StoreConfig store = config.store();
        final EngineConfig engine = store.engine();
        final GatewayConfig gateway = config.gateway();
        return "settings:"
            + "\n  data directory        " + store.dataDirectory().toAbsolutePath()
            + "\n  durability            " + store.durability().name().toLowerCase(java.util.Locale.ROOT)
            + "\n  snapshots             every " + store.snapshotEveryEvents() + " events or "
            + store.snapshotEvery().toSeconds() + " s, keep " + store.snapshotsKept()
            + "\n  capacity              " + engine.ledgerConfig().accountsCapacity() + " accounts, "
            + engine.ledgerConfig().transfersCapacity() + " transfers"
            + "\n  ring                  " + engine.ringSize() + " slots, batch max " + engine.requestSizeMax()
            + ", wait strategy " + engine.waitStrategy() + ", query scan max " + engine.queryScanMax() + " rows"
            + "\n  listen                " + gateway.bindAddress() + " binary " + gateway.binaryPort() + ", http "
            + gateway.httpPort()
            + "\n  limits                frame max " + gateway.frameMaxBytes() + " B, " + gateway.maxInFlight()
            + " in flight per connection, read timeout " + gateway.readTimeout().toSeconds() + " s, "
            + gateway.ioThreads() + " I/O threads"
            + "\n  clock                 " + (config.manualClock() ? "manual (POST /v1/admin/clock)" : "wall, pulse "
            + "every " + config.pulseEvery().toMillis() + " ms");
    }

    /** Parses {@code none|process|fsync}. */
    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(final String value) {
            return Durability.of(value);
        }
    }

    /** Where arrival times come from. */
    enum ClockMode {
        WALL, MANUAL
    }
}
