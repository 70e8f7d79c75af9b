package io.ringbook.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ringbook.benchmarks.EventCounters;
import io.ringbook.benchmarks.Workload;
import io.ringbook.benchmarks.WorkloadStream;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.engine.command.CommandArray;
import io.ringbook.gateway.binary.BinaryCodecBenchmark;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/JSON server's codec for {@code POST /v1/transfers}, each step alone on the benchmark thread (no socket, no
 * HTTP framing, no event loop, no ring): how many transfers per second one core of the HTTP server can parse and
 * answer, to set beside {@link BinaryCodecBenchmark}, which measures the binary protocol on the same input.
 *
 * <pre>
 *   serverDecodeRequest   JSON body -&gt; Transfer list -&gt; ring slots   RequestAdapter.transfers, RequestLayout
 *   serverEncodeReply     CreateResult list -&gt; JSON body            JsonPublisher.createResults + encode
 * </pre>
 *
 * <p>What each step runs. The decode is the server's own parser: {@link RequestAdapter#transfers} (Jackson's streaming
 * parser through {@code JsonInput}, every field checked by kind, one {@code Transfer} per element, limit
 * {@code requestSizeMax} of the default engine config), then per slot {@code Command.prepare} and
 * {@link RequestLayout#TRANSFERS}, exactly as {@code Ringbook.createTransfers} has the engine fill them; the future,
 * the ring claim and publish are not included, and the slots are a {@link CommandArray} of the request's size. The body
 * is a direct buffer from the default allocator; the server's aggregator hands over its own (possibly composite) one.
 * The encode is {@link JsonPublisher#encode} of {@link JsonPublisher#createResults} into a buffer from the default
 * allocator (a connection's {@code alloc()}), released after; the list of results it encodes is built once, the way
 * the engine's reply thread builds it ({@code RequestLayout.readEach} with {@code CommandCodec::readCreateResult}),
 * and the per-status counting for the metrics is not included. Each trial set-up checks that the decoded transfers
 * equal the stream's.
 *
 * <p>Input, the same as {@link BinaryCodecBenchmark}'s: {@code batchSize} events of {@code uniform-10k} (seed 1) from
 * the middle of a standard pass, results {@code created} with 19-digit timestamps and {@code exceeds_credits} on
 * every 66th. The body is written the way the load generator's HTTP target writes it ({@code LoadTarget.Http}): per
 * transfer {@code id}, {@code debit_account_id}, {@code credit_account_id}, {@code amount}, {@code pending_id} and
 * {@code timeout} only when not zero, {@code ledger}, {@code code} and {@code flags} as an array of names, in that
 * order, no spaces.
 *
 * <p>Scores: the primary score is requests per second; {@code events} (see {@link EventCounters}) is transfers (or
 * results) per second, the figure to read; {@code rejected} stays 0.
 *
 * <p>Capacity: a transfer of this workload is 107.7 bytes of JSON (881,773 bytes for 8190) and its result 77 to 79
 * (644,661 bytes for 8190; the set-up prints the sizes), against 112 and 16 bytes in the binary protocol: the request
 * is about as large, the reply about five times larger, before HTTP headers. What the HTTP path costs beyond the
 * binary one is parsing and the objects it builds (a {@code Transfer} and field-path strings per transfer on the way
 * in, a {@code CreateResult} per result on the way out), not bytes on the wire.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JsonCodecBenchmark {
    private static final JsonFactory JSON = new JsonFactory();

    /** Transfers per request (8190 is the engine's most). */
    @Param({"1", "100", "8190"})
    public int batchSize;

    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private final RequestAdapter adapter = new RequestAdapter(EngineConfig.defaults().requestSizeMax());
    /** Stands for the request's pending reply, which every slot of a request references. */
    private final Object replyContext = new Object();
    private List<Transfer> transfers;
    private ByteBuf requestBody;
    private List<CreateResult> results;
    private CommandArray slots;
    private long requestId;

    @Setup(Level.Trial)
    public void build() {
        final WorkloadStream stream = Workload.of(BinaryCodecBenchmark.WORKLOAD).stream(BinaryCodecBenchmark.SEED);
        transfers = List.copyOf(stream.transfers(BinaryCodecBenchmark.FIRST_EVENT, batchSize));
        final byte[] json = transfersJson(transfers);
        requestBody = allocator.directBuffer(json.length).writeBytes(json);
        results = RequestLayout.readEach(BinaryCodecBenchmark.answeredRequest(stream, batchSize),
            CommandCodec::readCreateResult);
        slots = new CommandArray(batchSize);
        checkDecode();
        final ByteBuf reply = encodeReply();
        System.out.printf("%nJSON, %d transfer(s): request %,d bytes (%.1f per transfer), reply %,d bytes "
                + "(%.1f per result)%n", batchSize, json.length, (double) json.length / batchSize,
            reply.readableBytes(), (double) reply.readableBytes() / batchSize);
        reply.release();
    }

    @TearDown(Level.Trial)
    public void release() {
        requestBody.release();
    }

    /** Server: a {@code POST /v1/transfers} body parsed and copied into slots. */
    @Benchmark
    public void serverDecodeRequest(final EventCounters counters, final Blackhole blackhole) {
        final int count = decodeRequest();
        blackhole.consume(slots.get(count - 1).amount);
        counters.events += count;
    }

    /** Server: the JSON answer to a create_transfers request, then released (as once written). */
    @Benchmark
    public void serverEncodeReply(final EventCounters counters, final Blackhole blackhole) {
        final ByteBuf reply = encodeReply();
        blackhole.consume(reply.writerIndex());
        reply.release();
        counters.events += results.size();
    }

    /** As the HTTP route: the adapter's records, then the engine's publish writing each into its slot. */
    private int decodeRequest() {
        final List<Transfer> decoded = adapter.transfers(requestBody);
        final int count = decoded.size();
        final long id = ++requestId;
        for (int i = 0; i < count; i++) {
            final Command slot = slots.get(i);
            slot.prepare(Operation.CREATE_TRANSFERS, id, i, count, 0, replyContext);
            RequestLayout.TRANSFERS.fill(slot, i, decoded);
        }
        return count;
    }

    private ByteBuf encodeReply() {
        return JsonPublisher.encode(allocator, JsonPublisher.createResults(Operation.CREATE_TRANSFERS, results));
    }

    /** Fails the trial unless the body decodes into exactly the stream's transfers. */
    private void checkDecode() {
        final int count = decodeRequest();
        if (count != transfers.size()) {
            throw new IllegalStateException("the body holds " + count + " transfers, not " + batchSize);
        }
        for (int i = 0; i < count; i++) {
            if (!CommandCodec.readTransfer(slots.get(i)).equals(transfers.get(i))) {
                throw new IllegalStateException("transfer " + i + " differs after writing and parsing the JSON");
            }
        }
    }

    /** The request body the load generator sends for these transfers (field order and omissions as it writes them). */
    static byte[] transfersJson(final List<Transfer> list) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (final Transfer transfer : list) {
                writeTransfer(json, transfer);
            }
            json.writeEndArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTransfer(final JsonGenerator json, final Transfer transfer) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", transfer.id());
        json.writeNumberField("debit_account_id", transfer.debitAccountId());
        json.writeNumberField("credit_account_id", transfer.creditAccountId());
        json.writeNumberField("amount", transfer.amount());
        if (transfer.pendingId() != 0) {
            json.writeNumberField("pending_id", transfer.pendingId());
        }
        if (transfer.timeout() != 0) {
            json.writeNumberField("timeout", Integer.toUnsignedLong(transfer.timeout()));
        }
        json.writeNumberField("ledger", transfer.ledger());
        json.writeNumberField("code", transfer.code());
        json.writeArrayFieldStart("flags");
        for (int bit = 0; bit < TransferFlags.NAMES.length; bit++) {
            if (transfer.hasFlag(1 << bit)) {
                json.writeString(TransferFlags.NAMES[bit]);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
